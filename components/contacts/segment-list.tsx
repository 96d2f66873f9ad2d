"use client";
// The saved segments with their counts, as links: opening one puts it in the URL (shareable, and
// the back button returns to the previous view). "All contacts" leaves any segment and filter.
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { SegmentView } from "@/lib/segments/schemas";
import { contactsCountQuery, type TableUrlState } from "./use-contacts-query";

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

/**
 * A segment's count: exact when the list had it; otherwise "≈" and the estimate until the exact
 * count (GET /contacts/count, shared with the table's total for the same view) arrives. Counting
 * a broad segment keeps a core busy for a while: it starts only once the table's rows have stood
 * still (`countNow`), not while the page loads or a search is typed.
 */
function SegmentCount({ segment, countNow }: { segment: SegmentView; countNow: boolean }) {
  const exact = useQuery({
    ...contactsCountQuery(new URLSearchParams({ segment: segment.id })),
    enabled: segment.count === undefined && countNow,
    staleTime: 30_000,
  });
  const count = segment.count ?? exact.data;
  const label = count !== undefined ? count.toLocaleString("en") : segment.count_estimate !== undefined ? `≈${segment.count_estimate.toLocaleString("en")}` : "";
  return <span className="text-xs text-slate-500 tabular-nums">{label}</span>;
}

export function SegmentList({ active, onOpen, countNow }: { active: string; onOpen: (view: Partial<TableUrlState>) => void; countNow: boolean }) {
  const segments = useQuery(SEGMENTS_QUERY);
  const item = (href: string, current: boolean, view: Partial<TableUrlState>, label: string, segment?: SegmentView) => (
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
        {segment ? <SegmentCount segment={segment} countNow={countNow} /> : null}
      </a>
    </li>
  );
  return (
    <nav aria-label="Segments" className="text-sm">
      <h2 className="mb-2 px-2.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Segments</h2>
      <ul className="space-y-0.5">
        {item("/contacts", !active, segmentView(""), "All contacts")}
        {segments.data?.data.map((s) =>
          item(`/contacts?segment=${encodeURIComponent(s.id)}`, s.id === active, segmentView(s.id), s.name, s),
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
