// The zod schemas as OpenAPI 3.1 (JSON Schema 2020-12): every schema registered with
// `.meta({ id })` becomes `#/components/schemas/<id>`, and references between them point there.
import { z } from "zod";

export type JsonSchema = { [key: string]: unknown };

export const schemaRef = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** The schemas the document names, each the root of the components it brings along. */
const roots = new Set<z.ZodType>();

/** The id a zod schema is registered under: operations may only name registered schemas. */
export function componentId(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("The OpenAPI document can only reference zod schemas registered with .meta({ id })");
  roots.add(schema);
  return id;
}

/**
 * Every schema the document names and every registered schema inside them, as the request side
 * sees it (defaults make fields optional). Converted root by root, not from zod's global registry:
 * that registry is shared by every copy of a schema module in the process (a production server
 * also loads the modules that client components import, in another bundle layer), and one
 * conversion of the whole registry would meet two different schemas under one id.
 */
export function registeredComponents(): Record<string, JsonSchema> {
  const components: Record<string, JsonSchema> = {};
  for (const root of roots) {
    const { $defs = {} } = z.toJSONSchema(root, { io: "input", unrepresentable: "any" }) as { $defs?: Record<string, JsonSchema> };
    for (const [id, schema] of Object.entries($defs)) {
      const local = JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
      components[id] ??= normalize(local, { defaultsAsText: true }) as JsonSchema;
    }
  }
  return components;
}

/** One query parameter per property of a zod object schema (arrays repeat the key, objects use `key[sub]=`). */
export function queryParameters(schema: z.ZodType) {
  const json = normalize(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" })) as JsonSchema;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([name, { description, ...property }]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(description ? { description } : {}),
    ...(property.type === "object" ? { style: "deepObject", explode: true } : {}),
    schema: property,
  }));
}

const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);

// Tidies what zod emits into what OpenAPI tools read best.
function normalize(node: unknown, options: { defaultsAsText?: boolean } = {}): unknown {
  if (Array.isArray(node)) return node.map((n) => normalize(n, options));
  if (!node || typeof node !== "object") return node;
  const out = Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      // Keywords whose value maps names to schemas: the map itself is not a schema.
      SCHEMA_MAPS.has(k) && v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([n, s]) => [n, normalize(s, options)]))
        : normalize(v, options),
    ]),
  ) as JsonSchema;
  // Generators such as openapi-typescript make a body field with a `default` required, although a
  // client may leave it out: the default is stated in words instead.
  if (options.defaultsAsText && "default" in out) {
    const { default: value, ...rest } = out;
    const said = `Default: \`${JSON.stringify(value)}\`.`;
    return { ...rest, description: rest.description ? `${rest.description} ${said}` : said };
  }
  // A value validated elsewhere (e.g. batch items, parsed one by one) is typed as the component it names.
  if (typeof out["x-schema"] === "string") {
    const { "x-schema": id, description } = out;
    return { ...schemaRef(id as string), ...(description ? { description } : {}) };
  }
  // `unknown().nullable()` comes out as anyOf [{}, {type: null}]: any value already includes null.
  if (Array.isArray(out.anyOf) && out.anyOf.some((s) => s && typeof s === "object" && !Object.keys(s).length)) {
    const { anyOf: _anyOf, ...rest } = out;
    return rest;
  }
  return out;
}
