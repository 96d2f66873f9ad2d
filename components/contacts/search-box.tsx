"use client";
// The contacts search box. Its text lives here, not in the table: a keystroke re-renders this box
// alone, and the table renders once, when the debounce hands the search over.
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/field";

// Short: typing at a usual pace (over 100 ms a key) asks for each prefix anyway, and the last
// keystroke's rows come 50 ms sooner. A search it makes stale is aborted, in PostgreSQL too.
const DEBOUNCE_MS = 50;

/** `onTyping(true)` while the box holds text not handed over yet (the view is about to change), then `onTyping(false)`. */
export function SearchBox({ value, onSearch, onTyping }: { value: string; onSearch: (search: string) => void; onTyping?: (typing: boolean) => void }) {
  const [input, setInput] = useState(value);
  // The search can change under us (back button, shared link, a segment opened): the box follows.
  // But not when the change is our own search coming back through the URL: the user may have
  // typed on meanwhile, and those keys must stay.
  const [seen, setSeen] = useState(value);
  const [handedOver, setHandedOver] = useState<string | null>(null);
  if (seen !== value) {
    setSeen(value);
    if (value === handedOver) setHandedOver(null);
    else setInput(value);
  }
  useEffect(() => {
    onTyping?.(input !== value);
    if (input === value) return;
    const t = setTimeout(() => {
      setHandedOver(input);
      onSearch(input);
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [input, value, onSearch, onTyping]);
  return (
    <label className="min-w-56 flex-1 text-sm">
      <span className="mb-1 block font-medium text-slate-700">Search contacts</span>
      <Input type="search" value={input} onChange={(e) => setInput(e.target.value)} placeholder="Email, name or phone" />
    </label>
  );
}
