// The metadata part of the filter grammar. Query strings say `metadata[plan]=pro` and
// `metadata[score][gte]=10` (folded by metadata-params.ts); JSON filters (bulk, segments) say
// `{"plan": "pro", "score": {"gte": 10}}`. Both are validated by one schema into one shape,
// `{ key: { operator: operand } }`, which metadata-sql.ts turns into SQL.
import { z } from "zod";

export const METADATA_OPERATORS = ["eq", "gt", "gte", "lt", "lte", "in", "exists"] as const;
export type MetadataOperator = (typeof METADATA_OPERATORS)[number];
export const RANGE_OPERATORS = ["gt", "gte", "lt", "lte"] as const;
export const MAX_METADATA_CONDITIONS = 20;
export const MAX_METADATA_KEY_LENGTH = 200;
const MAX_IN_VALUES = 100;
const MAX_OPERAND_LENGTH = 1000;

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

// ---- Operands ---------------------------------------------------------------------------------

/** JSON's number grammar, exponent of at most 3 digits (PostgreSQL's numeric reads all of them). */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d{1,3})?$/;
const DATE =
  "(?!0000)\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2\\d))";
const TIME = "[T ](?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,6})?)?";
const OFFSET = "(?:Z|z|[+-](?:0\\d|1[0-4])(?::?[0-5]\\d)?)";
/**
 * An ISO 8601 date or date-time (offset optional: UTC when absent) on a real calendar day, years
 * 0001–9999. Shared with the SQL, which casts a stored string to timestamptz only when it matches
 * (and February 29 falls in a leap year), so the cast can never fail.
 */
export const ISO_DATE_PATTERN = `^${DATE}(?:${TIME}${OFFSET}?)?$`;
const ISO_DATE = new RegExp(ISO_DATE_PATTERN);
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** Milliseconds since the epoch of an ISO date string (see ISO_DATE_PATTERN), or null if it is not one. */
export function isoInstant(s: string): number | null {
  if (!ISO_DATE.test(s)) return null;
  const year = Number(s.slice(0, 4));
  if (s.slice(5, 10) === "02-29" && !isLeap(year)) return null;
  const [, date, time = "T00:00", offset = "Z"] = /^(.{10})([T ][\d:.]+)?(.*)$/.exec(s)!;
  const [hh, mm, ss = "0"] = time.slice(1).split(":");
  const utc = new Date(0);
  utc.setUTCFullYear(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  utc.setUTCHours(Number(hh), Number(mm), 0, 0);
  const seconds = Number(ss) * 1000;
  const sign = offset.startsWith("-") ? -1 : 1;
  const [oh = "0", om = "0"] = /^[zZ]$/.test(offset) ? [] : (offset.slice(1).match(/\d\d/g) ?? []);
  return utc.getTime() + seconds - sign * (Number(oh) * 60 + Number(om)) * 60_000;
}

export type Scalar = string | number | boolean;

/** How a range operand compares: numbers as numbers, ISO dates as instants, anything else as text. */
export type RangeOperand = { kind: "number"; text: string } | { kind: "date"; ms: number } | { kind: "text"; text: string };

export function rangeOperand(v: string | number): RangeOperand {
  if (typeof v === "number") return { kind: "number", text: String(v) };
  if (NUMBER.test(v)) return { kind: "number", text: v };
  const ms = isoInstant(v);
  return ms === null ? { kind: "text", text: v } : { kind: "date", ms };
}

/**
 * The JSON values an equality operand matches: scalars compare by their text, so `10` and `"10"`
 * match both 10 and "10", `true` and `"true"` both true and "true" (a URL cannot tell them apart,
 * and a JSON filter means the same as its URL). Numbers compare numerically (10 matches 10.0).
 */
export function equalityCandidates(v: Scalar): Scalar[] {
  if (typeof v === "boolean") return [v, String(v)];
  if (typeof v === "number") return [v, String(v)];
  if (NUMBER.test(v)) return [v, Number(v)];
  if (v === "true" || v === "false") return [v, v === "true"];
  return [v];
}

/** JSON text of a candidate: numbers keep the operand's own digits (`1e500` would not survive Number). */
export const candidateJson = (v: Scalar, source: Scalar) =>
  typeof v === "number" && typeof source === "string" ? source : JSON.stringify(v);

// ---- Schema -----------------------------------------------------------------------------------

/** Shaped like an ISO date or date-time, real or not: such operands must be real dates. */
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[zZ]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const text = z
  .string()
  .max(MAX_OPERAND_LENGTH)
  .refine((s) => !NUMBER.test(s) || Number.isFinite(Number(s)), { error: "Number out of range" });
const scalar = z.union([text, z.number(), z.boolean()], { error: "Must be a string, a number or a boolean" });
const boolText = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], {
  error: "Must be true or false",
});
const range = z
  .union(
    [
      text.refine((s) => !DATE_LIKE.test(s) || isoInstant(s) !== null, {
        error: "Not a real date (ISO 8601, years 0001 to 9999)",
      }),
      z.number(),
    ],
    {
      error: "Must be a number, an ISO date or text",
    },
  )
  .meta({
    description: "Numbers compare with stored numbers, ISO dates with stored ISO date strings, other text with stored strings.",
  });

