"use client";
// The contact's activity, newest first, a page at a time.
import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { Button } from "@/components/ui/button";
import { actorLabel, changeLines, eventLabel, When } from "./activity-format";

// Under ["contacts", …] so the contact form's invalidation of ["contacts"] after a save refreshes it.
const activityKey = (contactId: string) => ["contacts", contactId, "activity"];

export function ActivityTimeline({ contactId }: { contactId: string }) {
  const events = useInfiniteQuery({
    queryKey: activityKey(contactId),
    queryFn: ({ pageParam, signal }) => api.listContactActivity(contactId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.has_more ? (last.next_cursor ?? undefined) : undefined),
  });
  const list = events.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section aria-labelledby="activity-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="activity-heading" className="text-lg font-semibold">
        Activity
      </h2>
      {events.isPending ? (
        <p className="text-sm text-slate-500">Loading activity…</p>
      ) : events.isError && !list.length ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the activity: {events.error.message}
        </p>
      ) : list.length === 0 ? (
        <p className="text-sm text-slate-500">No activity recorded yet.</p>
      ) : (
        <ol aria-label="Events" className="divide-y divide-slate-100">
          {list.map((event) => {
            const changes = changeLines(event.changes);
            return (
              <li key={event.id} className="space-y-1 py-2">
                <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                  <span className="font-medium text-slate-900">{eventLabel(event.type)}</span>{" "}
                  <span className="text-slate-600">by {actorLabel(event.actor)}</span>{" "}
                  <When iso={event.created_at} className="ml-auto text-xs text-slate-500" />
                </p>
                {changes.length ? (
                  <ul aria-label="Changes" className="space-y-0.5 text-sm text-slate-700">
                    {changes.map((change) => (
                      <li key={change.field} className="font-mono text-xs break-all">
                        {change.text}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {events.hasNextPage ? (
        <Button onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          {events.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : null}
      {events.isFetchNextPageError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load more: {events.error?.message}
        </p>
      ) : null}
    </section>
  );
}
