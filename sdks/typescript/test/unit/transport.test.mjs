// Retries, idempotency keys, timeouts and error mapping, against a local fake server.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import Rolo, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RoloError,
  UnprocessableEntityError,
  ValidationError,
  VERSION,
} from "../../dist/esm/index.js";
import { retryAfterMs } from "../../dist/esm/core/transport.js";
import { contact, envelope, fakeServer } from "../support/fake-server.mjs";

test("429 with Retry-After waits that long, then returns the 200", async (t) => {
  const server = await fakeServer([
    { status: 429, headers: { "Retry-After": "1" }, body: envelope("rate_limited", "slow down") },
    { body: contact() },
  ]);
  t.after(server.close);
  const started = Date.now();
  const result = await server.client().contacts.get("con_1");
  assert.equal(result.id, "con_1");
  assert.equal(server.requests.length, 2);
  assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
});

test("503 twice then 200: three attempts share one Idempotency-Key", async (t) => {
  const server = await fakeServer([
    { status: 503, body: envelope("internal_error", "busy") },
    { status: 503, body: "unavailable" },
    { status: 201, body: contact() },
  ]);
  t.after(server.close);
  const created = await server.client().contacts.create({ email: "jane@example.com", first_name: "Jane" });
  assert.equal(created.email, "jane@example.com");
  assert.equal(server.requests.length, 3);
  const keys = server.requests.map((r) => r.headers["idempotency-key"]);
  assert.match(keys[0], /^[0-9a-f-]{36}$/);
  assert.deepEqual(new Set(keys).size, 1);
  assert.deepEqual(JSON.parse(server.requests[2].body), { email: "jane@example.com", first_name: "Jane" });
  assert.equal(server.requests[0].headers["content-type"], "application/json");
});

test("each write call gets its own key; reads send none", async (t) => {
  const server = await fakeServer([{ body: contact() }]);
  t.after(server.close);
  const rolo = server.client();
  await rolo.contacts.update("con_1", { first_name: "Janet" });
  await rolo.contacts.update("con_1", { first_name: "Janet" });
  await rolo.contacts.get("con_1");
  const [a, b, read] = server.requests;
  assert.ok(a.headers["idempotency-key"]);
  assert.notEqual(a.headers["idempotency-key"], b.headers["idempotency-key"]);
  assert.equal(read.headers["idempotency-key"], undefined);
});

test("the caller's idempotencyKey wins, on every attempt", async (t) => {
  const server = await fakeServer([{ status: 500, body: envelope("internal_error", "oops") }, { body: contact() }]);
  t.after(server.close);
  await server.client().contacts.upsert({ email: "jane@example.com" }, { idempotencyKey: "my-key-1" });
  assert.deepEqual(
    server.requests.map((r) => [r.method, r.headers["idempotency-key"]]),
    [
      ["PUT", "my-key-1"],
      ["PUT", "my-key-1"],
    ],
  );
});

test("a request that never answers → APIConnectionTimeoutError after the retries", async (t) => {
  const server = await fakeServer(["hang"]);
  t.after(server.close);
  const error = await server
    .client({ timeout: 100 })
    .contacts.get("con_1")
    .catch((e) => e);
  assert.ok(error instanceof APIConnectionTimeoutError, String(error));
  assert.ok(error instanceof APIConnectionError && error instanceof RoloError);
  assert.equal(error.status, undefined);
  assert.equal(server.requests.length, 3);
});

test("per-request timeout and maxRetries override the client's", async (t) => {
  const server = await fakeServer(["hang"]);
  t.after(server.close);
  const started = Date.now();
  const error = await server
    .client({ timeout: 60_000 })
    .contacts.get("con_1", { timeout: 50, maxRetries: 0 })
    .catch((e) => e);
  assert.ok(error instanceof APIConnectionTimeoutError);
  assert.equal(server.requests.length, 1);
  assert.ok(Date.now() - started < 2000);
});

