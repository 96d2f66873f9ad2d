"use client";
import { useId, useState } from "react";
import { MAX_TAG_LENGTH } from "@/lib/contacts/schemas";
import { inputClass } from "@/components/ui/field";

/** Tags as chips: Enter or comma adds, Backspace on an empty box removes the last one. */
export function TagsInput({ value, onChange, disabled, invalid }: { value: string[]; onChange: (tags: string[]) => void; disabled?: boolean; invalid?: boolean }) {
  const [draft, setDraft] = useState("");
  const id = useId();
  const add = () => {
    const tag = draft.trim().slice(0, MAX_TAG_LENGTH);
    if (tag && !value.some((t) => t.toLowerCase() === tag.toLowerCase())) onChange([...value, tag]);
    setDraft("");
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Tags
      </label>
      <div className={`mt-1 flex flex-wrap items-center gap-1.5 ${inputClass}`} aria-invalid={invalid || undefined}>
        {value.map((tag) => (
          <span key={tag} className="inline-flex items-center gap-1 rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-700">
            {tag}
            {!disabled ? (
              <button type="button" aria-label={`Remove tag ${tag}`} className="text-indigo-500 hover:text-indigo-900" onClick={() => onChange(value.filter((t) => t !== tag))}>
                ×
              </button>
            ) : null}
          </span>
        ))}
        <input
          id={id}
          disabled={disabled}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={add}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === ",") {
              e.preventDefault();
              add();
            } else if (e.key === "Backspace" && !draft && value.length) onChange(value.slice(0, -1));
          }}
          placeholder={value.length ? "" : "Add a tag and press Enter"}
          className="min-w-24 flex-1 border-0 bg-transparent p-0 text-sm outline-none"
        />
      </div>
    </div>
  );
}
