// Issue 11's endpoints: activity (paginated), consent, erase, allow_erased on every write, the
// `erased` conflict, and the webhooks resource with its paginated delivery log.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ConflictError, NotFoundError, PermissionDeniedError } from "../../dist/esm/index.js";
import { contact, envelope, fakeServer } from "../support/fake-server.mjs";

const event = (id, extra = {}) => ({
  object: "event",
  id,
  type: "contact.updated",
  contact_id: "con_1",
  changes: { first_name: { from: "Jane", to: "Janet" } },
  actor: { type: "api_key", id: "key_1", name: "sdk" },
  request_id: "req_1",
  context: null,
  created_at: "2026-11-27T10:00:00.000Z",
  ...extra,
});
const list = (data, next) => ({ object: "list", data, has_more: next !== null, next_cursor: next });
const endpoint = (extra = {}) => ({
  object: "webhook_endpoint",
  id: "whk_1",
  url: "https://203.0.113.10/hook",
  description: null,
  events: ["contact.updated"],
  enabled: true,
  created_at: "2026-11-27T10:00:00.000Z",
  updated_at: "2026-11-27T10:00:00.000Z",
  ...extra,
});
const delivery = (id, extra = {}) => ({
  object: "webhook_delivery",
  id,
  endpoint_id: "whk_1",
  event_type: "webhook.test",
  status: "pending",
  attempts: 0,
  last_status: null,
  last_error: null,
  next_attempt_at: "2026-11-27T10:00:00.000Z",
  created_at: "2026-11-27T10:00:00.000Z",
  delivered_at: null,
  payload: { type: "webhook.test", timestamp: "2026-11-27T10:00:00.000Z", data: {} },
  ...extra,
});
const json = (r) => (r.body.length ? JSON.parse(r.body) : null);

