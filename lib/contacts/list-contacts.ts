import { Prisma } from "@/lib/generated/prisma/client";
import { query as sqlQuery } from "@/lib/db/client";
import { decodeCursor, encodeCursor, sortSql } from "./cursor";
import { filterSql, type ContactSelectionFilter } from "./filters";
import type { ListQuery } from "./schemas";
import { quickTotal, type Total } from "./count-contacts";
import { RETURNING } from "./sql";
import { serializeContact, type ContactRow } from "./serialize";

/**
 * Keyset-paginated list. The first page also says how many match: `total` when it is exact and
 * quick (kept counters, in parallel with the rows; or counted after them within the budget),
 * else `total_estimate` (lib/contacts/count-contacts.ts).
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
  const rowsQuery = sqlQuery<ContactRow & { sort_key: string | Date }>(Prisma.sql`
    SELECT ${Prisma.raw(RETURNING)}, ${order.key} AS sort_key FROM contacts c
    WHERE ${whereSql} ORDER BY ${order.orderBy} LIMIT ${limit + 1} OFFSET ${cursor ? 0 : (offset ?? 0)}`,
    // A search made stale by the next keystroke (the client aborts) stops in PostgreSQL.
    { signal },
  );
  const totalQuery: Promise<Total | undefined> = cursor ? Promise.resolve(undefined) : quickTotal(workspaceId, query, rowsQuery);
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