test("an HTML 502 from a proxy → InternalServerError with status 502, retried, no JSON crash", async (t) => {
  const html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
  const server = await fakeServer([
    { status: 502, headers: { "Content-Type": "text/html", "X-Request-Id": "req_proxy" }, body: html },
  ]);
  t.after(server.close);
  const error = await server
    .client({ maxRetries: 1 })
    .contacts.get("con_1")
    .catch((e) => e);
  assert.ok(error instanceof InternalServerError, String(error));
  assert.equal(error.status, 502);
  assert.equal(error.code, undefined);
  assert.equal(error.requestId, "req_proxy");
  assert.equal(error.body, html);
  assert.match(error.message, /^502/);
  assert.equal(server.requests.length, 2);
});

test("connection failures → APIConnectionError after the retries", async () => {
  let calls = 0;
  const fetch = async () => {
    calls++;
    throw new TypeError("fetch failed");
  };
  const rolo = new Rolo({ apiKey: "sk_test", baseURL: "http://127.0.0.1:1", fetch, maxRetries: 1 });
  const error = await rolo.contacts.get("con_1").catch((e) => e);
  assert.ok(error instanceof APIConnectionError && !(error instanceof APIConnectionTimeoutError), String(error));
  assert.equal(calls, 2);
  assert.ok(error.cause instanceof TypeError);
});

test("the caller's signal aborts at once and is never retried", async (t) => {
  const server = await fakeServer(["hang"]);
  t.after(server.close);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const error = await server
    .client()
    .contacts.get("con_1", { signal: controller.signal })
    .catch((e) => e);
  assert.ok(error instanceof APIUserAbortError, String(error));
  assert.equal(server.requests.length, 1);
});

test("API errors map to their class with code, message, details and request id", async (t) => {
  const details = [{ path: "email", message: "Must be a valid email address" }];
  const cases = [
    [400, "invalid_request", BadRequestError],
    [400, "validation_error", ValidationError],
    [401, "unauthorized", AuthenticationError],
    [403, "forbidden", PermissionDeniedError],
    [404, "not_found", NotFoundError],
    [409, "conflict", ConflictError],
    [422, "idempotency_mismatch", UnprocessableEntityError],
    [413, "payload_too_large", RoloError],
  ];
  for (const [status, code, Class] of cases) {
    const server = await fakeServer([
      { status, headers: { "X-Request-Id": "req_header" }, body: envelope(code, `boom ${code}`, { details }) },
    ]);
    t.after(server.close);
    const error = await server
      .client()
      .contacts.create({ email: "x" })
      .catch((e) => e);
    assert.ok(error instanceof Class, `${status} ${code} → ${error.constructor.name}`);
    assert.equal(error.name, Class.name);
    assert.equal(error.status, status);
    assert.equal(error.code, code);
    assert.equal(error.message, `boom ${code}`);
    assert.deepEqual(error.details, details);
    assert.equal(error.requestId, "req_abc123", "the body's request_id");
    assert.equal(error.headers.get("x-request-id"), "req_header");
    assert.equal(server.requests.length, 1, `${status} is not retried`);
  }
  assert.ok(new ValidationError("x") instanceof BadRequestError);
});

test("429 and 500 after the last retry are RateLimitError and InternalServerError", async (t) => {
  const server = await fakeServer([{ status: 429, headers: { "Retry-After": "0" }, body: envelope("rate_limited", "slow") }]);
  t.after(server.close);
  const error = await server
    .client()
    .contacts.get("con_1")
    .catch((e) => e);
  assert.ok(error instanceof RateLimitError);
  assert.equal(server.requests.length, 3);
  const server500 = await fakeServer([{ status: 500, body: envelope("internal_error", "oops") }]);
  t.after(server500.close);
  const error500 = await server500
    .client({ maxRetries: 0 })
    .contacts.get("con_1")
    .catch((e) => e);
  assert.ok(error500 instanceof InternalServerError);
  assert.equal(error500.requestId, "req_abc123");
});

