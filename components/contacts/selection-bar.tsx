"use client";
// What is selected, ready for bulk actions: explicit ids, or "all N matching" the filter.
import { Button } from "@/components/ui/button";

export type Selection = { kind: "ids"; ids: string[]; count: number } | { kind: "filter"; count: number };

export function SelectionBar({
  selection,
  pageSelectedAll,
  total,
  onSelectAllMatching,
  onClear,
}: {
  selection: Selection | null;
  pageSelectedAll: boolean;
  total?: number;
  onSelectAllMatching: () => void;
  onClear: () => void;
}) {
  if (!selection) return null;
  return (
    <div role="region" aria-label="Selection" className="flex flex-wrap items-center gap-3 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm">
      <strong>{selection.count.toLocaleString("en")} selected</strong>
      {selection.kind === "ids" && pageSelectedAll && total !== undefined && total > selection.count ? (
        <Button variant="ghost" onClick={onSelectAllMatching}>
          Select all {total.toLocaleString("en")} matching
        </Button>
      ) : null}
      <Button variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
