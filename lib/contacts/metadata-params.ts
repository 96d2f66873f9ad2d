// Query strings carry metadata conditions as `metadata[key]=v` and `metadata[key][op]=v`. Folded
// here into the JSON shape, `metadata: {key: {op: v}}`, before the filter schema validates them.
// No dependencies: the dashboard folds its URL into a JSON filter with the same function.

type Query = Record<string, unknown>;
const BRACKETS = /^metadata\[([^\]]*)\](?:\[([^\]]*)\])?$/;
const isObject = (v: unknown): v is Query => typeof v === "object" && v !== null && !Array.isArray(v);
const last = (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v);

/**
 * Repeated parameters: the last wins, except `in`, which takes every one, comma-separated. Other
 * keys are kept as they are. The result has no prototype, so no key (`__proto__`) can reach one.
 */
export function foldMetadataParams(query: unknown): unknown {
  if (!isObject(query)) return query;
  const keys = Object.keys(query);
  // `metadata` as one value next to bracketed keys is ambiguous: left for the schema to refuse.
  if (!keys.some((k) => BRACKETS.test(k)) || Object.prototype.hasOwnProperty.call(query, "metadata")) return query;
  const out: Query = Object.create(null);
  const metadata: Record<string, Query> = Object.create(null);
  for (const key of keys) {
    const match = BRACKETS.exec(key);
    if (!match) {
      out[key] = query[key];
      continue;
    }
    const [, name, op = "eq"] = match;
    const ops = (metadata[name] ??= Object.create(null) as Query);
    ops[op] = op === "in" ? [query[key]].flat().flatMap((v) => String(v).split(",")) : last(query[key]);
  }
  out.metadata = metadata;
  return out;
}
