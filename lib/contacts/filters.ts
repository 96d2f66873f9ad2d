// The list filter grammar as SQL, shared by list, export and bulk selections.
import { Prisma } from "@/lib/generated/prisma/client";
import type { ContactFilter } from "./schemas";
import { metadataSql } from "./metadata-sql";

/** Must stay identical to the expression of contacts_search_trgm_idx so the trigram index is used. */
export const SEARCH_EXPR = Prisma.raw(
  `lower(coalesce(c.email::text, '') || ' ' || coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || ' ' || coalesce(c.phone, ''))`,
);
const EMAIL_EXPR = Prisma.raw(`lower(coalesce(c.email::text, ''))`);

const likePattern = (needle: string) => `%${needle.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** A filter, possibly within a saved segment: `segmentFilter` is that segment's filter (lib/segments resolves it). */
export type ContactSelectionFilter = ContactFilter & { segment?: string; segmentFilter?: ContactFilter };

export function filterSql(workspaceId: string, filter: ContactSelectionFilter): Prisma.Sql {
  // An unresolved segment would silently widen the selection to the whole workspace.
  if (filter.segment && !filter.segmentFilter) throw new Error("Resolve the segment (lib/segments) before building its SQL");
  const parts = [Prisma.sql`c.workspace_id = ${workspaceId}`, ...criteriaSql(filter), ...(filter.segmentFilter ? criteriaSql(filter.segmentFilter) : [])];
  return Prisma.join(parts, " AND ");
}

function criteriaSql(filter: ContactFilter): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (filter.search) parts.push(Prisma.sql`${SEARCH_EXPR} LIKE ${likePattern(filter.search)}`);
  // The search text contains the email, so its trigram index finds the candidates.
  if (filter.email) parts.push(Prisma.sql`${SEARCH_EXPR} LIKE ${likePattern(filter.email)} AND ${EMAIL_EXPR} LIKE ${likePattern(filter.email)}`);
  if (filter.tag?.length) parts.push(Prisma.sql`c.tags @> ${filter.tag}::text[]`);
  if (filter.status) parts.push(Prisma.sql`c.status = ${filter.status}::"ContactStatus"`);
  if (filter.suppressed !== undefined) parts.push(Prisma.sql`c.suppressed = ${filter.suppressed}`);
  if (filter.created_after) parts.push(Prisma.sql`c.created_at > ${filter.created_after}::timestamptz`);
  if (filter.created_before) parts.push(Prisma.sql`c.created_at < ${filter.created_before}::timestamptz`);
  if (filter.updated_after) parts.push(Prisma.sql`c.updated_at > ${filter.updated_after}::timestamptz`);
  if (filter.updated_before) parts.push(Prisma.sql`c.updated_at < ${filter.updated_before}::timestamptz`);
  if (filter.has_email !== undefined) parts.push(filter.has_email ? Prisma.sql`c.email IS NOT NULL` : Prisma.sql`c.email IS NULL`);
  if (filter.has_phone !== undefined) parts.push(filter.has_phone ? Prisma.sql`c.phone IS NOT NULL` : Prisma.sql`c.phone IS NULL`);
  if (filter.metadata) parts.push(...metadataSql(filter.metadata));
  return parts;
}
