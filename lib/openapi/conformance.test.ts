// The document against the real route handlers: every operation's example, and the failures every
// route of its shape can answer, must come back with a documented status, body and headers.
import { beforeEach, describe, expect, it } from "vitest";
import { call, type ApiResponse, type CallOptions } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { sessionCookie } from "@/lib/testing/session";
import { schemaProblems } from "@/lib/testing/schema-check";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { randomBase62 } from "@/lib/ids";
import { openApiDocument } from "./document";
import { listOperations, type OperationSummary } from "./operations";
import { EXAMPLES, type Value } from "./examples";
import { HEADERS } from "./components";

const doc = openApiDocument() as any;
const operations = listOperations(openApiDocument());
const sameOrigin = { origin: "http://localhost:3000", host: "localhost:3000" };
const refName = (ref: string) => ref.split("/").pop()!;

let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
let ownerCookie: string;
/** The webhook endpoint made last: deliveries (`msg_`) are made on it, as paths name it first. */
let lastEndpoint: string | undefined;

// The webhook examples name a public host; test machines resolve no public names (and messages never leave).
process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE = "1";

// A workspace of its own for each test: the examples create the same emails again and again.
beforeEach(async () => {
  ws = await createTestWorkspace();
  ownerCookie = (await sessionCookie(ws.workspace.id, "owner")).cookie;
});

type Caller = "allowed" | "nobody" | "refused";

/** Reads that need more than the read permission (webhooks) declare a 403. */
const readOnlyRefused = (op: OperationSummary) => "403" in doc.paths[op.path][op.method].responses;

/** Who calls: an allowed principal (the read-only key for plain reads, to prove they need no more), nobody, or one that lacks the permission. */
function credentials(op: OperationSummary, caller: Caller): CallOptions {
  const write = op.method !== "get";
  if (caller === "nobody" || op.public) return {};
  if (!op.apiKey)
    return caller === "allowed" ? { headers: { cookie: ownerCookie, ...(write ? sameOrigin : {}) } } : { key: ws.key };
  if (caller === "refused") return { key: ws.readOnlyKey };
  return { key: write || readOnlyRefused(op) ? ws.key : ws.readOnlyKey };
}

const csv = () => `email,first_name\r\n${randomBase62(8).toLowerCase()}@conformance.test,Ada\r\n`;
const upload = (fields: Record<string, string> = {}, filename = "contacts.csv") => {
  const form = new FormData();
  form.append("file", new Blob([csv()], { type: "text/csv" }), filename);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
};

/** A fresh resource for a path parameter, by its id prefix, made through the API. */
async function fixture(prefix: string): Promise<string> {
  const key = ws.key;
  if (prefix === "con")
    return (
      await call("POST", "/api/v1/contacts", { key, body: { email: `${randomBase62(10).toLowerCase()}@conformance.test` } })
    ).body.id;
  if (prefix === "imp") return (await call("POST", "/api/v1/contacts/import", { key, rawBody: upload() })).body.id;
  if (prefix === "job")
    return (await call("POST", "/api/v1/contacts/bulk-tag", { key, body: { ids: [await fixture("con")], add: ["conformance"] } }))
      .body.id;
  if (prefix === "seg")
    return (await call("POST", "/api/v1/segments", { key, body: { name: `conformance ${randomBase62(8)}`, filter: { tag: ["vip"] } } })).body.id;
  if (prefix === "key")
    return (await createApiKey({ workspaceId: ws.workspace.id, input: { name: "conformance", scope: "full" } })).id;
  if (prefix === "whk")
    return (lastEndpoint = (await call("POST", "/api/v1/webhooks", { key, body: { url: "https://hooks.example.com/conformance" } })).body.id);
  if (prefix === "msg") return (await call("POST", `/api/v1/webhooks/${lastEndpoint ?? (await fixture("whk"))}/test`, { key })).body.id;
  throw new Error(`No fixture for ids starting ${prefix}_`);
}

const operationOf = (op: OperationSummary) => doc.paths[op.path][op.method];
const idPrefix = (op: OperationSummary, name: string) =>
  /^\^(\w+)_/.exec(operationOf(op).parameters.find((p: { name: string }) => p.name === name).schema.pattern)![1];

function queryString(query: Record<string, Value> = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    for (const x of [v].flat()) q.append(k, typeof x === "string" ? x : JSON.stringify(x));
  return q.size ? `?${q}` : "";
}

interface Options {
  caller?: Caller;
  ids?: "fresh" | "missing";
  headers?: Record<string, string>;
  /** Replaces the example's body. */
  raw?: { rawBody: string; contentType: string };
}

/** The operation's example request, with real ids swapped in. */
async function prepare(op: OperationSummary, o: Options = {}) {
  const example = EXAMPLES[op.operationId].request;
  let path = op.path;
  for (const placeholder of op.path.match(/\{(\w+)\}/g) ?? []) {
    const prefix = idPrefix(op, placeholder.slice(1, -1));
    path = path.replace(placeholder, o.ids === "missing" ? `${prefix}_${"0".repeat(16)}` : await fixture(prefix));
  }
  const auth = credentials(op, o.caller ?? "allowed");
  const options: CallOptions = { ...auth, headers: { ...auth.headers, ...o.headers } };
  if (o.raw)
    Object.assign(options, { rawBody: o.raw.rawBody, headers: { ...options.headers, "content-type": o.raw.contentType } });
  else if (example.upload) options.rawBody = upload(example.upload.fields, example.upload.filename);
  else if (example.body) options.body = example.body;
  return { method: op.method.toUpperCase(), url: `/api/v1${path}${queryString(example.query)}`, options };
}