test("409 idempotency_in_progress is retried with backoff and the same key; a 409 conflict is not", async (t) => {
  const server = await fakeServer([
    { status: 409, body: envelope("idempotency_in_progress", "still running") },
    { status: 409, body: envelope("idempotency_in_progress", "still running") },
    { status: 201, body: contact() },
  ]);
  t.after(server.close);
  const started = Date.now();
  assert.equal((await server.client().contacts.create({ email: "jane@example.com" })).id, "con_1");
  assert.equal(server.requests.length, 3);
  assert.equal(new Set(server.requests.map((r) => r.headers["idempotency-key"])).size, 1);
  // Backoff without Retry-After: about 0.5 s, then 1 s (less up to 25 % jitter).
  assert.ok(Date.now() - started >= 1000, `waited ${Date.now() - started} ms`);

  const conflict = await fakeServer([
    { status: 409, body: envelope("conflict", "A contact with this email already exists") },
    { status: 201, body: contact() },
  ]);
  t.after(conflict.close);
  const error = await conflict
    .client()
    .contacts.create({ email: "jane@example.com" })
    .catch((e) => e);
  assert.ok(error instanceof ConflictError && error.code === "conflict", String(error));
  assert.equal(conflict.requests.length, 1);

  const stillRunning = await fakeServer([{ status: 409, body: envelope("idempotency_in_progress", "still running") }]);
  t.after(stillRunning.close);
  const last = await stillRunning
    .client({ maxRetries: 1 })
    .contacts.create({ email: "jane@example.com" })
    .catch((e) => e);
  assert.ok(last instanceof ConflictError && last.code === "idempotency_in_progress", String(last));
  assert.equal(stillRunning.requests.length, 2);
});

test("408 is retried", async (t) => {
  const server = await fakeServer([{ status: 408, headers: { "Retry-After": "0" }, body: "timeout" }, { body: contact() }]);
  t.after(server.close);
  assert.equal((await server.client().contacts.get("con_1")).id, "con_1");
  assert.equal(server.requests.length, 2);
});

test("Retry-After: seconds, HTTP date, and nothing past 60 s", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  assert.equal(retryAfterMs("2", now), 2000);
  assert.equal(retryAfterMs("0.5", now), 500);
  assert.equal(retryAfterMs("Thu, 01 Jan 2026 00:00:30 GMT", now), 30_000);
  assert.equal(retryAfterMs("Wed, 31 Dec 2025 23:59:00 GMT", now), 0);
  assert.equal(retryAfterMs("61", now), undefined);
  assert.equal(retryAfterMs("-1", now), undefined);
  assert.equal(retryAfterMs("soon", now), undefined);
  assert.equal(retryAfterMs(null, now), undefined);
});

test("headers: User-Agent names the SDK and version, Bearer key, JSON accept, custom headers", async (t) => {
  const server = await fakeServer([{ body: contact() }]);
  t.after(server.close);
  await server.client({ defaultHeaders: { "X-Team": "growth" } }).contacts.get("con_1", { headers: { "X-Trace": "t1" } });
  const { headers } = server.requests[0];
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  assert.equal(VERSION, pkg.version);
  assert.equal(headers["user-agent"], `rolo-typescript/${pkg.version}`);
  assert.equal(headers.authorization, "Bearer sk_test_unit");
  assert.equal(headers.accept, "application/json");
  assert.equal(headers["x-team"], "growth");
  assert.equal(headers["x-trace"], "t1");
});

test("a 2xx body that is not JSON is a RoloError, not a crash", async (t) => {
  const server = await fakeServer([{ status: 200, body: "<html>login</html>" }]);
  t.after(server.close);
  const error = await server
    .client()
    .contacts.get("con_1")
    .catch((e) => e);
  assert.ok(error instanceof RoloError);
  assert.equal(error.status, 200);
  assert.equal(server.requests.length, 1);
});
