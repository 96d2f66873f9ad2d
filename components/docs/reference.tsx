// Pieces of the API reference page that read the OpenAPI document: prose with `code`, and tables
// of parameters and body fields with their types.
import { Fragment } from "react";

export type Schema = {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
};

export type Parameter = { name: string; in: string; required?: boolean; description?: string; schema: Schema; $ref?: string };

export const refName = (ref: string) => ref.split("/").pop()!;

/** The schema a `$ref` points to, with `allOf` parts merged into one object. */
export function flatten(schema: Schema | undefined, schemas: Record<string, Schema>): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return flatten(schemas[refName(schema.$ref)], schemas);
  if (!schema.allOf) return schema;
  const parts = schema.allOf.map((s) => flatten(s, schemas) ?? {});
  return {
    type: "object",
    properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
    required: parts.flatMap((p) => p.required ?? []),
  };
}

export function typeOf(s: Schema): string {
  if (s.$ref) return refName(s.$ref);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf ?? s.oneOf) return (s.anyOf ?? s.oneOf)!.map(typeOf).join(" | ");
  if (s.type === "array") return `${s.items ? typeOf(s.items) : "any"}[]`;
  if (s.type === "object" && !s.properties) return "object";
  const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${type} (${s.format})` : type;
}

/** Text with `code` spans and blank-line paragraphs, as the document's descriptions are written. */
export function Prose({ text, className = "" }: { text: string; className?: string }) {
  return (
    <>
      {text.split(/\n\n+/).map((paragraph, i) => (
        <p key={i} className={className}>
          {paragraph.split("`").map((part, j) =>
            j % 2 ? (
              <code key={j} className="rounded bg-slate-100 px-1 text-[0.9em]">
                {part}
              </code>
            ) : (
              <Fragment key={j}>{part}</Fragment>
            ),
          )}
        </p>
      ))}
    </>
  );
}

export interface Field {
  name: string;
  where?: string;
  required?: boolean;
  schema: Schema;
  description?: string;
}

export function FieldTable({ caption, fields }: { caption: string; fields: Field[] }) {
  if (!fields.length) return null;
  return (
    <table className="w-full text-left text-sm">
      <caption className="pb-1 text-left font-medium text-slate-700">{caption}</caption>
      <tbody>
        {fields.map((f) => (
          <tr key={`${f.where}-${f.name}`} className="border-t border-slate-100 align-top">
            <td className="py-1 pr-3 font-mono whitespace-nowrap">
              {f.name}
              {f.required ? (
                <span className="text-red-700" title="required">
                  {" "}
                  *
                </span>
              ) : null}
            </td>
            {f.where ? <td className="py-1 pr-3 text-slate-500">{f.where}</td> : null}
            <td className="py-1 pr-3 font-mono text-xs break-all text-slate-600">{typeOf(f.schema)}</td>
            <td className="py-1 text-slate-600">
              {(f.description ?? f.schema.description) ? <Prose text={(f.description ?? f.schema.description)!} /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
