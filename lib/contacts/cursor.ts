// Opaque keyset cursors: the sort, the last row's sort value and its id, base64url-encoded.
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/api/errors";
import { looksLikeContactId } from "./get-contact";
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

/** Exactly what encodeCursor writes for a timestamp: `Date#toISOString()` of a year 0001–9999. */
function isEncodedInstant(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) || value.startsWith("0000")) return false;
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString() === value;
}

const isSortText = (value: string) => value.length <= 1000 && !value.includes("\u0000") && value.isWellFormed();

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
  // A forged cursor must not reach PostgreSQL with a value it rejects: check it against the sort it claims.
  const isTime = SORT_EXPR[sort.replace(/^-/, "") as SortColumn].cast === "timestamptz";
  if (!looksLikeContactId(c.i) || !(isTime ? isEncodedInstant(c.v) : isSortText(c.v))) throw invalid();
  return c as CursorValue;
}