test("activity: awaiting gives one page; iterating walks every page with the limit kept", async (t) => {
  const server = await fakeServer([
    (r) =>
      r.url.includes("cursor=c1")
        ? { body: list([event("evt_1")], null) }
        : { body: list([event("evt_3"), event("evt_2", { type: "contact.created", changes: {} })], "c1") },
  ]);
  t.after(server.close);
  const { contacts } = server.client();
  const page = await contacts.activity("con_1", { limit: 2 });
  assert.deepEqual(
    page.data.map((e) => e.id),
    ["evt_3", "evt_2"],
  );
  assert.equal(page.data[0].changes.first_name.to, "Janet");
  assert.equal(page.next_cursor, "c1");
  const ids = [];
  for await (const e of contacts.activity("con/1", { limit: 2 })) ids.push(e.id);
  assert.deepEqual(ids, ["evt_3", "evt_2", "evt_1"]);
  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.url}`),
    [
      "GET /api/v1/contacts/con_1/activity?limit=2",
      "GET /api/v1/contacts/con%2F1/activity?limit=2",
      "GET /api/v1/contacts/con%2F1/activity?limit=2&cursor=c1",
    ],
  );
});

test("activity: a missing contact rejects the await and the iteration with NotFoundError", async (t) => {
  const server = await fakeServer([{ status: 404, body: envelope("not_found", "No such contact") }]);
  t.after(server.close);
  const { contacts } = server.client();
  const awaited = await contacts.activity("con_x").catch((e) => e);
  assert.ok(awaited instanceof NotFoundError && awaited.requestId === "req_abc123", String(awaited));
  const iterated = await (async () => {
    for await (const _ of contacts.activity("con_x"));
  })().catch((e) => e);
  assert.ok(iterated instanceof NotFoundError, String(iterated));
  assert.equal(server.requests.length, 2, "a 404 is not retried");
});

test("consent: GET /contacts/:id/consent; erase: POST /contacts/:id/erase with an Idempotency-Key", async (t) => {
  const consent = {
    object: "consent",
    contact_id: "con_1",
    status: "unsubscribed",
    suppressed: false,
    suppressed_reason: null,
    email_ok: true,
    sms_ok: true,
    whatsapp_ok: true,
    voice_ok: true,
    fields: {
      status: {
        value: "unsubscribed",
        changed_at: "2026-11-27T10:00:00.000Z",
        event_id: "evt_2",
        actor: { type: "user", id: "usr_1", name: "a@example.com" },
        source: "dashboard",
        ip: "198.51.100.7",
        user_agent: "Mozilla/5.0",
        evidence: null,
      },
      email_ok: null,
    },
    history: [],
  };
  const erasure = { object: "erasure", contact_id: "con_1", erased: true, tombstones: ["email"], erased_at: "2026-11-27T10:00:00.000Z" };
  const server = await fakeServer([{ body: consent }, { body: erasure }]);
  t.after(server.close);
  const { contacts } = server.client();
  const got = await contacts.consent("con_1");
  assert.equal(got.fields.status.ip, "198.51.100.7");
  assert.equal(got.fields.email_ok, null);
  assert.deepEqual(await contacts.erase("con_1", { idempotencyKey: "erase-1" }), erasure);
  const [read, erase] = server.requests;
  assert.equal(`${read.method} ${read.url}`, "GET /api/v1/contacts/con_1/consent");
  assert.equal(`${erase.method} ${erase.url}`, "POST /api/v1/contacts/con_1/erase");
  assert.equal(erase.headers["idempotency-key"], "erase-1");
  assert.equal(erase.body.length, 0);
});

test("allow_erased travels in the JSON of create, upsert, update and (top-level) batch, and as an import form field", async (t) => {
  const server = await fakeServer([
    { status: 201, body: contact() },
    { body: contact() },
    { body: contact() },
    { body: { created: 1, updated: 0, failed: 0, results: [] } },
    { status: 202, body: { id: "imp_1", object: "import", status: "queued" } },
  ]);
  t.after(server.close);
  const { contacts } = server.client();
  await contacts.create({ email: "a@example.com", allow_erased: true });
  await contacts.upsert({ email: "a@example.com", allow_erased: true });
  await contacts.update("con_1", { email: "b@example.com", allow_erased: true });
  await contacts.batchUpsert({ contacts: [{ email: "a@example.com" }], allow_erased: true });
  await contacts.imports.create({ file: Buffer.from("email\na@example.com\n"), allow_erased: true });
  assert.deepEqual(
    server.requests.slice(0, 4).map((r) => [r.method, r.url, json(r)]),
    [
      ["POST", "/api/v1/contacts", { email: "a@example.com", allow_erased: true }],
      ["PUT", "/api/v1/contacts", { email: "a@example.com", allow_erased: true }],
      ["PATCH", "/api/v1/contacts/con_1", { email: "b@example.com", allow_erased: true }],
      ["POST", "/api/v1/contacts/batch", { contacts: [{ email: "a@example.com" }], allow_erased: true }],
    ],
  );
  const req = server.requests[4];
  const form = await new Response(req.body, { headers: { "Content-Type": req.headers["content-type"] } }).formData();
  assert.equal(form.get("allow_erased"), "true");
});

test("a 409 erased is a ConflictError with code erased, and is not retried", async (t) => {
  const server = await fakeServer([
    { status: 409, body: envelope("erased", "This email belongs to an erased contact; send allow_erased: true to add it anyway") },
  ]);
  t.after(server.close);
  const error = await server
    .client()
    .contacts.create({ email: "gone@example.com" })
    .catch((e) => e);
  assert.ok(error instanceof ConflictError, String(error));
  assert.equal(error.status, 409);
  assert.equal(error.code, "erased");
  assert.equal(error.requestId, "req_abc123");
  assert.equal(server.requests.length, 1);
});

test("webhooks: list, create (with its secret), get, update, delete 204, test and replay", async (t) => {
  const server = await fakeServer([
    { body: list([endpoint()], null) },
    { status: 201, body: { ...endpoint(), secret: "whsec_c2VjcmV0" } },
    { body: endpoint() },
    { body: endpoint({ enabled: false }) },
    { status: 204 },
    { status: 202, body: delivery("msg_1") },
    { status: 202, body: delivery("msg_1", { attempts: 3, status: "pending" }) },
  ]);
  t.after(server.close);
  const { webhooks } = server.client();
  assert.equal((await webhooks.list()).data[0].id, "whk_1");
  const created = await webhooks.create({ url: "https://203.0.113.10/hook", events: ["contact.updated"], description: "CRM" });
  assert.equal(created.secret, "whsec_c2VjcmV0");
  assert.equal((await webhooks.get("whk_1")).url, "https://203.0.113.10/hook");
  assert.equal((await webhooks.update("whk_1", { enabled: false })).enabled, false);
  assert.equal(await webhooks.delete("whk/1"), undefined);
  assert.equal((await webhooks.test("whk_1")).event_type, "webhook.test");
  assert.equal((await webhooks.replay("whk_1", "msg_1")).id, "msg_1");
  assert.deepEqual(
    server.requests.map((r) => [r.method, r.url, json(r)]),
    [
      ["GET", "/api/v1/webhooks", null],
      ["POST", "/api/v1/webhooks", { url: "https://203.0.113.10/hook", events: ["contact.updated"], description: "CRM" }],
      ["GET", "/api/v1/webhooks/whk_1", null],
      ["PATCH", "/api/v1/webhooks/whk_1", { enabled: false }],
      ["DELETE", "/api/v1/webhooks/whk%2F1", null],
      ["POST", "/api/v1/webhooks/whk_1/test", null],
      ["POST", "/api/v1/webhooks/whk_1/deliveries/msg_1/replay", null],
    ],
  );
  assert.ok(server.requests.every((r) => r.method === "GET" || r.headers["idempotency-key"]));
});

test("webhooks.deliveries: one page when awaited; every page when iterated, with the status filter kept", async (t) => {
  const server = await fakeServer([
    (r) =>
      r.url.includes("cursor=c2")
        ? { body: list([delivery("msg_1", { status: "failed" })], null) }
        : r.url.includes("cursor=c1")
          ? { body: list([delivery("msg_2", { status: "failed" })], "c2") }
          : { body: list([delivery("msg_3", { status: "failed", last_status: 500, attempts: 2 })], "c1") },
  ]);
  t.after(server.close);
  const { webhooks } = server.client();
  const first = await webhooks.deliveries("whk_1", { status: "failed", limit: 1 });
  assert.deepEqual([first.data[0].id, first.data[0].last_status, first.has_more], ["msg_3", 500, true]);
  const ids = [];
  for await (const d of webhooks.deliveries("whk_1", { status: "failed", limit: 1 })) ids.push(d.id);
  assert.deepEqual(ids, ["msg_3", "msg_2", "msg_1"]);
  assert.deepEqual(
    server.requests.slice(1).map((r) => r.url),
    [
      "/api/v1/webhooks/whk_1/deliveries?status=failed&limit=1",
      "/api/v1/webhooks/whk_1/deliveries?status=failed&limit=1&cursor=c1",
      "/api/v1/webhooks/whk_1/deliveries?status=failed&limit=1&cursor=c2",
    ],
  );
});

test("webhooks: a 403 (a read-only key) is a PermissionDeniedError; a 400 on a private URL keeps its details", async (t) => {
  const server = await fakeServer([
    { status: 403, body: envelope("forbidden", "This API key is read-only") },
    { status: 400, body: envelope("validation_error", "Invalid", { details: [{ path: "url", message: "private address" }] }) },
  ]);
  t.after(server.close);
  const { webhooks } = server.client();
  const forbidden = await webhooks.create({ url: "https://203.0.113.10/hook" }).catch((e) => e);
  assert.ok(forbidden instanceof PermissionDeniedError, String(forbidden));
  const invalid = await webhooks.create({ url: "https://10.0.0.1/hook" }).catch((e) => e);
  assert.equal(invalid.code, "validation_error");
  assert.deepEqual(invalid.details, [{ path: "url", message: "private address" }]);
});
