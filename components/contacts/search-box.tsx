"use client";
// The contacts search box. Its text lives here, not in the table: a keystroke re-renders this box
// alone, and the table renders once, when the debounce hands the search over.
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/field";

const DEBOUNCE_MS = 100;

export function SearchBox({ value, onSearch }: { value: string; onSearch: (search: string) => void }) {
  const [input, setInput] = useState(value);
  // The search can change under us (back button, shared link, a segment opened): the box follows.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setInput(value);
  }
  useEffect(() => {
    if (input === value) return;
    const t = setTimeout(() => onSearch(input), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [input, value, onSearch]);
  return (
    <label className="min-w-56 flex-1 text-sm">
      <span className="mb-1 block font-medium text-slate-700">Search contacts</span>
      <Input type="search" value={input} onChange={(e) => setInput(e.target.value)} placeholder="Email, name or phone" />
    </label>
  );
}
