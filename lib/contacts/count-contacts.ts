// Totals for a filter. Exact when cheap: the trigger-kept counters answer "everyone", one tag, a
// status or suppressed; any other filter is counted within a small time budget. A count that
// would take longer does not hold back the rows: the first page then says `total_estimate` (the
// planner's estimate), and GET /contacts/count counts exactly.
import { Prisma } from "@/lib/generated/prisma/client";
import { inTransaction, query } from "@/lib/db/client";
import { sqlState } from "@/lib/api/errors";
import { filterSql, type ContactSelectionFilter } from "./filters";
import { filterHasCriteria, type ContactFilter } from "./schemas";

export type Total = { total: number } | { total_estimate: number };

/** Milliseconds a first page may spend counting its matches; 0 never counts inline. */
const countBudgetMs = () => Number(process.env.ROLO_COUNT_BUDGET_MS ?? 15);

/** The counter row kind and value that answer the filter alone, or null when counters cannot. */
function counterKey(filter: ContactSelectionFilter): { kind: string; value: string | null } | null {
  const parts = [filter, filter.segmentFilter].filter((f): f is ContactFilter => Boolean(f));
  const tags = new Set<string>();
  const statuses = new Set<string>();
  const suppressed = new Set<boolean>();
  for (const f of parts) {
    // Any criterion besides these three needs a real count (whatever criteria the grammar gains).
    if (filterHasCriteria({ ...f, tag: undefined, status: undefined, suppressed: undefined })) return null;
    f.tag?.forEach((t) => tags.add(t));
    if (f.status) statuses.add(f.status);
    if (f.suppressed !== undefined) suppressed.add(f.suppressed);
  }
  const keys = [
    ...[...tags].map((value) => ({ kind: "tag", value })),
    ...[...statuses].map((value) => ({ kind: "status", value })),
    ...[...suppressed].map((value) => ({ kind: "suppressed", value: String(value) })),
  ];
  if (keys.length === 0) return { kind: "all", value: null };
  return keys.length === 1 ? keys[0] : null;
}

async function counterTotal(workspaceId: string, key: { kind: string; value: string | null }) {
  const rows =
    key.kind === "all"
      ? await query<{ total: number }>(Prisma.sql`SELECT coalesce(sum(n), 0)::int AS total FROM contact_counts WHERE workspace_id = ${workspaceId}`)
      : await query<{ total: number }>(Prisma.sql`
          SELECT coalesce(sum(n), 0)::int AS total FROM contact_filter_counts
           WHERE workspace_id = ${workspaceId} AND kind = ${key.kind} AND value = ${key.value}`);
  return rows[0].total;
}

const countSql = (workspaceId: string, filter: ContactSelectionFilter) =>
  Prisma.sql`SELECT count(*)::int AS total FROM contacts c WHERE ${filterSql(workspaceId, filter)}`;

/** The exact number of contacts the filter matches, however long counting takes (unless `signal` aborts). */
export async function countContacts(workspaceId: string, filter: ContactSelectionFilter, signal?: AbortSignal): Promise<number> {
  const key = counterKey(filter);
  if (key) return counterTotal(workspaceId, key);
  return (await query<{ total: number }>(countSql(workspaceId, filter), { signal }))[0].total;
}

/** The fewest contacts that any of these tags has, by the kept counters (0 for a tag nobody has). */
export async function fewestTagged(workspaceId: string, tags: string[]): Promise<number> {
  const rows = await query<{ n: number }>(Prisma.sql`
    SELECT coalesce(min(n), 0)::int AS n FROM (
      SELECT coalesce(sum(k.n), 0) AS n FROM unnest(${tags}::text[]) AS t(tag)
        LEFT JOIN contact_filter_counts k ON k.workspace_id = ${workspaceId} AND k.kind = 'tag' AND k.value = t.tag
       GROUP BY t.tag) per_tag`);
  return rows[0].n;
}

/**
 * The exact total if it is known within the budget, else the planner's estimate, marked as one.
 * With `rows` (a first page's rows query, resolving to the number of matches when the page holds
 * them all), counting starts once the rows are in and gets what is left of the budget: a search
 * whose rows alone take longer (a trigram scan at 1M contacts) does not run the same scan a
 * second time beside them, only to be canceled. A page that holds every match needs no count.
 * `tagged`: what `fewestTagged` said for the filter's tags, when the caller asked it already.
 */
export async function quickTotal(workspaceId: string, filter: ContactSelectionFilter, rows?: Promise<number | undefined>, tagged?: number): Promise<Total> {
  const key = counterKey(filter);
  // A filter of one tag alone: its counter is the fewest of its tags.
  if (key) return { total: key.kind === "tag" && tagged !== undefined ? tagged : await counterTotal(workspaceId, key) };
  const started = performance.now();
  const all = await rows; // (their error is the page's error)
  if (all !== undefined) return { total: all };
  const budget = countBudgetMs() - (performance.now() - started);
  if (budget >= 1) {
    try {
      return await inTransaction(async (run) => {
        await run(Prisma.sql`SELECT set_config('statement_timeout', ${String(Math.ceil(budget))}, true)`);
        return { total: (await run<{ total: number }>(countSql(workspaceId, filter)))[0].total };
      });
    } catch (error) {
      if (sqlState(error) !== "57014") throw error; // 57014: canceled by the statement timeout
    }
  }
  const plan = await query<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    Prisma.sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM contacts c WHERE ${filterSql(workspaceId, filter)}`,
  );
  return { total_estimate: Math.round(plan[0]["QUERY PLAN"][0].Plan["Plan Rows"]) };
}
