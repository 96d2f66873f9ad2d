"use client";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

export type MetadataRow = { key: string; value: string };

export const toRows = (metadata: Record<string, unknown>): MetadataRow[] =>
  Object.entries(metadata).map(([key, value]) => ({ key, value: typeof value === "string" ? value : JSON.stringify(value) }));

/** Text that looks like JSON (numbers, booleans, objects, arrays) keeps its type; the rest is text. */
function parseValue(text: string): unknown {
  if (/^(-?\d+(\.\d+)?|true|false|null)$/.test(text.trim()) || /^[[{]/.test(text.trim())) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

export function rowsToMetadata(rows: MetadataRow[]) {
  return Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), parseValue(r.value)]));
}

export function MetadataEditor({ rows, onChange, disabled }: { rows: MetadataRow[]; onChange: (rows: MetadataRow[]) => void; disabled?: boolean }) {
  const set = (i: number, patch: Partial<MetadataRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Metadata</legend>
      {rows.length === 0 ? <p className="text-sm text-slate-500">No custom fields.</p> : null}
      {rows.map((row, i) => (
        <div key={i} className="flex gap-2">
          <Input aria-label={`Metadata key ${i + 1}`} placeholder="key" value={row.key} disabled={disabled} onChange={(e) => set(i, { key: e.target.value })} className="w-1/3" />
          <Input aria-label={`Metadata value ${i + 1}`} placeholder="value" value={row.value} disabled={disabled} onChange={(e) => set(i, { value: e.target.value })} />
          {!disabled ? (
            <Button variant="ghost" aria-label={`Remove metadata ${row.key || i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              ×
            </Button>
          ) : null}
        </div>
      ))}
      {!disabled ? <Button onClick={() => onChange([...rows, { key: "", value: "" }])}>Add field</Button> : null}
    </fieldset>
  );
}
