// The list filter grammar as SQL, shared by list, export and bulk selections.
import { Prisma } from "@/lib/generated/prisma/client";
import type { ContactFilter } from "./schemas";

/** Must stay identical to the expression of contacts_search_trgm_idx so the trigram index is used. */
export const SEARCH_EXPR = Prisma.raw(
  `lower(coalesce(c.email::text, '') || ' ' || coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || ' ' || coalesce(c.phone, ''))`,
);
const EMAIL_EXPR = Prisma.raw(`lower(coalesce(c.email::text, ''))`);

const likePattern = (needle: string) => `%${needle.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export function filterSql(workspaceId: string, filter: ContactFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`c.workspace_id = ${workspaceId}`];
  if (filter.search) parts.push(Prisma.sql`${SEARCH_EXPR} LIKE ${likePattern(filter.search)}`);
  // The search text contains the email, so its trigram index finds the candidates.
  if (filter.email) parts.push(Prisma.sql`${SEARCH_EXPR} LIKE ${likePattern(filter.email)} AND ${EMAIL_EXPR} LIKE ${likePattern(filter.email)}`);
  if (filter.tag?.length) parts.push(Prisma.sql`c.tags @> ${filter.tag}::text[]`);
  if (filter.status) parts.push(Prisma.sql`c.status = ${filter.status}::"ContactStatus"`);
  if (filter.suppressed !== undefined) parts.push(Prisma.sql`c.suppressed = ${filter.suppressed}`);
  if (filter.created_after) parts.push(Prisma.sql`c.created_at > ${filter.created_after}::timestamptz`);
  if (filter.created_before) parts.push(Prisma.sql`c.created_at < ${filter.created_before}::timestamptz`);
  return Prisma.join(parts, " AND ");
}
