"use client";
// What the user decides besides the mapping: existing contacts, the country of national phone
// numbers, and (with a warning) whether the file may subscribe people who opted out or bring back
// people who were erased.
import { useMemo } from "react";
import { Select } from "@/components/ui/field";

export interface ImportChoices {
  onConflict: "update" | "skip";
  country: string;
  resubscribe: boolean;
  allowErased: boolean;
}

const regionNames = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "region" }) : null;

/** ISO codes with their English names, by name; the country list comes from the server (libphonenumber's). */
export function useCountryOptions(countries: string[]) {
  return useMemo(
    () => countries.map((code) => ({ code, name: regionNames?.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name)),
    [countries],
  );
}

export function ImportOptions({ choices, onChange, countries }: { choices: ImportChoices; onChange: (c: ImportChoices) => void; countries: string[] }) {
  const options = useCountryOptions(countries);
  return (
    <div className="grid gap-4 text-sm sm:grid-cols-2">
      <fieldset className="space-y-1">
        <legend className="font-medium text-slate-700">When a contact already exists</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="on_conflict" checked={choices.onConflict === "update"} onChange={() => onChange({ ...choices, onConflict: "update" })} className="accent-indigo-600" />
          Update it with the file’s values
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="on_conflict" checked={choices.onConflict === "skip"} onChange={() => onChange({ ...choices, onConflict: "skip" })} className="accent-indigo-600" />
          Skip it and leave it unchanged
        </label>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="import-country" className="block font-medium text-slate-700">
          Phone numbers without a country code are in
        </label>
        <Select id="import-country" value={choices.country} onChange={(e) => onChange({ ...choices, country: e.target.value })} className="w-64">
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name} ({o.code})
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1 sm:col-span-2">
        <label className="flex items-center gap-2 font-medium text-slate-700">
          <input type="checkbox" checked={choices.resubscribe} onChange={(e) => onChange({ ...choices, resubscribe: e.target.checked })} className="accent-indigo-600" />
          Subscribe again people who unsubscribed or were suppressed
        </label>
        {choices.resubscribe ? (
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-900">
            Only if every one of them asked to be subscribed again. Subscribing people who opted out breaks anti-spam law in most countries (CAN-SPAM, GDPR, CASL) and harms your sender reputation.
          </p>
        ) : (
          <p className="text-slate-500">People who unsubscribed or were suppressed stay that way, whatever the file says; the import counts and lists them.</p>
        )}
      </div>
      <div className="space-y-1 sm:col-span-2">
        <label className="flex items-center gap-2 font-medium text-slate-700">
          <input type="checkbox" checked={choices.allowErased} onChange={(e) => onChange({ ...choices, allowErased: e.target.checked })} className="accent-indigo-600" />
          Add back people who were erased
        </label>
        <p className={choices.allowErased ? "rounded border border-amber-300 bg-amber-50 p-2 text-amber-900" : "text-slate-500"}>
          {choices.allowErased
            ? "Only if each of them asked to be added again: they asked for their data to be erased."
            : "Rows with the email or phone of an erased contact are refused and listed in the report."}
        </p>
      </div>
    </div>
  );
}
