// Metadata conditions as SQL. Keys and operands are always parameters. Equality and `in` are
// containment (`@>`), which the (workspace_id, metadata jsonb_path_ops) GIN index answers; ranges
// and `exists` read each row of the workspace. A range compares only values of its own type
// (jsonb_typeof guards inside CASE, which PostgreSQL evaluates in order), so no cast can fail.
import { Prisma } from "@/lib/generated/prisma/client";
import {
  candidateJson,
  equalityCandidates,
  ISO_DATE_PATTERN,
  RANGE_OPERATORS,
  rangeOperand,
  type MetadataFilter,
  type Scalar,
} from "./metadata-filter";

const SQL_OPERATOR = { gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;
/** A stored date-time that names its offset; others are read as UTC (see ISO_DATE_PATTERN). */
const HAS_OFFSET = "(?:[zZ]|[+-]\\d\\d(?::?\\d\\d)?)$";

function anyOf(key: string, values: Scalar[]) {
  const objects = values.flatMap((v) =>
    equalityCandidates(v).map((c) => Prisma.sql`jsonb_build_object(${key}::text, ${candidateJson(c, v)}::jsonb)`),
  );
  return objects.length === 1
    ? Prisma.sql`c.metadata @> ${objects[0]}`
    : Prisma.sql`c.metadata @> ANY(ARRAY[${Prisma.join(objects)}])`;
}

function rangeSql(key: string, op: (typeof RANGE_OPERATORS)[number], operand: string | number) {
  const value = Prisma.sql`(c.metadata -> ${key}::text)`;
  const text = Prisma.sql`(c.metadata ->> ${key}::text)`;
  const cmp = Prisma.raw(SQL_OPERATOR[op]);
  const o = rangeOperand(operand);
  if (o.kind === "number")
    return Prisma.sql`CASE WHEN jsonb_typeof(${value}) = 'number' THEN ${value}::numeric ${cmp} ${o.text}::numeric END`;
  if (o.kind === "text") return Prisma.sql`CASE WHEN jsonb_typeof(${value}) = 'string' THEN ${text} ${cmp} ${o.text}::text END`;
  // Only strings shaped like a real ISO date reach the cast; February 29 also needs a leap year.
  const year = Prisma.sql`substr(${text}, 1, 4)::int`;
  const instant = Prisma.sql`(CASE WHEN length(${text}) = 10 THEN ${text} || 'T00:00:00Z' WHEN ${text} ~ ${HAS_OFFSET} THEN ${text} ELSE ${text} || 'Z' END)::timestamptz`;
  return Prisma.sql`CASE WHEN jsonb_typeof(${value}) = 'string' AND ${text} ~ ${ISO_DATE_PATTERN} THEN
    CASE WHEN substr(${text}, 6, 5) <> '02-29' OR (${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))
      THEN ${instant} ${cmp} to_timestamp(${o.ms}::double precision / 1000) END END`;
}

export function metadataSql(filter: MetadataFilter): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  for (const [key, c] of Object.entries(filter)) {
    if (c.eq !== undefined) parts.push(anyOf(key, [c.eq]));
    if (c.in) parts.push(anyOf(key, c.in));
    for (const op of RANGE_OPERATORS) {
      const operand = c[op];
      if (operand !== undefined) parts.push(rangeSql(key, op, operand));
    }
    if (c.exists !== undefined)
      parts.push(c.exists ? Prisma.sql`c.metadata ? ${key}::text` : Prisma.sql`NOT (c.metadata ? ${key}::text)`);
  }
  return parts;
}
