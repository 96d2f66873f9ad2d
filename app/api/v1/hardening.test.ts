// Inputs that once answered 500s or bare error bodies (issue #8): each must answer a 4xx in the
// error envelope and change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { call, client, proxyRuns, type ApiResponse } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";

let key: string;
let api: ReturnType<typeof client>;
let contactId: string;

beforeAll(async () => {
  key = (await createTestWorkspace()).key;
  api = client(key);
  contactId = (await api.post("/api/v1/contacts", { email: "hardening@example.com" })).body.id;
});

function expectEnvelope(res: ApiResponse, status: number, code?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.body.error.code).toEqual(code ?? expect.any(String));
  expect(res.body.error.request_id).toMatch(/^req_/);
  expect(res.headers.get("x-request-id")).toBe(res.body.error.request_id);
}

const cursor = (s: string, v: unknown, i = "con_AAAAAAAAAAAAAAAA") => Buffer.from(JSON.stringify({ s, v, i })).toString("base64url");
const deep = (depth: number) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe("paths and methods", () => {
  const ID_ROUTES = [
    ["GET", "/api/v1/contacts/%s"],
    ["PATCH", "/api/v1/contacts/%s"],
    ["DELETE", "/api/v1/contacts/%s"],
    ["GET", "/api/v1/contacts/import/%s"],
    ["GET", "/api/v1/contacts/import/%s/errors"],
    ["POST", "/api/v1/contacts/import/%s/cancel"],
    ["GET", "/api/v1/contacts/bulk/%s"],
    ["DELETE", "/api/v1/api-keys/%s"],
  ] as const;
  const MALFORMED = ["%ZZ", "%E0%A4%A", "%C0%AE", "%FF%FE", "%"];

  it.each(ID_ROUTES.flatMap(([method, path]) => MALFORMED.map((id) => [method, path.replace("%s", id)] as const)))(
    "%s %s answers 400 in the envelope",
    async (method, path) => expectEnvelope(await call(method, path, { key, body: method === "PATCH" ? {} : undefined }), 400, "invalid_request"),
  );

  it("answers an unknown API path with 404 and a wrong method with 405 and Allow", async () => {
    expectEnvelope(await call("GET", "/api/v1/nope", { key }), 404, "not_found");
    expectEnvelope(await call("GET", "/api/v1/contacts/con_x/deeper", { key }), 404, "not_found");
    const wrong = await call("DELETE", "/api/v1/contacts", { key });
    expectEnvelope(wrong, 405, "method_not_allowed");
    expect(wrong.headers.get("allow")).toBe("GET, POST, PUT, HEAD, OPTIONS");
    expectEnvelope(await call("PATCH", "/api/v1/openapi.json"), 405, "method_not_allowed");
  });

  it("answers OPTIONS with the path's methods, and unknown paths under any method with 404", async () => {
    const options = await call("OPTIONS", "/api/v1/contacts/con_x");
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, PATCH, PUT, DELETE, HEAD, OPTIONS");
    expectEnvelope(await call("POST", "/api/v1/contacts/con_x/deeper", { key, body: {} }), 404, "not_found");
    expectEnvelope(await call("DELETE", "/api/v1", { key }), 404, "not_found");
    expectEnvelope(await call("GET", "/api/elsewhere", { key }), 404, "not_found");
  });

  it("runs the proxy only for API paths with a percent-escape (the route layer answers the rest)", () => {
    expect(proxyRuns("/api/v1/contacts")).toBe(false);
    expect(proxyRuns("/api/v1/contacts/import")).toBe(false);
    expect(proxyRuns("/api/v1/contacts/%ZZ")).toBe(true);
    expect(proxyRuns("/contacts")).toBe(true);
    expect(proxyRuns("/api/auth/session")).toBe(true);
  });

  it("answers a URL over 8 KB with 414", async () => {
    expectEnvelope(await call("GET", `/api/v1/contacts?search=${"a".repeat(9000)}`, { key }), 414, "uri_too_long");
  });

  it("serves openapi.json with a request id", async () => {
    const res = await call("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });
});

describe("dates and cursors PostgreSQL would reject", () => {
  const BAD_DATES = ["0000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2025-02-29T12:00:00Z", "+275760-09-13T00:00:00.000Z", "10000-01-01T00:00:00Z"];

  it.each(BAD_DATES)("refuses created_after=%s in list, export and bulk filters", async (date) => {
    for (const param of ["created_after", "created_before"]) {
      expectEnvelope(await api.get(`/api/v1/contacts?${param}=${encodeURIComponent(date)}`), 400, "validation_error");
      expectEnvelope(await api.get(`/api/v1/contacts/export?${param}=${encodeURIComponent(date)}`), 400, "validation_error");
      expectEnvelope(await api.post("/api/v1/contacts/bulk-tag", { filter: { [param]: date }, add: ["x"] }), 400, "validation_error");
    }
  });

  it("accepts real dates, leap days and offsets", async () => {
    for (const date of ["2024-02-29T00:00:00Z", "0001-01-01T00:00:00Z", "2026-01-01T10:00:00+05:30"]) {
      expect((await api.get(`/api/v1/contacts?created_after=${encodeURIComponent(date)}`)).status).toBe(200);
    }
  });

  it.each([
    cursor("-created_at", "1 2"),
    cursor("-created_at", "0"),
    cursor("-created_at", "2026-02-30"),
    cursor("-created_at", "+275760-09-13T00:00:00.000Z"),
    cursor("-created_at", "0000-01-01T00:00:00.000Z"),
    cursor("-created_at", "2026-01-01T00:00:00.000Z", "not-an-id"),
    cursor("email", "a\u0000b"),
    cursor("email", "\ud800"),
  ])("refuses the forged cursor %s", async (forged) => {
    const sort = JSON.parse(Buffer.from(forged, "base64url").toString()).s;
    expectEnvelope(await api.get(`/api/v1/contacts?sort=${sort}&cursor=${forged}`), 400, "invalid_request");
  });
});

describe("bodies", () => {
  it("refuses metadata nested deeper than 32 levels, however deep", async () => {
    for (const depth of [33, 5_000, 50_000]) {
      const rawBody = `{"email":"deep${depth}@example.com","metadata":{"x":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}}`;
      expectEnvelope(await call("POST", "/api/v1/contacts", { key, rawBody, headers: { "content-type": "application/json" } }), 400);
    }
    expect((await api.post("/api/v1/contacts", { email: "deep-ok@example.com", metadata: { x: deep(30) } })).status).toBe(201);
  });

  it("keeps merged metadata within 16 KB across successive updates", async () => {
    const chunk = "x".repeat(6_000);
    for (const k of ["a", "b"]) expect((await api.patch(`/api/v1/contacts/${contactId}`, { metadata: { [k]: chunk } })).status).toBe(200);
    const res = await api.patch(`/api/v1/contacts/${contactId}`, { metadata: { c: chunk } });
    expectEnvelope(res, 400, "validation_error");
    expect(res.body.error.details[0].path).toBe("metadata");
    const stored = (await api.get(`/api/v1/contacts/${contactId}`)).body;
    expect(Object.keys(stored.metadata).sort()).toEqual(["a", "b"]);
    // Deleting keys in the same request makes room.
    expect((await api.patch(`/api/v1/contacts/${contactId}`, { metadata: { a: null, c: chunk } })).status).toBe(200);
    expectEnvelope(await api.patch("/api/v1/contacts/con_AAAAAAAAAAAAAAAA", { metadata: { c: chunk } }), 404, "not_found");
  });

  it.each([
    ['{"email":"nul@example.com","first_name":"a\\u0000b"}'],
    ['{"email":"nul2@example.com","metadata":{"k":"\\u0000"}}'],
    ['{"email":"sur@example.com","metadata":{"k":"\\ud800"}}'],
    ['{"email":"sur2@example.com","metadata":{"\\udc00":"v"}}'],
  ])("refuses strings PostgreSQL cannot store: %s", async (raw) => {
    expectEnvelope(await call("POST", "/api/v1/contacts", { key, rawBody: raw, headers: { "content-type": "application/json" } }), 400, "invalid_request");
  });

  it("refuses __proto__ as a metadata key instead of silently dropping it", async () => {
    const raw = '{"email":"proto@example.com","metadata":{"__proto__":{"x":1},"constructor":"kept"}}';
    expectEnvelope(await call("POST", "/api/v1/contacts", { key, rawBody: raw, headers: { "content-type": "application/json" } }), 400, "invalid_request");
    const ok = await api.post("/api/v1/contacts", { email: "ctor@example.com", metadata: { constructor: "kept", toString: "too" } });
    expect(ok.status).toBe(201);
    expect(ok.body.metadata).toEqual({ constructor: "kept", toString: "too" });
  });

  it("answers a multipart upload without a boundary with 400", async () => {
    const res = await call("POST", "/api/v1/contacts/import", { key, rawBody: "--x\r\n", headers: { "content-type": "multipart/form-data" } });
    expectEnvelope(res, 400, "invalid_request");
  });

  it("refuses a NUL in the query string", async () => {
    expectEnvelope(await api.get("/api/v1/contacts?search=a%00b"), 400, "invalid_request");
  });
});
