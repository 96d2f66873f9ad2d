import type { Metadata } from "next";
import { openApiDocument } from "@/lib/openapi/document";

export const metadata: Metadata = { title: "API reference" };

type Schema = { type?: string | string[]; enum?: unknown[]; anyOf?: Schema[]; items?: Schema; description?: string; properties?: Record<string, Schema>; $ref?: string; maxLength?: number; maximum?: number; default?: unknown };
type Operation = { operationId: string; summary: string; description?: string; parameters?: { name: string; in: string; required?: boolean; schema: Schema; description?: string }[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { description: string }> };

const typeOf = (s: Schema): string => {
  if (s.$ref) return s.$ref.split("/").pop()!;
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" | ");
  if (s.type === "array") return `${s.items ? typeOf(s.items) : "any"}[]`;
  return Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
};

export default function DocsPage() {
  const doc = openApiDocument();
  const schemas = doc.components.schemas as Record<string, Schema>;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, unknown>)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, op]) => ({ path, method, op: op as Operation })),
  );
  return (
    <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
      <nav aria-label="Endpoints" className="space-y-1 text-sm lg:sticky lg:top-4 lg:self-start">
        {operations.map(({ path, method, op }) => (
          <a key={op.operationId} href={`#${op.operationId}`} className="block rounded px-2 py-1 hover:bg-slate-100">
            <span className="font-mono text-xs uppercase text-indigo-700">{method}</span> {path}
          </a>
        ))}
        <a href="/api/v1/openapi.json" className="block px-2 py-1 text-indigo-700 underline">openapi.json</a>
      </nav>
      <div className="min-w-0 space-y-8">
        <header className="space-y-2">
          <h1 className="text-2xl font-semibold">{doc.info.title} reference</h1>
          <p className="text-slate-600">{doc.info.description}</p>
          <p className="text-sm text-slate-500">Base URL <code>/api/v1</code>. Generated from the schemas the API validates with.</p>
        </header>
        {operations.map(({ path, method, op }) => {
          const body = op.requestBody?.content["application/json"]?.schema;
          const bodySchema = body?.$ref ? schemas[body.$ref.split("/").pop()!] : body;
          return (
            <section key={op.operationId} id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
              <h2 id={`${op.operationId}-title`} className="text-lg font-semibold">
                <span className="mr-2 rounded bg-indigo-50 px-1.5 py-0.5 font-mono text-sm uppercase text-indigo-700">{method}</span>
                <code>{path}</code>
              </h2>
              <p className="text-slate-700">{op.summary}{op.description ? `. ${op.description}` : ""}</p>
              {op.parameters?.length ? (
                <table className="w-full text-left text-sm">
                  <caption className="text-left font-medium text-slate-700">Parameters</caption>
                  <tbody>
                    {op.parameters.map((p) => (
                      <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100 align-top">
                        <td className="py-1 pr-3 font-mono">{p.name}</td>
                        <td className="py-1 pr-3 text-slate-500">{p.in}{p.required ? ", required" : ""}</td>
                        <td className="py-1 font-mono text-xs break-all text-slate-600">{typeOf(p.schema)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {bodySchema?.properties ? (
                <table className="w-full text-left text-sm">
                  <caption className="text-left font-medium text-slate-700">Body ({body?.$ref?.split("/").pop()})</caption>
                  <tbody>
                    {Object.entries(bodySchema.properties).map(([name, s]) => (
                      <tr key={name} className="border-t border-slate-100 align-top">
                        <td className="py-1 pr-3 font-mono">{name}</td>
                        <td className="py-1 font-mono text-xs break-all text-slate-600">{typeOf(s)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <p className="text-sm text-slate-600">
                Responses: {Object.entries(op.responses).map(([code, r]) => `${code} ${r.description}`).join(" · ")}
              </p>
            </section>
          );
        })}
      </div>
    </div>
  );
}
