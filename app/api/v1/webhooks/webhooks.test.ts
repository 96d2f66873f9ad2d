// Webhook endpoints, their delivery log, test events and replays through the real route handlers on
// the real database, with a real local receiver: permissions, the secret shown once, SSRF refusals,
// signatures, tenancy, and which writes queue messages.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { call, client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { sessionCookie } from "@/lib/testing/session";
import { db } from "@/lib/db/client";
import { writeAs } from "@/lib/activity/context";
import { drainWebhooks } from "@/lib/webhooks/drain";
import { MAX_ENDPOINTS } from "@/lib/webhooks/schemas";
import { startReceiver, type Receiver } from "@/lib/webhooks/test-receiver";

const sameOrigin = { origin: "http://localhost:3000", host: "localhost:3000" };
let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
let api: ReturnType<typeof client>;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());
beforeEach(async () => {
  process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE = "1"; // the receiver listens on 127.0.0.1
  ws = await createTestWorkspace();
  api = client(ws.key);
  receiver.respondWith(200);
});
afterEach(() => {
  delete process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE;
});

const deliveries = (endpointId: string) => db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" } });

/** Drains until the delivery satisfies `done` (another test file's worker may drain it first). */
async function settle(id: string, done: (d: { status: string; attempts: number }) => boolean = (d) => d.status !== "pending") {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await drainWebhooks({ budgetMs: 2_000 });
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { id } });
    if (done(row)) return row;
    if (Date.now() > deadline) throw new Error(`delivery ${id} did not settle: ${JSON.stringify(row)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function createEndpoint(body: Record<string, unknown> = {}) {
  const res = await api.post("/api/v1/webhooks", { url: receiver.url, ...body });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; secret: string };
}

describe("webhook endpoints CRUD", () => {
  it("creates an endpoint with a whsec_ secret shown only in the creation response", async () => {
    const res = await api.post("/api/v1/webhooks", { url: `${receiver.url}?a=1`, description: "  CRM  " });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ object: "webhook_endpoint", url: `${receiver.url}?a=1`, description: "CRM", events: [], enabled: true });
    expect(res.body.id).toMatch(/^whk_[0-9A-Za-z]{16}$/);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(res.body.secret.slice(6), "base64")).toHaveLength(24);
    expect(Object.keys(res.body).sort()).toEqual(["created_at", "description", "enabled", "events", "id", "object", "secret", "updated_at", "url"]);

    const got = await api.get(`/api/v1/webhooks/${res.body.id}`);
    expect(got.status).toBe(200);
    const listed = await api.get("/api/v1/webhooks");
    expect(listed.body).toMatchObject({ object: "list", has_more: false, next_cursor: null, data: [{ id: res.body.id }] });
    const patched = await api.patch(`/api/v1/webhooks/${res.body.id}`, { enabled: false });
    for (const r of [got, listed, patched]) {
      expect(r.text).not.toContain(res.body.secret);
      expect(r.text).not.toContain("secret");
    }
  });

  it("an Idempotency-Key replay of a creation answers 409 instead of the secret", async () => {
    const headers = { "Idempotency-Key": "create-webhook-1" };
    const first = await api.post("/api/v1/webhooks", { url: receiver.url }, { headers });
    expect(first.status).toBe(201);
    const replay = await api.post("/api/v1/webhooks", { url: receiver.url }, { headers });
    expect(replay.status).toBe(409);
    expect(replay.text).not.toContain(first.body.secret);
    expect((await api.get("/api/v1/webhooks")).body.data).toHaveLength(1);
  });

  it("updates url, events, description and enabled; empty events mean every type", async () => {
    const { id } = await createEndpoint({ events: ["contact.created", "contact.created", "import.completed"], description: "x" });
    expect((await api.get(`/api/v1/webhooks/${id}`)).body.events).toEqual(["contact.created", "import.completed"]);
    const res = await api.patch(`/api/v1/webhooks/${id}`, { url: `${receiver.url}/v2`, events: [], description: null, enabled: false });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id, url: `${receiver.url}/v2`, events: [], description: null, enabled: false });
    expect(Date.parse(res.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(res.body.created_at));
  });

  it("deletes an endpoint with its deliveries; then it answers 404", async () => {
    const { id } = await createEndpoint();
    await api.post(`/api/v1/webhooks/${id}/test`);
    expect(await deliveries(id)).toHaveLength(1);
    const res = await api.delete(`/api/v1/webhooks/${id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(await deliveries(id)).toHaveLength(0);
    for (const r of [await api.get(`/api/v1/webhooks/${id}`), await api.delete(`/api/v1/webhooks/${id}`)]) {
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("not_found");
    }
  });

  it(`holds at most ${MAX_ENDPOINTS} endpoints per workspace`, async () => {
    await Promise.all(Array.from({ length: MAX_ENDPOINTS + 3 }, (_, i) => api.post("/api/v1/webhooks", { url: `${receiver.url}/${i}` })));
    expect((await api.get("/api/v1/webhooks")).body.data).toHaveLength(MAX_ENDPOINTS);
    const res = await api.post("/api/v1/webhooks", { url: receiver.url });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/at most 20 webhook endpoints/);
  });

  it.each([
    [{}, "url"],
    [{ url: "ftp://example.com/hook" }, "url"],
    [{ url: "not a url" }, "url"],
    [{ url: "javascript:alert(1)" }, "url"],
    [{ url: `https://example.com/${"a".repeat(2040)}` }, "url"],
    [{ url: "https://example.com/", events: ["contact.exploded"] }, "events.0"],
    [{ url: "https://example.com/", events: "contact.created" }, "events"],
    [{ url: "https://example.com/", events: ["webhook.test"] }, "events.0"],
    [{ url: "https://example.com/", description: "d".repeat(201) }, "description"],
    [{ url: "https://example.com/", enabled: "yes" }, "enabled"],
    [{ url: "https://example.com/", secret: "whsec_mine" }, "(root)"],
  ])("refuses %j (400 naming %s)", async (body, path) => {
    const res = await api.post("/api/v1/webhooks", body);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it("refuses an empty update", async () => {
    const { id } = await createEndpoint();
    const res = await api.patch(`/api/v1/webhooks/${id}`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("url");
  });
});

describe("who may manage webhooks", () => {
  it("an owner's or admin's session manages endpoints", async () => {
    for (const role of ["owner", "admin"] as const) {
      const { cookie } = await sessionCookie(ws.workspace.id, role);
      const created = await call("POST", "/api/v1/webhooks", { body: { url: receiver.url }, headers: { cookie, ...sameOrigin } });
      expect(created.status, created.text).toBe(201);
      expect((await call("GET", `/api/v1/webhooks/${created.body.id}/deliveries`, { headers: { cookie } })).status).toBe(200);
    }
  });

  it.each(["member", "viewer"] as const)("a %s gets 403 on every webhook route", async (role) => {
    const { id } = await createEndpoint();
    const { cookie } = await sessionCookie(ws.workspace.id, role);
    const headers = { cookie, ...sameOrigin };
    const msg = (await api.post(`/api/v1/webhooks/${id}/test`)).body.id;
    const calls = [
      call("GET", "/api/v1/webhooks", { headers }),
      call("POST", "/api/v1/webhooks", { body: { url: receiver.url }, headers }),
      call("GET", `/api/v1/webhooks/${id}`, { headers }),
      call("PATCH", `/api/v1/webhooks/${id}`, { body: { enabled: false }, headers }),
      call("DELETE", `/api/v1/webhooks/${id}`, { headers }),
      call("GET", `/api/v1/webhooks/${id}/deliveries`, { headers }),
      call("POST", `/api/v1/webhooks/${id}/test`, { headers }),
      call("POST", `/api/v1/webhooks/${id}/deliveries/${msg}/replay`, { headers }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });

  it("a read-only key gets 403, even to list", async () => {
    const { id } = await createEndpoint();
    const readOnly = client(ws.readOnlyKey);
    expect((await readOnly.get("/api/v1/webhooks")).status).toBe(403);
    expect((await readOnly.get(`/api/v1/webhooks/${id}`)).status).toBe(403);
    expect((await readOnly.post("/api/v1/webhooks", { url: receiver.url })).status).toBe(403);
    expect((await readOnly.post(`/api/v1/webhooks/${id}/test`)).status).toBe(403);
  });

  it("another workspace's endpoint and deliveries answer 404, like missing ones", async () => {
    const { id } = await createEndpoint();
    const msg = (await api.post(`/api/v1/webhooks/${id}/test`)).body.id;
    const other = client((await createTestWorkspace()).key);
    const theirs = (await other.post("/api/v1/webhooks", { url: receiver.url })).body.id;
    const responses = [
      await other.get(`/api/v1/webhooks/${id}`),
      await other.patch(`/api/v1/webhooks/${id}`, { enabled: false }),
      await other.delete(`/api/v1/webhooks/${id}`),
      await other.get(`/api/v1/webhooks/${id}/deliveries`),
      await other.post(`/api/v1/webhooks/${id}/test`),
      await other.post(`/api/v1/webhooks/${id}/deliveries/${msg}/replay`),
      // Their own endpoint, but our delivery.
      await other.post(`/api/v1/webhooks/${theirs}/deliveries/${msg}/replay`),
      await api.get("/api/v1/webhooks/whk_nope"),
      await api.post(`/api/v1/webhooks/${id}/deliveries/not-an-id/replay`),
    ];
    for (const res of responses) expect(res.status, res.text).toBe(404);
    expect((await api.get(`/api/v1/webhooks/${id}`)).body.enabled).toBe(true);
    expect((await other.get("/api/v1/webhooks")).body.data.map((e: { id: string }) => e.id)).toEqual([theirs]);
  });
});

describe("SSRF: private targets", () => {
  it.each([
    "http://127.0.0.1:8080/hook",
    "http://10.0.0.5/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:3000/hook",
    "http://localhost:9999/hook",
    "http://[::ffff:192.168.0.1]/",
    "http://100.64.1.1/",
  ])("refuses %s with 400 on url unless ROLO_WEBHOOKS_ALLOW_PRIVATE is set", async (url) => {
    delete process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE;
    const res = await api.post("/api/v1/webhooks", { url });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error).toMatchObject({ code: "validation_error", details: [{ path: "url", message: expect.stringMatching(/not a public address/) }] });

    process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE = "true";
    const allowed = await api.post("/api/v1/webhooks", { url });
    expect(allowed.status, allowed.text).toBe(201);
    await api.delete(`/api/v1/webhooks/${allowed.body.id}`);
  });

  it("refuses a private url on update too", async () => {
    const { id } = await createEndpoint();
    delete process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE;
    const res = await api.patch(`/api/v1/webhooks/${id}`, { url: "http://127.0.0.1:1/" });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("url");
    expect((await api.get(`/api/v1/webhooks/${id}`)).body.url).toBe(receiver.url);
  });
  // Send-time refusals (IP literals, hosts resolving to private addresses) are in lib/webhooks/send.test.ts.
});

describe("messages, signatures and the delivery log", () => {
  it("a contact change reaches the receiver signed (Standard Webhooks), with the change in its data", async () => {
    const { id, secret } = await createEndpoint();
    const contact = (await api.post("/api/v1/contacts", { email: "signed@hooks.test", first_name: "Ann" })).body;
    const res = await api.patch(`/api/v1/contacts/${contact.id}`, { first_name: "Anna" });
    expect(res.status).toBe(200);
    const rows = await deliveries(id);
    expect(rows.map((r) => r.eventType)).toEqual(["contact.created", "contact.updated"]);
    await settle(rows[1].id);

    const got = await receiver.waitFor((r) => r.headers["webhook-id"] === rows[1].id);
    const message = new Webhook(secret).verify(got.body, got.headers) as { type: string; data: any };
    expect(message.type).toBe("contact.updated");
    expect(message.data).toMatchObject({
      object: "event",
      type: "contact.updated",
      contact: { id: contact.id, email: "signed@hooks.test", first_name: "Anna" },
      changes: { first_name: { from: "Ann", to: "Anna" } },
    });
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(Number(got.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    // Another secret does not verify it.
    expect(() => new Webhook(`whsec_${Buffer.alloc(24, 1).toString("base64")}`).verify(got.body, got.headers)).toThrow();

    const log = await api.get(`/api/v1/webhooks/${id}/deliveries`);
    expect(log.body.data[0]).toMatchObject({
      object: "webhook_delivery",
      id: rows[1].id,
      endpoint_id: id,
      event_type: "contact.updated",
      status: "delivered",
      attempts: 1,
      last_status: 200,
      last_error: null,
      next_attempt_at: null,
      payload: { type: "contact.updated", data: { changes: { first_name: { from: "Ann", to: "Anna" } } } },
    });
    expect(log.body.data[0].delivered_at).toBeTruthy();
  });

  it("sends only the event types an endpoint subscribes to, and nothing to disabled endpoints", async () => {
    const created = await createEndpoint({ events: ["contact.created"] });
    const deleted = await createEndpoint({ events: ["contact.deleted", "contact.unsubscribed"] });
    const off = await createEndpoint({ enabled: false });
    const { id } = (await api.post("/api/v1/contacts", { email: "filter@hooks.test" })).body;
    await api.patch(`/api/v1/contacts/${id}`, { status: "unsubscribed" });
    await api.delete(`/api/v1/contacts/${id}`);
    expect((await deliveries(created.id)).map((d) => d.eventType)).toEqual(["contact.created"]);
    expect((await deliveries(deleted.id)).map((d) => d.eventType)).toEqual(["contact.unsubscribed", "contact.deleted"]);
    expect(await deliveries(off.id)).toEqual([]);
  });

  it("queues no per-row messages for writes whose context turns webhooks off (imports, bulk jobs)", async () => {
    const { id } = await createEndpoint();
    const contact = (await api.post("/api/v1/contacts", { email: "quiet@hooks.test" })).body;
    const before = (await deliveries(id)).length;
    await writeAs((tx) => tx.$executeRaw`UPDATE contacts SET first_name = 'Quiet' WHERE workspace_id = ${ws.workspace.id} AND id = ${contact.id}`, {
      actor: { type: "bulk", id: "job_x", name: null },
      webhooks: "off",
    });
    expect((await api.get(`/api/v1/contacts/${contact.id}`)).body.first_name).toBe("Quiet");
    expect(await deliveries(id)).toHaveLength(before);
    // The same write with webhooks on does queue one.
    await writeAs((tx) => tx.$executeRaw`UPDATE contacts SET first_name = 'Loud' WHERE workspace_id = ${ws.workspace.id} AND id = ${contact.id}`);
    expect(await deliveries(id)).toHaveLength(before + 1);
  });

  it("sends a test event (202), which the receiver verifies", async () => {
    const { id, secret } = await createEndpoint({ events: ["import.completed"] });
    const res = await api.post(`/api/v1/webhooks/${id}/test`);
    expect(res.status, res.text).toBe(202);
    expect(res.body).toMatchObject({
      object: "webhook_delivery",
      endpoint_id: id,
      event_type: "webhook.test",
      status: "pending",
      attempts: 0,
      payload: { type: "webhook.test", data: { endpoint_id: id, message: expect.any(String) } },
    });
    expect(res.body.id).toMatch(/^msg_/);
    await settle(res.body.id);
    const got = await receiver.waitFor((r) => r.headers["webhook-id"] === res.body.id);
    expect(new Webhook(secret).verify(got.body, got.headers)).toMatchObject({ type: "webhook.test", data: { endpoint_id: id } });
  });

  it("replays a delivery under the same id, pending again with a fresh schedule", async () => {
    const { id, secret } = await createEndpoint();
    const msg = (await api.post(`/api/v1/webhooks/${id}/test`)).body.id;
    await settle(msg);
    const res = await api.post(`/api/v1/webhooks/${id}/deliveries/${msg}/replay`);
    expect(res.status, res.text).toBe(202);
    expect(res.body).toMatchObject({ id: msg, status: "pending", attempts: 0, delivered_at: null });
    expect(Math.abs(Date.parse(res.body.next_attempt_at) - Date.now())).toBeLessThan(5_000);
    await settle(msg);
    await receiver.waitFor(() => receiver.received.filter((r) => r.headers["webhook-id"] === msg).length === 2);
    for (const r of receiver.received.filter((x) => x.headers["webhook-id"] === msg)) expect(() => new Webhook(secret).verify(r.body, r.headers)).not.toThrow();
    expect((await deliveries(id))).toHaveLength(1);
  });

  it("a disabled endpoint refuses test and replay (409), and disabling gives up its pending messages", async () => {
    const { id } = await createEndpoint();
    const msg = (await api.post(`/api/v1/webhooks/${id}/test`)).body.id;
    await api.patch(`/api/v1/webhooks/${id}`, { enabled: false });
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { id: msg } })).toMatchObject({ status: "failed", lastError: "The endpoint was disabled" });
    expect((await api.post(`/api/v1/webhooks/${id}/test`)).status).toBe(409);
    expect((await api.post(`/api/v1/webhooks/${id}/deliveries/${msg}/replay`)).status).toBe(409);
    await api.patch(`/api/v1/webhooks/${id}`, { enabled: true });
    expect((await api.post(`/api/v1/webhooks/${id}/deliveries/${msg}/replay`)).status).toBe(202);
  });

  it("pages the delivery log newest first and filters it by status", async () => {
    const { id } = await createEndpoint();
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) sent.push((await api.post(`/api/v1/webhooks/${id}/test`)).body.id);
    await settle(sent[0]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: { id: string }[]; has_more: boolean; next_cursor: string | null } } = await api.get(
        `/api/v1/webhooks/${id}/deliveries?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((d) => d.id));
      cursor = page.body.has_more ? page.body.next_cursor : null;
    } while (cursor);
    expect(seen).toEqual([...sent].reverse());

    await db.webhookDelivery.updateMany({ where: { id: { in: sent.slice(1, 3) } }, data: { status: "failed", nextAttemptAt: null } });
    const failed = await api.get(`/api/v1/webhooks/${id}/deliveries?status=failed`);
    expect(failed.body.data.map((d: { id: string }) => d.id).sort()).toEqual(sent.slice(1, 3).sort());
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["status=lost", "status"],
    ["color=red", "(root)"],
  ])("refuses a bad delivery query %s (400)", async (query, path) => {
    const { id } = await createEndpoint();
    const res = await api.get(`/api/v1/webhooks/${id}/deliveries?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it.each(["garbage", Buffer.from(JSON.stringify({ t: "2026-13-01", i: "msg_x" })).toString("base64url")])(
    "refuses a forged cursor %s (400)",
    async (cursor) => {
      const { id } = await createEndpoint();
      const res = await api.get(`/api/v1/webhooks/${id}/deliveries?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    },
  );
});