async function send(op: OperationSummary, o: Options = {}): Promise<ApiResponse> {
  const { method, url, options } = await prepare(op, o);
  return call(method, url, options);
}

const SERVER_HEADERS = Object.keys(HEADERS).map((h) => h.toLowerCase());

/** The response must be one the document declares for this operation: status, media type, body and headers. */
function expectDocumented(op: OperationSummary, res: ApiResponse) {
  const declared = operationOf(op).responses[String(res.status)];
  expect(declared, `${op.operationId} answered an undocumented ${res.status}: ${res.text.slice(0, 300)}`).toBeDefined();
  const response = declared.$ref ? doc.components.responses[refName(declared.$ref)] : declared;
  const [media, content] = Object.entries(response.content ?? {})[0] ?? [];
  if (!media) expect(res.text).toBe("");
  else {
    expect(res.headers.get("content-type")?.split(";")[0]).toBe(media);
    if (media === "application/json")
      expect(schemaProblems(res.body, (content as { schema: object }).schema, doc), `${op.operationId} ${res.status}`).toEqual(
        [],
      );
  }
  const documented = Object.entries(response.headers ?? {}).map(([name, h]) => ({
    name: name.toLowerCase(),
    required: (h as { $ref?: string; required?: boolean }).$ref
      ? doc.components.headers[refName((h as { $ref: string }).$ref)].required
      : (h as { required?: boolean }).required,
  }));
  for (const h of documented)
    if (h.required) expect(res.headers.has(h.name), `${op.operationId} ${res.status} lacks ${h.name}`).toBe(true);
  for (const name of SERVER_HEADERS) {
    if (res.headers.has(name))
      expect(
        documented.map((h) => h.name),
        `${op.operationId} ${res.status} sends ${name}`,
      ).toContain(name);
  }
}

const successStatuses = (op: OperationSummary) => Object.keys(operationOf(op).responses).filter((s) => s.startsWith("2"));

describe.each(operations.map((op) => [op.operationId, op] as const))("%s", (_id, op) => {
  const write = op.method !== "get";

  it("answers its example with a documented success, body and headers", async () => {
    const res = await send(op);
    expect(successStatuses(op)).toContain(String(res.status));
    expectDocumented(op, res);
  });

  if (!op.public) {
    it("answers 401 without credentials", async () => {
      const res = await send(op, { caller: "nobody" });
      expect(res.status).toBe(401);
      expectDocumented(op, res);
    });

    it("answers 429 with Retry-After over the rate limit", async () => {
      const before = process.env.RATE_LIMIT_PER_MINUTE;
      process.env.RATE_LIMIT_PER_MINUTE = "0";
      try {
        const res = await send(op);
        expect(res.status).toBe(429);
        expectDocumented(op, res);
      } finally {
        if (before === undefined) delete process.env.RATE_LIMIT_PER_MINUTE;
        else process.env.RATE_LIMIT_PER_MINUTE = before;
      }
    });
  }

  // Writes (and owner/admin reads) refuse read-only keys, viewers and cross-site cookies; session-only routes refuse keys.
  if (!op.public && (write || !op.apiKey || readOnlyRefused(op))) {
    it("answers 403 to a principal without the permission", async () => {
      const res = await send(op, { caller: "refused" });
      expect(res.status).toBe(403);
      expectDocumented(op, res);
    });
  }

  if (op.path.includes("{")) {
    it("answers 404 for an id that does not exist", async () => {
      const res = await send(op, { ids: "missing" });
      expect(res.status).toBe(404);
      expectDocumented(op, res);
    });
  }

  if (EXAMPLES[op.operationId].request.body || EXAMPLES[op.operationId].request.upload) {
    it("answers 415 for a body in another media type", async () => {
      const res = await send(op, { raw: { rawBody: "email=jane@example.com", contentType: "text/plain" } });
      expect(res.status).toBe(415);
      expectDocumented(op, res);
    });
  }

  if (write && !op.public) {
    it("replays the stored response for its Idempotency-Key, and answers 422 to another request with it", async () => {
      const { method, url, options } = await prepare(op, { headers: { "Idempotency-Key": `conformance-${randomBase62(12)}` } });
      const first = await call(method, url, options);
      expect(successStatuses(op)).toContain(String(first.status));
      // The stored response again, or a documented 409 where it held a secret (a new API key).
      const replay = await call(method, url, options);
      expect([first.status, 409]).toContain(replay.status);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expectDocumented(op, replay);
      const other = await call(method, `${url}${url.includes("?") ? "&" : "?"}variant=2`, options);
      expect(other.status).toBe(422);
      expectDocumented(op, other);
    });
  }
});
