// /docs: the API reference, read from the OpenAPI document, with every endpoint's example in curl
// and the three SDKs (rendered from lib/openapi/examples.ts).
import type { Metadata } from "next";
import { STATUS_CODES } from "node:http";
import { openApiDocument, TAGS } from "@/lib/openapi/document";
import { listOperations } from "@/lib/openapi/operations";
import { snippets } from "@/lib/openapi/snippets";
import { SETUP } from "@/lib/openapi/examples";
import { CodeSamples } from "@/components/docs/code-samples";
import { FieldTable, flatten, Prose, refName, type Parameter, type Schema } from "@/components/docs/reference";

export const metadata: Metadata = { title: "API reference" };

type Response = { $ref?: string; description?: string; content?: Record<string, { schema: Schema }> };
type Operation = {
  summary: string;
  description: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
};

export default function DocsPage() {
  const doc = openApiDocument();
  const schemas = doc.components.schemas as Record<string, Schema>;
  const parameters = doc.components.parameters as Record<string, Parameter>;
  const operations = listOperations(doc).map((o) => ({ ...o, op: doc.paths[o.path][o.method] as Operation }));

  return (
    <div className="grid gap-8 lg:grid-cols-[15rem_1fr]">
      <nav
        aria-label="Endpoints"
        className="space-y-4 text-sm lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto"
      >
        {TAGS.map((tag) => (
          <div key={tag.name}>
            <p className="px-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{tag.name}</p>
            {operations
              .filter((o) => o.tag === tag.name)
              .map((o) => (
                <a key={o.operationId} href={`#${o.operationId}`} className="block rounded px-2 py-1 hover:bg-slate-100">
                  <span className="font-mono text-xs text-indigo-700 uppercase">{o.method}</span> {o.path}
                </a>
              ))}
          </div>
        ))}
        <a href="/api/v1/openapi.json" className="block px-2 py-1 text-indigo-700 underline">
          openapi.json
        </a>
      </nav>

      <div className="min-w-0 space-y-8">
        <header className="space-y-3">
          <h1 className="text-2xl font-semibold">{doc.info.title} reference</h1>
          <Prose text={doc.info.description} className="text-slate-600" />
          <p className="text-sm text-slate-500">
            Base URL <code>/api/v1</code> on this server. Generated from the schemas the API validates with; the examples below
            assume this setup:
          </p>
          <CodeSamples id="setup" label="Client setup" samples={SETUP} />
        </header>

        {TAGS.map((tag) => (
          <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="space-y-6">
            <div>
              <h2 id={`tag-${tag.name}`} className="text-xl font-semibold">
                {tag.name}
              </h2>
              <p className="text-slate-600">{tag.description}</p>
            </div>
            {operations
              .filter((o) => o.tag === tag.name)
              .map((o) => {
                const params = (o.op.parameters ?? []).map((p) => (p.$ref ? parameters[refName(p.$ref)] : p));
                const [bodyType, bodyMedia] = Object.entries(o.op.requestBody?.content ?? {})[0] ?? [];
                const body = flatten(bodyMedia?.schema, schemas);
                const responses = Object.entries(o.op.responses);
                return (
                  <section
                    key={o.operationId}
                    id={o.operationId}
                    aria-labelledby={`${o.operationId}-title`}
                    className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
                  >
                    <h3 id={`${o.operationId}-title`} className="text-lg font-semibold">
                      <span className="mr-2 rounded bg-indigo-50 px-1.5 py-0.5 font-mono text-sm text-indigo-700 uppercase">
                        {o.method}
                      </span>
                      <code>{o.path}</code>
                    </h3>
                    <p className="font-medium">{o.summary}</p>
                    <Prose text={o.op.description} className="text-slate-700" />
                    <FieldTable
                      caption="Parameters"
                      fields={params.map((p) => ({
                        name: p.name,
                        where: p.in,
                        required: p.required,
                        schema: p.schema,
                        description: p.description,
                      }))}
                    />
                    {body?.properties ? (
                      <FieldTable
                        caption={`Body (${bodyType}${bodyMedia?.schema.$ref ? `, ${refName(bodyMedia.schema.$ref)}` : ""})`}
                        fields={Object.entries(body.properties).map(([name, schema]) => ({
                          name,
                          required: body.required?.includes(name),
                          schema,
                        }))}
                      />
                    ) : null}
                    <div className="text-sm text-slate-600">
                      <p className="font-medium text-slate-700">Responses</p>
                      <ul className="space-y-0.5">
                        {responses
                          .filter(([, r]) => !r.$ref)
                          .map(([status, r]) => {
                            const [media, content] = Object.entries(r.content ?? {})[0] ?? [];
                            return (
                              <li key={status}>
                                <span className="font-mono">{status}</span> {r.description}
                                {content ? (
                                  <span className="font-mono text-xs text-slate-500">
                                    {" "}
                                    {content.schema.$ref ? refName(content.schema.$ref) : media}
                                  </span>
                                ) : null}
                              </li>
                            );
                          })}
                      </ul>
                      <p>
                        Errors:{" "}
                        {responses
                          .filter(([, r]) => r.$ref)
                          .map(([status]) => `${status} ${STATUS_CODES[Number(status)]}`)
                          .join(" · ")}
                      </p>
                    </div>
                    <CodeSamples
                      id={o.operationId}
                      label={`Examples for ${o.method.toUpperCase()} ${o.path}`}
                      samples={snippets(o)}
                    />
                  </section>
                );
              })}
          </section>
        ))}
      </div>
    </div>
  );
}
