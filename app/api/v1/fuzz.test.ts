// Property-based fuzzing of the whole API: requests generated from the OpenAPI document (valid,
// mutated and malformed bodies, queries, path ids, content types, keys) go through the proxy and
// the real route handlers on the real database. No request may answer 5xx, and every error must
// come in the envelope with its request id.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, type ApiResponse } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { openApiDocument } from "@/lib/openapi/document";
import { deepObjectParams, deepObjectValue, forgedCursor, fromSchema, nastyString, pathId, queryValue, rawBody, type JsonSchema } from "@/lib/testing/arbitrary";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);
const METHODS = ["get", "post", "put", "patch", "delete"];

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; style?: string; schema: JsonSchema }[];
  body?: { type: string; schema: JsonSchema };
}

const doc = openApiDocument() as unknown as {
  paths: Record<string, Record<string, { parameters?: Operation["parameters"]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  components: { schemas: Record<string, JsonSchema> };
};
const resolve = (ref: string) => doc.components.schemas[ref.split("/").pop()!] ?? {};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, op]) => {
      const [type, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      return { method: method.toUpperCase(), path: `/api/v1${path}`, parameters: op.parameters ?? [], body: type ? { type, schema: media.schema } : undefined };
    }),
);

let keys: string[];
let ids: string[];

beforeAll(async () => {
  const ws = await createTestWorkspace();
  const other = await createTestWorkspace();
  keys = [ws.key, ws.key, ws.key, ws.readOnlyKey, other.key];
  ids = [];
  for (let i = 0; i < 5; i++) {
    const res = await call("POST", "/api/v1/contacts", { key: ws.key, body: { email: `fuzz${i}@example.com`, tags: ["fuzz"] } });
    ids.push(res.body.id);
  }
  ids.push((await call("POST", "/api/v1/contacts", { key: other.key, body: { email: "theirs@example.com" } })).body.id);
});

const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x", "application/merge-patch+json", ""];

const csvFile = fc
  .tuple(fc.constantFrom("email,first_name\n", "constructor,__proto__,toString\n", "\ufeffEmail;Name\r\n", ""), fc.array(nastyString, { maxLength: 6 }))
  .map(([head, cells]) => head + cells.map((c) => `${c},x`).join("\n"));

const request = fc.constantFrom(...operations).chain((op) =>
  fc.record({
    op: fc.constant(op),
    method: fc.oneof({ weight: 12, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE") }),
    pathParams: fc.tuple(...op.parameters.filter((p) => p.in === "path").map(() => pathId(ids)), fc.constant(null)),
    query: fc
      .record(
        Object.fromEntries([
          ...op.parameters
            .filter((p) => p.in === "query")
            .map((p) => [p.name, p.style === "deepObject" ? fc.oneof(deepObjectValue(p.schema), queryValue(p.schema, resolve)) : queryValue(p.schema, resolve)]),
          ["__extra", fc.option(nastyString, { freq: 10 })],
        ]),
        { requiredKeys: [] },
      )
      // A forged cursor usually claims the sort of its own request, as a tampered real one would.
      .chain((q: Record<string, unknown>) =>
        "cursor" in q ? forgedCursor(typeof q.sort === "string" ? q.sort : undefined).map((cursor) => ({ ...q, cursor })) : fc.constant(q),
      ),
    body: op.body?.type === "multipart/form-data" ? csvFile : op.body ? fromSchema(op.body.schema, resolve) : fc.option(fc.jsonValue({ maxDepth: 2 })),
    rawBody: fc.option(rawBody, { freq: 6 }),
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 5 }),
    key: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 4 }).map((i) => keys[i]) }, { weight: 1, arbitrary: fc.constantFrom(null, "sk_live_nope", "Bearer", "") }),
    idempotencyKey: fc.option(fc.stringMatching(/^[ -~]{0,80}$/), { freq: 4 }),
  }),
);

type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function send(r: Request): Promise<ApiResponse> {
  let i = 0;
  const path = r.op.path.replace(/\{[^}]+\}/g, () => String(r.pathParams[i++]));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(r.query)) {
    if (value === null) continue;
    const param = name === "__extra" ? String(value).slice(0, 20) || "x" : name;
    if (typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of deepObjectParams(param, value as Record<string, unknown>)) query.append(k, v);
      continue;
    }
    for (const v of Array.isArray(value) ? value : [value]) query.append(param, typeof v === "string" ? v : JSON.stringify(v) ?? "");
  }
  const url = `${path}${query.size ? `?${query}` : ""}`;
  const headers: Record<string, string> = {};
  if (r.idempotencyKey !== null) headers["idempotency-key"] = r.idempotencyKey;
  let rawBody: string | FormData | undefined;
  const hasBody = r.method !== "GET" && r.method !== "DELETE";
  if (hasBody && r.op.body?.type === "multipart/form-data" && r.contentType === null) {
    const form = new FormData();
    form.append("file", new Blob([String(r.body)]), "fuzz.csv");
    rawBody = form;
  } else if (hasBody) {
    rawBody = r.rawBody ?? JSON.stringify(r.body) ?? "";
    headers["content-type"] = r.contentType ?? "application/json";
  }
  return call(r.method, url, { key: r.key, rawBody, headers });
}

/** A request that hangs is a failure too (and would otherwise hang the whole run). */
function withinSeconds<T>(seconds: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${seconds} s`)), seconds * 1000)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function check(res: ApiResponse) {
  expect(res.status, `server error: ${res.text.slice(0, 500)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body?.error?.code, `no envelope: ${res.text.slice(0, 500)}`).toEqual(expect.any(String));
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(res.body.error.request_id).toMatch(/^req_/);
    expect(res.headers.get("x-request-id")).toBe(res.body.error.request_id);
  }
}

describe("API fuzzing", () => {
  it("covers every documented operation", () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });

  it(`answers ${RUNS} generated requests without a server error or a bare error body`, { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => check(await withinSeconds(20, send(r)))),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
