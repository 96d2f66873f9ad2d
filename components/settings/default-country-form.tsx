"use client";
// The workspace's default country: national phone numbers (API, dashboard, imports) are read in it.
import { useState } from "react";
import { api } from "@/lib/api-client";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useCountryOptions } from "@/components/imports/import-options";

export function DefaultCountryForm({ countries, current }: { countries: string[]; current: string }) {
  const toast = useToast();
  const options = useCountryOptions(countries);
  const [country, setCountry] = useState(current);
  const [saved, setSaved] = useState(current);
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    setProblem(undefined);
    try {
      const workspace = await api.updateWorkspace({ default_country: country });
      setSaved(workspace.default_country);
      toast(`Phone numbers without a country code are now read as ${workspace.default_country} numbers`);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="country-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="country-heading" className="text-lg font-semibold">Phone numbers</h2>
      <div className="space-y-1">
        <label htmlFor="default-country" className="block text-sm font-medium text-slate-700">
          Default country
        </label>
        <Select id="default-country" value={country} onChange={(e) => setCountry(e.target.value)} className="w-72">
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name} ({o.code})
            </option>
          ))}
        </Select>
        <p className="text-xs text-slate-500">
          Numbers written without a country code, such as (415) 555-0101, are read as numbers of this country and stored as +14155550101. Each import can choose another.
        </p>
      </div>
      {problem ? <p role="alert" className="text-sm text-red-600">{problem}</p> : null}
      <Button variant="primary" onClick={save} disabled={saving || country === saved}>
        Save
      </Button>
    </section>
  );
}
