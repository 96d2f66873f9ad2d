"use client";
// The contacts table's state lives in the URL; this turns it into API queries.
import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { usePathname, useSearchParams, type ReadonlyURLSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { api } from "@/lib/api-client";
import { foldMetadataParams } from "@/lib/contacts/metadata-params";

export const PAGE_SIZES = [25, 50, 100, 200] as const;
const FILTER_KEYS = ["search", "status", "tag", "suppressed", "segment"] as const;
/** Parameters the filter builder writes, kept in the URL exactly as the API reads them. */
const CONDITION_PARAM = /^(metadata\[[^\]]*\](\[[^\]]*\])?|has_email|has_phone|created_after|created_before|updated_after|updated_before)$/;

/** One filter builder condition: a query parameter of the API and its value. */
export type Condition = [param: string, value: string];

export interface TableUrlState {
  search: string;
  status: string;
  tag: string;
  suppressed: string;
  /** A saved segment's id: the view shows its contacts (and the other filters on top). */
  segment: string;
  conditions: Condition[];
  sort: string;
  limit: number;
  cursor: string | null;
  /** Cursors of the pages before this one, for "Previous". */
  prev: string[];
  hidden: string[];
}

function parseState(params: URLSearchParams | ReadonlyURLSearchParams): TableUrlState {
  const limit = Number(params.get("limit"));
  return {
    search: params.get("search") ?? "",
    status: params.get("status") ?? "",
    tag: params.get("tag") ?? "",
    suppressed: params.get("suppressed") ?? "",
    segment: params.get("segment") ?? "",
    conditions: [...params.entries()].filter(([k]) => CONDITION_PARAM.test(k)),
    sort: params.get("sort") ?? "-created_at",
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : 50,
    cursor: params.get("cursor"),
    prev: params.get("prev")?.split("~").filter(Boolean) ?? [],
    hidden: params.get("hide")?.split(",").filter(Boolean) ?? [],
  };
}

/** The table state the URL holds right now (callbacks that must not depend on a render's state). */
export const urlStateNow = () => parseState(new URLSearchParams(window.location.search));

export function useTableUrlState() {
  const params = useSearchParams();
  const pathname = usePathname();
  const state = useMemo(() => parseState(params), [params]);

  const setState = useCallback(
    (patch: Partial<TableUrlState>, { replace = false }: { replace?: boolean } = {}) => {
      // Patch the URL as it is now, not as it was when this callback was made: a debounced
      // search firing after another filter changed must not undo that change.
      const next = { ...urlStateNow(), ...patch };
      // Any change of filter, sort or page size starts again at the first page.
      const resetsPaging = Object.keys(patch).some((k) => [...FILTER_KEYS, "conditions", "sort", "limit"].includes(k));
      if (resetsPaging) Object.assign(next, { cursor: null, prev: [] });
      const q = filterParams(next);
      if (next.sort !== "-created_at") q.set("sort", next.sort);
      if (next.limit !== 50) q.set("limit", String(next.limit));
      if (next.cursor) q.set("cursor", next.cursor);
      if (next.prev.length) q.set("prev", next.prev.join("~"));
      if (next.hidden.length) q.set("hide", next.hidden.join(","));
      const url = `${pathname}${q.size ? `?${q}` : ""}`;
      // The History API updates useSearchParams without a server round trip (the table's data
      // comes from the API, not from the page), and keeps back/forward working.
      if (replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname],
  );
  return [state, setState] as const;
}

/** The filters of a table state (segment and builder conditions included) as API query parameters. */
function filterParams(state: TableUrlState) {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) if (state[k]) q.set(k, state[k]);
  for (const [param, value] of state.conditions) q.append(param, value);
  return q;
}

/** Does the view narrow anything besides its segment (what "save as a segment" would save)? */
export const hasFilters = (state: TableUrlState) => Boolean(state.search || state.status || state.tag || state.suppressed || state.conditions.length);

/** The view's filters in the API's JSON filter grammar (bulk selections, saved segments); the segment stays apart. */
export function viewFilter(state: TableUrlState): Record<string, unknown> {
  const conditions = foldMetadataParams(Object.fromEntries(state.conditions)) as Record<string, unknown>;
  return {
    ...(state.search ? { search: state.search } : {}),
    ...(state.status ? { status: state.status } : {}),
    ...(state.tag ? { tag: [state.tag] } : {}),
    ...(state.suppressed ? { suppressed: state.suppressed === "true" } : {}),
    ...conditions,
  };
}

