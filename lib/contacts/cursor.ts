// Opaque keyset cursors: the sort, the last row's sort value and its id, base64url-encoded.
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/api/errors";
import type { ListQuery } from "./schemas";

type Sort = ListQuery["sort"];
type SortColumn = "created_at" | "updated_at" | "email" | "last_name";

/** Sort expressions match the (workspace_id, expr, id) indexes of the contacts table. */
const SORT_EXPR: Record<SortColumn, { expr: string; cast: string }> = {
  created_at: { expr: "c.created_at", cast: "timestamptz" },
  updated_at: { expr: "c.updated_at", cast: "timestamptz" },
  email: { expr: "lower(coalesce(c.email::text, ''))", cast: "text" },
  last_name: { expr: "lower(coalesce(c.last_name, ''))", cast: "text" },
};

export function sortSql(sort: Sort) {
  const desc = sort.startsWith("-");
  const { expr, cast } = SORT_EXPR[sort.replace(/^-/, "") as SortColumn];
  const dir = desc ? "DESC" : "ASC";
  return {
    key: Prisma.raw(expr),
    orderBy: Prisma.raw(`${expr} ${dir}, c.id ${dir}`),
    after: (value: string, id: string) =>
      Prisma.sql`(${Prisma.raw(expr)}, c.id) ${Prisma.raw(desc ? "<" : ">")} (${value}::${Prisma.raw(cast)}, ${id})`,
  };
}

interface CursorValue {
  s: Sort;
  v: string;
  i: string;
}

export function encodeCursor(sort: Sort, value: string | Date, id: string) {
  const v = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify({ s: sort, v, i: id } satisfies CursorValue)).toString("base64url");
}

export function decodeCursor(cursor: string, sort: Sort): CursorValue {
  const invalid = () => new ApiError("invalid_request", "The cursor is not valid for this list; start again without it");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const c = parsed as Partial<CursorValue> | null;
  if (!c || typeof c.v !== "string" || typeof c.i !== "string" || c.s !== sort) throw invalid();
  if (SORT_EXPR[sort.replace(/^-/, "") as SortColumn].cast === "timestamptz" && Number.isNaN(Date.parse(c.v))) throw invalid();
  return c as CursorValue;
}
