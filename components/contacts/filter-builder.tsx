"use client";
// Field, operator, value → one more condition of the view (kept in the URL); metadata keys are
// suggested from the workspace's own data. Active conditions are listed with a way to remove each.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "@/lib/api-client";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { describeCondition, FIELDS, isDateField, needsValue, operatorsFor, toCondition, type Field } from "./conditions";
import type { Condition } from "./use-contacts-query";

export function FilterBuilder({
  conditions,
  onChange,
}: {
  conditions: Condition[];
  onChange: (conditions: Condition[]) => void;
}) {
  const [field, setField] = useState<Field>("metadata");
  const [key, setKey] = useState("");
  const [operator, setOperator] = useState("eq");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();
  const suggestionsId = useId();
  const errorId = useId();
  const keys = useQuery({ queryKey: ["metadata-keys"], queryFn: () => api.listMetadataKeys(), staleTime: 60_000 });

  function add() {
    const condition = toCondition(field, key, operator, value);
    if ("error" in condition) return setError(condition.error);
    setError(undefined);
    setValue("");
    // The same parameter twice would mean only the last one: the new choice replaces the old.
    onChange([...conditions.filter(([param]) => param !== condition[0]), condition]);
  }

  return (
    <div className="space-y-2">
      <form
        aria-label="Add a filter"
        className="flex flex-wrap items-end gap-2 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label>
          <span className="mb-1 block font-medium text-slate-700">Field</span>
          <Select
            value={field}
            onChange={(e) => {
              const next = e.target.value as Field;
              setField(next);
              setOperator(operatorsFor(next)[0][0]);
              setError(undefined);
            }}
          >
            {FIELDS.map(([f, label]) => (
              <option key={f} value={f}>
                {label}
              </option>
            ))}
          </Select>
        </label>
        {field === "metadata" ? (
          <label>
            <span className="mb-1 block font-medium text-slate-700">Metadata key</span>
            <Input
              value={key}
              onChange={(e) => setKey(e.target.value)}
              list={suggestionsId}
              placeholder="e.g. plan"
              className="w-36"
              maxLength={200}
              aria-describedby={error ? errorId : undefined}
            />
            <datalist id={suggestionsId}>
              {keys.data?.data.map((k) => (
                <option key={k.key} value={k.key} />
              ))}
            </datalist>
          </label>
        ) : null}
        <label>
          <span className="mb-1 block font-medium text-slate-700">Operator</span>
          <Select value={operator} onChange={(e) => setOperator(e.target.value)}>
            {operatorsFor(field).map(([op, label]) => (
              <option key={op} value={op}>
                {label}
              </option>
            ))}
          </Select>
        </label>
        {needsValue(operator) ? (
          <label>
            <span className="mb-1 block font-medium text-slate-700">Value</span>
            <Input
              type={isDateField(field) ? "date" : "text"}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              placeholder={operator === "in" ? "a,b,c" : isDateField(field) ? undefined : "e.g. pro, 10, 2026-01-31"}
              className="w-44"
              maxLength={1000}
              aria-describedby={error ? errorId : undefined}
            />
          </label>
        ) : null}
        <Button type="submit">Add filter</Button>
        {error ? (
          <p id={errorId} role="alert" className="basis-full text-red-600">
            {error}
          </p>
        ) : null}
      </form>
      {conditions.length ? (
        <ul aria-label="Active filters" className="flex flex-wrap gap-1.5 text-sm">
          {conditions.map((condition, i) => {
            const text = describeCondition(condition);
            return (
              <li
                key={`${i}:${condition[0]}`}
                className="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-2.5 text-indigo-800"
              >
                {text}
                <button
                  type="button"
                  aria-label={`Remove filter: ${text}`}
                  className="rounded-full px-1.5 text-indigo-600 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  onClick={() => onChange(conditions.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