/** The API query of a table state: filters, sort, size and (optionally) the cursor. */
export function toQuery(state: TableUrlState, { withCursor = true } = {}) {
  const q = filterParams(state);
  q.set("sort", state.sort);
  q.set("limit", String(state.limit));
  if (withCursor && state.cursor) q.set("cursor", state.cursor);
  return q;
}

/** The list query of a table state: one key and fetcher for the table, prefetches and the next page. */
export function contactsPageQuery(state: TableUrlState) {
  return pageQuery(toQuery(state));
}

const pageQuery = (query: URLSearchParams) => ({
  queryKey: ["contacts", query.toString()],
  queryFn: ({ signal }: { signal?: AbortSignal }) => api.listContacts(query, signal),
});

const COUNTS = "contacts-total";

/** The exact count of a view's filters (GET /contacts/count): one key for the table's total and the segment sidebar. */
export function contactsCountQuery(filter: URLSearchParams) {
  return {
    queryKey: [COUNTS, filter.toString()],
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.countContacts(filter, signal).then((r) => r.total),
  };
}

/** Aborts every exact count in flight (the server cancels its query); each runs again when next enabled. */
export const cancelCounts = (queryClient: QueryClient) => queryClient.cancelQueries({ queryKey: [COUNTS] });

/** How long a view must stand still before its exact count and its next page are asked for. */
const COUNT_AFTER_MS = 400;

/** Calls `onSettled` after `ms`, or, while `busy()`, at the first check every `ms` after that finds it idle. Returns the cancel. */
export function whenSettled(ms: number, busy: () => boolean, onSettled: () => void) {
  let t: ReturnType<typeof setTimeout>;
  const check = () => {
    if (busy()) t = setTimeout(check, ms);
    else onSettled();
  };
  t = setTimeout(check, ms);
  return () => clearTimeout(t);
}

/** True once `key` has not changed for `ms` and `busy()` is false; never while it is null. */
function useSettled(key: string | null, ms: number, busy: () => boolean) {
  const [settledKey, setSettledKey] = useState<string | null>(null);
  useEffect(() => (key === null ? undefined : whenSettled(ms, busy, () => setSettledKey(key))), [key, ms, busy]);
  return key !== null && settledKey === key;
}

const idle = () => false;

/**
 * The table's rows, total and the work ahead (exact count, next page). `busy` says the view is
 * about to change (a search being typed, not handed over yet): the work ahead waits for it.
 */
export function useContactsQuery(state: TableUrlState, { busy = idle }: { busy?: () => boolean } = {}) {
  const queryClient = useQueryClient();
  const page = useQuery({ ...contactsPageQuery(state), placeholderData: keepPreviousData });

  // The first page brings the exact total when it is quick, else an estimate; the exact count
  // then follows in its own request (GET /contacts/count), so the rows never wait for it. Deeper
  // pages ask for it once per filter.
  const filter = filterParams(state);
  // (While the previous filter's page stands in, its total is not this filter's.)
  const current = page.data && !page.isPlaceholderData ? page.data : undefined;
  const firstPageTotal = state.cursor ? undefined : current?.total;
  // Counting a broad filter is the most expensive read there is: only count a view whose rows
  // have stood on screen for a moment, not every prefix of a search being typed (each count would
  // keep the database busy while the next keystroke's rows are asked for).
  const settled = useSettled(current ? filter.toString() : null, COUNT_AFTER_MS, busy);
  const count = useQuery({
    ...contactsCountQuery(filter),
    enabled: settled && (Boolean(state.cursor) || (current !== undefined && current.total === undefined)),
    staleTime: 30_000,
  });

  // Prefetch the next page so "Next" is instant, once the rows have stood on screen: while a
  // search is typed, each prefix's page 2 would be a second search per keystroke, competing on
  // the server with the next keystroke's rows. And only from this view's own page: the previous
  // view's page standing in (placeholder) has the previous filter's cursor.
  const pageSettled = useSettled(current ? toQuery(state).toString() : null, COUNT_AFTER_MS, busy);
  const nextPage = pageSettled && current?.next_cursor ? toQuery({ ...state, cursor: current.next_cursor }).toString() : null;
  useEffect(() => {
    if (nextPage) void queryClient.prefetchQuery(pageQuery(new URLSearchParams(nextPage)));
  }, [nextPage, queryClient]);

  // `settled`: the view has stood still; other work ahead (the sidebar's segment counts) may start.
  return { page, total: firstPageTotal ?? count.data, estimate: state.cursor ? undefined : current?.total_estimate, settled };
}
