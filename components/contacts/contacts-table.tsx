"use client";
import Link from "next/link";
import { memo, useCallback, useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import {
  columnVisibilityFeature,
  FlexRender,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type Row,
  type RowSelectionState,
  type SortingState,
  type ColumnVisibilityState,
} from "@tanstack/react-table";
import type { Contact } from "@/lib/contacts/schemas";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { useStaff } from "@/components/layout/staff-context";
import { ApiClientError } from "@/lib/api-client";
import { cancelCounts, contactsPageQuery, hasFilters, PAGE_SIZES, toQuery, urlStateNow, useContactsQuery, useTableUrlState, viewFilter, type TableUrlState } from "./use-contacts-query";
import { SelectionBar, type Selection } from "./selection-bar";
import { FilterBuilder } from "./filter-builder";
import { SegmentList, segmentView } from "./segment-list";
import { SaveSegment } from "./save-segment";
import { ActiveSegment } from "./active-segment";
import { SearchBox } from "./search-box";

const features = tableFeatures({ rowSelectionFeature, rowSortingFeature, columnVisibilityFeature });
const SORTABLE: Record<string, string> = { email: "email", name: "last_name", created_at: "created_at", updated_at: "updated_at" };
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

const columns: ColumnDef<typeof features, Contact>[] = [
  {
    id: "select",
    enableSorting: false,
    enableHiding: false,
    header: ({ table }) => (
      <input
        type="checkbox"
        aria-label="Select all on this page"
        className="size-4 accent-indigo-600"
        checked={table.getIsAllPageRowsSelected()}
        ref={(el) => {
          if (el) el.indeterminate = table.getIsSomePageRowsSelected();
        }}
        onChange={(e) => table.toggleAllPageRowsSelected(e.target.checked)}
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select ${row.original.email ?? row.original.phone}`}
        className="size-4 accent-indigo-600"
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
  },
  {
    id: "email",
    header: "Email",
    accessorFn: (c) => c.email ?? "",
    cell: ({ row }) => (
      // No prefetch: 50 rows in view were 50 server renders of contact pages per page of rows (and
      // per search typed), competing with the next search; a contact page renders when opened.
      <Link href={`/contacts/${row.original.id}`} prefetch={false} className="font-medium text-indigo-700 hover:underline">
        {row.original.email ?? row.original.phone}
      </Link>
    ),
  },
  { id: "name", header: "Name", accessorFn: (c) => c.name ?? "" },
  { id: "phone", header: "Phone", accessorFn: (c) => c.phone ?? "" },
  {
    id: "status",
    header: "Status",
    enableSorting: false,
    accessorFn: (c) => c.status,
    cell: ({ row }) => (
      <span className="inline-flex gap-1">
        <span className={`rounded px-1.5 py-0.5 text-xs ${row.original.status === "subscribed" ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`}>
          {row.original.status}
        </span>
        {row.original.suppressed ? <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-700">suppressed</span> : null}
      </span>
    ),
  },
  {
    id: "tags",
    header: "Tags",
    enableSorting: false,
    accessorFn: (c) => c.tags.join(", "),
    cell: ({ row }) => (
      <span className="flex flex-wrap gap-1">
        {row.original.tags.slice(0, 4).map((t) => (
          <span key={t} className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-700">
            {t}
          </span>
        ))}
      </span>
    ),
  },
  { id: "created_at", header: "Created", accessorFn: (c) => c.created_at, cell: ({ row }) => dateFormat.format(new Date(row.original.created_at)) },
  { id: "updated_at", header: "Updated", accessorFn: (c) => c.updated_at, cell: ({ row }) => dateFormat.format(new Date(row.original.updated_at)) },
];

const EMPTY: Contact[] = [];
/** Stands for the first page (no cursor) in the URL's list of previous pages. */
const FIRST_PAGE = "_";

type ContactTableRow = Row<typeof features, Contact>;

/**
 * One row, rendered again only when its contact, its selection or the visible columns change:
 * handing a typed search over (and the URL update after it) re-renders the table while the
 * previous rows stand in, and rendering their 50 × 8 cells again held the main thread for
 * 50-80 ms just when the new rows arrive (bench/dashboard.ts breakdown).
 */
const ContactRow = memo(
  function ContactRow({ row }: { row: ContactTableRow; selected: boolean; columnsKey: string }) {
    return (
      <tr className="h-11 border-b border-slate-100 last:border-0 hover:bg-slate-50" aria-selected={row.getIsSelected()}>
        {row.getVisibleCells().map((cell) => (
          <td key={cell.id} className="px-3 py-1.5 whitespace-nowrap">
            <FlexRender cell={cell} />
          </td>
        ))}
      </tr>
    );
  },
  (a, b) => a.row.original === b.row.original && a.selected === b.selected && a.columnsKey === b.columnsKey,
);

export function ContactsTable() {
  const staff = useStaff();
  const [state, setState] = useTableUrlState();
  // The search the rows are fetched for: set together with the URL when the search box's
  // debounce fires, so the request leaves at once instead of after the router's (deferred)
  // update of the URL state.
  const [querySearch, setQuerySearch] = useState(state.search);
  // While a search is being typed, the current view's count and next page wait: they would
  // compete on the server with the rows the next keystroke asks for.
  const typing = useRef(false);
  const busy = useCallback(() => typing.current, []);
  const queryClient = useQueryClient();
  const onTyping = useCallback(
    (now: boolean) => {
      typing.current = now;
      // Counts in flight (the sidebar's segments, the view being left) make way for the search
      // being typed, down to PostgreSQL; they run again once the view stands still.
      if (now) void cancelCounts(queryClient);
    },
    [queryClient],
  );
  const { page, total, estimate, settled } = useContactsQuery(querySearch === state.search ? state : { ...state, search: querySearch, cursor: null, prev: [] }, { busy });
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);

  const onSearch = useCallback(
    (search: string) => {
      // The request leaves now; the render that follows finds it in flight under the same key
      // (useQuery would only start it after that render commits).
      void queryClient.prefetchQuery(contactsPageQuery({ ...urlStateNow(), search, cursor: null, prev: [] }));
      setQuerySearch(search);
      setState({ search }, { replace: true });
    },
    [queryClient, setState],
  );
  // The URL can change under us (back button, shared link): the query follows it.
  const [seenSearch, setSeenSearch] = useState(state.search);
  if (seenSearch !== state.search) {
    setSeenSearch(state.search);
    setQuerySearch(state.search);
  }
  // Another filter means another selection.
  const filterKey = JSON.stringify([state.search, state.status, state.tag, state.suppressed, state.segment, state.conditions]);
  const [selectionKey, setSelectionKey] = useState(filterKey);
  if (selectionKey !== filterKey) {
    setSelectionKey(filterKey);
    setRowSelection({});
    setAllMatching(false);
  }

  const sortDesc = state.sort.startsWith("-");
  const sortField = state.sort.replace(/^-/, "");
  const sorting: SortingState = useMemo(() => {
    const id = Object.entries(SORTABLE).find(([, f]) => f === sortField)?.[0];
    return id ? [{ id, desc: sortDesc }] : [];
  }, [sortField, sortDesc]);
  const columnVisibility: ColumnVisibilityState = useMemo(
    () => Object.fromEntries([...state.hidden.map((h) => [h, false]), ...(state.hidden.length ? [] : [["updated_at", false]])]),
    [state.hidden],
  );

  const table = useTable({
    features,
    columns,
    data: page.data?.data ?? EMPTY,
    getRowId: (row: Contact) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting, rowSelection, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (first && SORTABLE[first.id]) setState({ sort: `${first.desc ? "-" : ""}${SORTABLE[first.id]}` });
    },
    onRowSelectionChange: (updater) => {
      setAllMatching(false);
      setRowSelection((prev) => (typeof updater === "function" ? updater(prev) : updater));
    },
    onColumnVisibilityChange: (updater) => {
      const next = typeof updater === "function" ? updater(columnVisibility) : updater;
      setState({ hidden: Object.entries(next).filter(([, v]) => !v).map(([k]) => k) }, { replace: true });
    },
  });

  const clearSelection = useCallback(() => {
    setAllMatching(false);
    setRowSelection({});
  }, []);
  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const selection: Selection | null = allMatching
    ? { kind: "filter", filter: viewFilter(state), segment: state.segment || undefined, count: total ?? 0 }
    : selectedIds.length
      ? { kind: "ids", ids: selectedIds, count: selectedIds.length }
      : null;
  const pageNumber = state.prev.length + 1;
  const rows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns().length;

  return (
    <div className="grid gap-6 lg:grid-cols-[13rem_minmax(0,1fr)]">
    <aside>
      <SegmentList active={state.segment} onOpen={(view) => setState(view)} countNow={settled} />
    </aside>
    <section aria-labelledby="contacts-heading" className="min-w-0 space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="contacts-heading" className="text-2xl font-semibold">
          Contacts
        </h1>
        {staff.can("write") ? (
          <span className="flex gap-2">
          <Link href="/imports" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
            Import CSV
          </Link>
          <Link href="/contacts/new" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            New contact
          </Link>
          </span>
        ) : null}
      </div>
      {state.segment ? <ActiveSegment id={state.segment} canWrite={staff.can("write")} onDeleted={() => setState(segmentView(""))} /> : null}

      <div className="flex flex-wrap items-end gap-3" role="search">
        <SearchBox value={state.search} onSearch={onSearch} onTyping={onTyping} />
        <FilterSelect label="Status" value={state.status} onChange={(status) => setState({ status })} options={STATUS_OPTIONS} />
        <FilterSelect label="Suppressed" value={state.suppressed} onChange={(suppressed) => setState({ suppressed })} options={SUPPRESSED_OPTIONS} />
        <TagFilter key={state.tag} value={state.tag} onChange={(tag) => setState({ tag })} />
        {staff.can("write") && !state.segment && hasFilters(state) ? (
          <SaveSegment filter={viewFilter(state)} onSaved={(segment) => setState(segmentView(segment))} />
        ) : null}
        <a
          href={`/api/v1/contacts/export?${exportQuery(state)}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
          download
        >
          Export CSV
        </a>
        <details className="relative text-sm">
          <summary className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5">Columns</summary>
          <fieldset className="absolute right-0 z-10 mt-1 w-44 space-y-1 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
            <legend className="sr-only">Visible columns</legend>
            {table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide())
              .map((c) => (
                <label key={c.id} className="flex items-center gap-2">
                  <input type="checkbox" className="accent-indigo-600" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
                  {typeof c.columnDef.header === "string" ? c.columnDef.header : c.id}
                </label>
              ))}
          </fieldset>
        </details>
      </div>

      <FilterBuilder conditions={state.conditions} onChange={(conditions) => setState({ conditions })} />

      <SelectionBar
        selection={selection}
        pageSelectedAll={table.getIsAllPageRowsSelected()}
        total={total}
        canWrite={staff.can("write")}
        onSelectAllMatching={() => setAllMatching(true)}
        onClear={clearSelection}
      />

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-busy={page.isFetching} aria-describedby="contacts-summary">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const label = typeof header.column.columnDef.header === "string" ? header.column.columnDef.header : null;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className="px-3 py-2 font-medium whitespace-nowrap"
                      aria-sort={sorted ? (sorted === "desc" ? "descending" : "ascending") : undefined}
                    >
                      {header.column.getCanSort() && SORTABLE[header.column.id] ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
                          {label}
                          <span aria-hidden>{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={page.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
            {page.isPending ? (
              Array.from({ length: 8 }, (_, i) => (
                <tr key={i} className="h-11 border-b border-slate-100">
                  <td colSpan={visibleColumns} className="px-3">
                    <div className="h-3 w-full animate-pulse rounded bg-slate-100" />
                  </td>
                </tr>
              ))
            ) : page.isError ? (
              <tr>
                <td colSpan={visibleColumns} className="px-3 py-10 text-center">
                  <p role="alert" className="mb-3 text-red-700">
                    Could not load contacts: {page.error.message}
                    {page.error instanceof ApiClientError && page.error.details?.length
                      ? ` (${page.error.details.map((d) => `${d.path}: ${d.message}`).join("; ")})`
                      : null}
                  </p>
                  <Button onClick={() => page.refetch()}>Retry</Button>
                </td>
              </tr>
            ) : rows.length === 0 ? (
              <tr>
                <td colSpan={visibleColumns} className="px-3 py-10 text-center text-slate-500">
                  {hasFilters(state) || state.segment ? "No contacts match these filters." : "No contacts yet."}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <ContactRow key={row.id} row={row} selected={row.getIsSelected()} columnsKey={state.hidden.join()} />
              ))
            )}
          </tbody>
        </table>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p id="contacts-summary" className="text-slate-600" aria-live="polite">
          {total !== undefined
            ? `${total.toLocaleString("en")} contact${total === 1 ? "" : "s"}`
            : estimate !== undefined
              ? `About ${estimate.toLocaleString("en")} contacts (counting…)`
              : "Counting…"}{" "}
          · page {pageNumber}
          {total !== undefined ? ` of ${Math.max(1, Math.ceil(total / state.limit)).toLocaleString("en")}` : ""}
        </p>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-2">
            <span>Rows per page</span>
            <Select className="w-20" value={state.limit} onChange={(e) => setState({ limit: Number(e.target.value) })}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </label>
          <Button
            disabled={!state.cursor}
            onClick={() => {
              const previous = state.prev[state.prev.length - 1];
              setState({ cursor: previous === FIRST_PAGE ? null : previous, prev: state.prev.slice(0, -1) });
            }}
          >
            Previous
          </Button>
          <Button
            disabled={!page.data?.next_cursor || page.isPlaceholderData}
            onClick={() => setState({ cursor: page.data!.next_cursor, prev: [...state.prev, state.cursor ?? FIRST_PAGE] })}
          >
            Next
          </Button>
        </div>
      </div>
    </section>
    </div>
  );
}

function exportQuery(state: TableUrlState) {
  const q = toQuery(state, { withCursor: false });
  q.delete("sort");
  q.delete("limit");
  q.set("bom", "true");
  return q.toString();
}

const STATUS_OPTIONS = [
  ["subscribed", "Subscribed"],
  ["unsubscribed", "Unsubscribed"],
] as const;
const SUPPRESSED_OPTIONS = [
  ["true", "Suppressed"],
  ["false", "Not suppressed"],
] as const;

function FilterSelect({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: readonly (readonly [string, string])[] }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <Select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </label>
  );
}

function TagFilter({ value, onChange }: { value: string; onChange: (tag: string) => void }) {
  const [draft, setDraft] = useState(value);
  return (
    <form
      className="text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(draft.trim());
      }}
    >
      <label>
        <span className="mb-1 block font-medium text-slate-700">Tag</span>
        <Input value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={() => draft.trim() !== value && onChange(draft.trim())} placeholder="e.g. vip" className="w-32" />
      </label>
    </form>
  );
}
