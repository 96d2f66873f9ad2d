import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { decodeCursor, encodeCursor, sortSql } from "./cursor";
import { filterSql, type ContactSelectionFilter } from "./filters";
import { filterHasCriteria, type ListQuery } from "./schemas";
import { RETURNING } from "./sql";
import { serializeContact, type ContactRow } from "./serialize";

const hasFilter = (f: ContactSelectionFilter) => filterHasCriteria(f) || Boolean(f.segmentFilter && filterHasCriteria(f.segmentFilter));

/** Exact total: the trigger-kept counters when unfiltered, else a count of the matches. */
export async function countContacts(workspaceId: string, filter: ContactSelectionFilter) {
  const rows = hasFilter(filter)
    ? await db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM contacts c WHERE ${filterSql(workspaceId, filter)}`
    : await db.$queryRaw<{ total: number }[]>`SELECT coalesce(sum(n), 0)::int AS total FROM contact_counts WHERE workspace_id = ${workspaceId}`;
  return rows[0].total;
}

/** Keyset-paginated list; the exact total is counted only for the first page, in parallel. */
export async function listContacts({ workspaceId, query }: { workspaceId: string; query: ListQuery & ContactSelectionFilter }) {
  const { limit, sort, cursor, offset } = query;
  const order = sortSql(sort);
  const where = [filterSql(workspaceId, query)];
  if (cursor) {
    const c = decodeCursor(cursor, sort);
    where.push(order.after(c.v, c.i));
  }
  const whereSql = Prisma.join(where, " AND ");
  const rowsQuery = db.$queryRaw<(ContactRow & { sort_key: string | Date })[]>`
    SELECT ${Prisma.raw(RETURNING)}, ${order.key} AS sort_key FROM contacts c
    WHERE ${whereSql} ORDER BY ${order.orderBy} LIMIT ${limit + 1} OFFSET ${cursor ? 0 : (offset ?? 0)}`;
  const totalQuery = cursor ? Promise.resolve(undefined) : countContacts(workspaceId, query);
  const [rows, total] = await Promise.all([rowsQuery, totalQuery]);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    object: "list" as const,
    data: page.map(serializeContact),
    has_more: hasMore,
    next_cursor: hasMore && last ? encodeCursor(sort, last.sort_key, last.id) : null,
    ...(total === undefined ? {} : { total }),
  };
}
