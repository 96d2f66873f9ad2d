// fast-check arbitraries for fuzzing the API: values shaped by a JSON Schema from the OpenAPI
// document, mixed with the hostile values real clients send (wrong types, huge, deep, NUL, odd
// unicode, prototype keys, impossible dates, forged cursors, malformed escapes).
import fc from "fast-check";

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  [key: string]: unknown;
};

const deep = (depth: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};
/** JSON text nested `depth` levels (as text: deeper than a JS stack can stringify). */
const deepText = (depth: number) => `${'{"a":['.repeat(depth)}1${"]}".repeat(depth)}`;
const base64Json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Strings that have broken parsers, databases and CSV tools. */
export const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "\udfff x",
    "😀👩‍👩‍👧",
    "ＡＢＣ",
    "=cmd|' /C calc'!A0",
    "'; DROP TABLE contacts; --",
    "<script>alert(1)</script>",
    "%ZZ",
    "%E0%A4%A",
    "__proto__",
    "constructor",
    "toString",
    "0000-01-01T00:00:00Z",
    "2026-02-30T00:00:00Z",
    "+275760-09-13T00:00:00.000Z",
    "1 2",
    "NaN",
    "-1",
    "9".repeat(400),
    "con_" + "A".repeat(80),
  ),
  fc.integer({ min: 1, max: 300_000 }).map((n) => "x".repeat(n)),
);

/** Values JavaScript's Date.parse accepts but PostgreSQL's timestamptz does not, and other near misses. */
const trickyInstant = fc.constantFrom("1 2", "0", "2026-02-30", "+275760-09-13T00:00:00.000Z", "0000-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "Tue, 01 Jan 2030");

/** ISO-looking dates outside what PostgreSQL stores, or not on the calendar. */
const trickyDate = fc.constantFrom("0000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2025-02-29T12:00:00Z", "+275760-09-13T00:00:00.000Z", "-000001-01-01T00:00:00Z", "10000-01-01T00:00:00Z");

/** Cursors a client could forge: valid base64url JSON, usually claiming the sort of the request, with values PostgreSQL may reject. */
export const forgedCursor = (sort = "-created_at") =>
  fc
    .record({
      s: fc.oneof({ weight: 4, arbitrary: fc.constant(sort) }, { weight: 1, arbitrary: fc.constantFrom("created_at", "email", "-updated_at", "last_name", "nope") }),
      v: fc.oneof(trickyInstant, nastyString, fc.integer(), fc.constant(null)),
      i: fc.oneof({ weight: 3, arbitrary: fc.constant("con_AAAAAAAAAAAAAAAA") }, { weight: 1, arbitrary: nastyString }),
    })
    .map(base64Json);

/** Any JSON value, including deep and prototype-keyed ones. */
export const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, [], {}),
  fc.integer({ min: 30, max: 80 }).map((n) => deep(n)),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}')),
  fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }),
);

/** Raw bodies: broken JSON, and contacts whose metadata nests far deeper than any limit. */
export const rawBody = fc.oneof(
  nastyString,
  fc.constantFrom("{", "[1,", '{"email":', "null", '"str"', "\u0000", '{"email":"a@b.co","metadata":{"__proto__":{"x":1}}}'),
  fc.integer({ min: 10, max: 40_000 }).map((n) => `{"email":"deep${n}@example.com","metadata":{"x":${deepText(n)}}}`),
);

/** A value valid-looking for `schema`, with hostile values mixed in at every level. */
export function fromSchema(schema: JsonSchema, resolve: (ref: string) => JsonSchema, depth = 0, hostile = true): fc.Arbitrary<unknown> {
  if (schema.$ref) return fc.constant(null).chain(() => fromSchema(resolve(schema.$ref!), resolve, depth, hostile));
  const shaped = shapedBy(schema, resolve, depth, hostile);
  return hostile ? fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: nastyJson }) : shaped;
}

function shapedBy(schema: JsonSchema, resolve: (ref: string) => JsonSchema, depth: number, hostile: boolean): fc.Arbitrary<unknown> {
  const next = (s: JsonSchema) => fromSchema(s, resolve, depth + 1, hostile);
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (variants?.length) return fc.oneof(...variants.map(next));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      if (depth > 4 || !schema.properties) return fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
      const shape = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, next(s)]));
      return fc.record(shape, { requiredKeys: [] });
    }
    case "array":
      return fc.array(schema.items ? next(schema.items) : fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 });
    case "integer":
    case "number":
      return fc.oneof(fc.integer({ min: schema.minimum ?? -10, max: Math.min(schema.maximum ?? 1000, 1_000_000) }), fc.double());
    case "boolean":
      return fc.boolean();
    case "string": {
      const plain =
        schema.format === "email"
          ? fc.emailAddress()
          : schema.format === "date-time"
            ? fc.date({ noInvalidDate: true, min: new Date("0001-01-01"), max: new Date("9999-12-31") }).map((d) => d.toISOString())
            : fc.string({ maxLength: Math.min(schema.maxLength ?? 40, 40) });
      if (!hostile) return plain;
      return schema.format === "date-time" ? fc.oneof(plain, trickyDate, nastyString) : fc.oneof(plain, nastyString);
    }
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/** Query values: mostly valid (so requests reach the database), sometimes hostile; arrays become repeated parameters. */
export const queryValue = (schema: JsonSchema, resolve: (ref: string) => JsonSchema) =>
  fc
    .oneof({ weight: 10, arbitrary: fromSchema(schema, resolve, 0, false) }, { weight: 1, arbitrary: fromSchema(schema, resolve) })
    .map((v) => (typeof v === "object" && v !== null && !Array.isArray(v) ? JSON.stringify(v) : v));

/**
 * `style: deepObject` query parameters (`metadata[key]=v`, `metadata[key][op]=v`): an object of
 * keys to values or to operator objects, the operators the schema names mixed with unknown ones.
 */
export function deepObjectValue(schema: JsonSchema) {
  const variants = [schema.additionalProperties as JsonSchema | undefined].flatMap((s) => s?.anyOf ?? (s ? [s] : []));
  const operators = variants.flatMap((v) => Object.keys(v.properties ?? {}));
  const key = fc.oneof(fc.constantFrom("plan", "score", "since", "__proto__", "constructor", "", "a]b", "[x"), nastyString);
  const operand = fc.oneof(fc.constantFrom("10", "-1e3", "1e999", "true", "2025-02-29", "2024-02-29T10:00+05:30", "0000-01-01", "a,b,,c"), nastyString);
  const operator = fc.oneof(fc.constantFrom(...(operators.length ? operators : ["eq"])), nastyString);
  return fc.dictionary(key, fc.oneof(operand, fc.dictionary(operator, operand, { maxKeys: 3 })), { maxKeys: 4 });
}

/** Query parameters of an object value as a deepObject: `name[key]=v` and `name[key][op]=v`. */
export function deepObjectParams(name: string, value: Record<string, unknown>): [string, string][] {
  return Object.entries(value).flatMap(([key, v]) =>
    v && typeof v === "object" ? Object.entries(v).map(([op, x]): [string, string] => [`${name}[${key}][${op}]`, String(x)]) : [[`${name}[${key}]`, String(v)] as [string, string]],
  );
}

/** Path ids: real ones, other shapes, and percent-escapes Next cannot decode. */
export const pathId = (known: string[]) =>
  fc.oneof(
    fc.constantFrom(...known),
    nastyString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "?"))),
    fc.constantFrom("%ZZ", "%E0%A4%A", "%C0%AE", "%FF%FE", "%00", "..%2F..", "con_%", "%"),
  );