const operators = z.strictObject({
  eq: scalar.optional().meta({ description: 'Equal (scalars compare by their text: 10 matches 10 and "10").' }),
  gt: range.optional(),
  gte: range.optional(),
  lt: range.optional(),
  lte: range.optional(),
  in: z
    .array(scalar)
    .min(1)
    .max(MAX_IN_VALUES)
    .optional()
    .meta({ description: "Equal to any of these (in a query string: comma-separated)." }),
  exists: boolText.optional().meta({ description: "The key is present (true) or absent (false)." }),
});
export type MetadataCondition = z.output<typeof operators>;

/** A bare value means equality; an object names its operators (unknown ones are refused by name). */
const parsedCondition = z.preprocess((value, ctx) => {
  if (Array.isArray(value))
    ctx.issues.push({ code: "custom", input: value, message: 'To match any of several values, use {"in": [...]}' });
  else if (value === null)
    ctx.issues.push({
      code: "custom",
      input: value,
      message: 'null is not compared; to match a missing key, use {"exists": false}',
    });
  if (!isObject(value)) return value === null || Array.isArray(value) ? value : { eq: value };
  const unknown = Object.keys(value).filter((k) => !(METADATA_OPERATORS as readonly string[]).includes(k));
  for (const op of unknown) {
    ctx.issues.push({
      code: "custom",
      path: [op],
      input: value,
      message: `Unknown operator "${op}"; use ${METADATA_OPERATORS.join(", ")}`,
    });
  }
  if (!Object.keys(value).length) ctx.issues.push({ code: "custom", input: value, message: "Name an operator or give a value" });
  return value;
}, operators);
/**
 * The document shows both forms (a value, or operators); a union's errors would only say "Invalid
 * input", so it never fails here (`catch` passes the input on) and `parsedCondition` validates.
 */
const documented: z.ZodType<unknown> = z.union([scalar, operators]).catch((ctx) => ctx?.value as never);
const condition = z.pipe(documented, parsedCondition);

export const metadataFilterSchema = z
  .preprocess(
    (value, ctx) => {
      // A record would silently skip this key (and so select more than asked): refuse it.
      if (isObject(value) && own(value, "__proto__"))
        ctx.issues.push({ code: "custom", path: ["__proto__"], input: value, message: "__proto__ cannot be used as a key" });
      return value;
    },
    z
      .record(z.string().min(1).max(MAX_METADATA_KEY_LENGTH), condition, {
        error: (issue) =>
          issue.code === "invalid_key" ? `Metadata keys have 1 to ${MAX_METADATA_KEY_LENGTH} characters` : undefined,
      })
      .refine(
        (m) =>
          Object.values(m).reduce((n, c) => n + Object.values(c).filter((v) => v !== undefined).length, 0) <=
          MAX_METADATA_CONDITIONS,
        {
          error: `At most ${MAX_METADATA_CONDITIONS} metadata conditions`,
        },
      ),
  )
  .meta({
    description:
      'Conditions on metadata keys, all of which must hold: a value (equality) or operators `eq`, `gt`, `gte`, `lt`, `lte`, `in`, `exists`. Query string: `metadata[plan]=pro`, `metadata[score][gte]=10`, `metadata[plan][in]=pro,team`, `metadata[vip][exists]=true`. JSON: `{"plan": "pro", "score": {"gte": 10}}`. Top-level keys only.',
  });
export type MetadataFilter = z.output<typeof metadataFilterSchema>;

/** Number of conditions, to tell whether a filter narrows anything. */
export const countConditions = (m: MetadataFilter | undefined) =>
  Object.values(m ?? {}).reduce((n, c) => n + Object.values(c).filter((v) => v !== undefined).length, 0);
