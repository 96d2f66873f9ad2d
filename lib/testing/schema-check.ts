// Checks a JSON value against a schema of the OpenAPI document: the keywords the document uses
// ($ref, allOf/anyOf/oneOf, type, const, enum, properties, required, additionalProperties, items).
// `strict` also refuses object fields the schema does not name, so undocumented fields show up.
type Schema = { [key: string]: any };

export function schemaProblems(
  value: unknown,
  schema: Schema,
  doc: { components: { schemas: Record<string, Schema> } },
  strict = true,
  at = "$",
): string[] {
  if (schema.$ref) return schemaProblems(value, doc.components.schemas[String(schema.$ref).split("/").pop()!], doc, strict, at);
  if (schema.allOf) return schema.allOf.flatMap((s: Schema) => schemaProblems(value, s, doc, false, at));
  for (const key of ["anyOf", "oneOf"]) {
    if (schema[key]) {
      const results = schema[key].map((s: Schema) => schemaProblems(value, s, doc, strict, at));
      if (results.every((r: string[]) => r.length))
        return [`${at}: matches none of ${key} (${results.map((r: string[]) => r[0]).join(" / ")})`];
    }
  }
  const problems: string[] = [];
  const types = schema.type === undefined ? [] : [schema.type].flat();
  const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (types.length && !types.some((t) => t === actual || (t === "integer" && Number.isInteger(value)))) {
    return [`${at}: is ${actual}, documented as ${types.join(" | ")}`];
  }
  if ("const" in schema && value !== schema.const)
    problems.push(`${at}: is ${JSON.stringify(value)}, documented as ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (actual === "array" && schema.items) {
    (value as unknown[]).forEach((item, i) => problems.push(...schemaProblems(item, schema.items, doc, strict, `${at}[${i}]`)));
  }
  if (actual === "object" && (schema.properties || schema.required || schema.additionalProperties !== undefined)) {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in object)) problems.push(`${at}.${name}: required but missing`);
    for (const [name, v] of Object.entries(object)) {
      const property = schema.properties?.[name];
      if (property) problems.push(...schemaProblems(v, property, doc, strict, `${at}.${name}`));
      else if (schema.additionalProperties === false || (strict && schema.additionalProperties === undefined))
        problems.push(`${at}.${name}: not documented`);
      else if (schema.additionalProperties && schema.additionalProperties !== true) {
        problems.push(...schemaProblems(v, schema.additionalProperties, doc, strict, `${at}.${name}`));
      }
    }
  }
  return problems;
}
