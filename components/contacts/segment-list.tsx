"use client";
// The saved segments with their counts, as links: opening one puts it in the URL (shareable, and
// the back button returns to the previous view). "All contacts" leaves any segment and filter.
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { TableUrlState } from "./use-contacts-query";

export const SEGMENTS_QUERY = { queryKey: ["segments"], queryFn: () => api.listSegments(), staleTime: 30_000 };

/** A view with no filter and, optionally, a segment. */
export const segmentView = (segment: string): Partial<TableUrlState> => ({
  segment,
  search: "",
  status: "",
  tag: "",
  suppressed: "",
  conditions: [],
});

/** The exact count, or "≈" and the estimate when the list did not wait to count. */
const countLabel = (s: { count?: number; count_estimate?: number }) =>
  s.count !== undefined ? s.count.toLocaleString("en") : s.count_estimate !== undefined ? `≈${s.count_estimate.toLocaleString("en")}` : undefined;

export function SegmentList({ active, onOpen }: { active: string; onOpen: (view: Partial<TableUrlState>) => void }) {
  const segments = useQuery(SEGMENTS_QUERY);
  const item = (href: string, current: boolean, view: Partial<TableUrlState>, label: string, count?: string) => (
    <li key={href}>
      <a
        href={href}
        aria-current={current ? "page" : undefined}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; // new tab or window: let the browser do it
          e.preventDefault();
          onOpen(view);
        }}
        className="flex items-center justify-between gap-2 rounded-md px-2.5 py-1.5 text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-medium aria-[current=page]:text-indigo-700"
      >
        <span className="truncate">{label}</span>
        {count !== undefined ? <span className="text-xs text-slate-500 tabular-nums">{count}</span> : null}
      </a>
    </li>
  );
  return (
    <nav aria-label="Segments" className="text-sm">
      <h2 className="mb-2 px-2.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Segments</h2>
      <ul className="space-y-0.5">
        {item("/contacts", !active, segmentView(""), "All contacts")}
        {segments.data?.data.map((s) =>
          item(`/contacts?segment=${encodeURIComponent(s.id)}`, s.id === active, segmentView(s.id), s.name, countLabel(s)),
        )}
      </ul>
      {segments.isPending ? <p className="px-2.5 py-1.5 text-slate-500">Loading…</p> : null}
      {segments.isError ? (
        <p role="alert" className="px-2.5 py-1.5 text-red-600">
          Could not load segments
        </p>
      ) : null}
      {segments.data && !segments.data.data.length ? (
        <p className="px-2.5 py-1.5 text-slate-500">Filter the table, then save the view as a segment.</p>
      ) : null}
    </nav>
  );
}
