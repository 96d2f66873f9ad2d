import { Prisma } from "@/lib/generated/prisma/client";
import { query as sqlQuery } from "@/lib/db/client";
import { decodeCursor, encodeCursor, sortSql } from "./cursor";
import { filterSql, type ContactSelectionFilter } from "./filters";
import type { ListQuery } from "./schemas";
import { fewestTagged, quickTotal, type Total } from "./count-contacts";
import { RETURNING } from "./sql";
import { serializeContact, type ContactRow } from "./serialize";

/** A tag with at most this many contacts has its matches fetched first, then sorted. */
const FEW_TAGGED = 5_000;

/**
 * Keyset-paginated list. The first page also says how many match: `total` when it is exact and
 * quick (kept counters, in parallel with the rows; the page itself when it holds every match; or
 * counted after the rows within the budget), else `total_estimate` (lib/contacts/count-contacts.ts).
 */
export async function listContacts({ workspaceId, query, signal }: { workspaceId: string; query: ListQuery & ContactSelectionFilter; signal?: AbortSignal }) {
  const { limit, sort, cursor, offset } = query;
  const order = sortSql(sort);
  const where = [filterSql(workspaceId, query)];
  if (cursor) {
    const c = decodeCursor(cursor, sort);
    where.push(order.after(c.v, c.i));
  }
  const whereSql = Prisma.join(where, " AND ");
  // The planner cannot know how many contacts have a tag (a new one, or one nobody has), so it
  // walks the sort order expecting matches along the way: for a tag nobody has, the whole
  // workspace (~400 ms at 1M contacts). The kept counters know: a tag few contacts have is
  // looked up first (its GIN index), and only its matches are sorted.
  const tags = [...(query.tag ?? []), ...(query.segmentFilter?.tag ?? [])];
  const tagged = tags.length ? await fewestTagged(workspaceId, tags) : undefined;
  const from = tagged !== undefined && tagged <= FEW_TAGGED
    ? Prisma.sql`(SELECT * FROM contacts c WHERE ${whereSql} OFFSET 0) c`
    : Prisma.sql`contacts c WHERE ${whereSql}`;
  const rowsQuery = sqlQuery<ContactRow & { sort_key: string | Date }>(Prisma.sql`
    SELECT ${Prisma.raw(RETURNING)}, ${order.key} AS sort_key FROM ${from}
    ORDER BY ${order.orderBy} LIMIT ${limit + 1} OFFSET ${cursor ? 0 : (offset ?? 0)}`,
    // A search made stale by the next keystroke (the client aborts) stops in PostgreSQL.
    { signal },
  );
  // A first page short of full holds every match: its length is the total.
  const totalQuery: Promise<Total | undefined> = cursor
    ? Promise.resolve(undefined)
    : quickTotal(workspaceId, query, rowsQuery.then((rows) => (!offset && rows.length <= limit ? rows.length : undefined)), tagged);
  const [rows, total] = await Promise.all([rowsQuery, totalQuery]);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    object: "list" as const,
    data: page.map(serializeContact),
    has_more: hasMore,
    next_cursor: hasMore && last ? encodeCursor(sort, last.sort_key, last.id) : null,
    ...total,
  };
}
