// The activity timeline and consent records through the real route handlers on the real database:
// every write path (single, batch, PUT, import chunks, bulk jobs, delete) records who changed what,
// in the same transaction; nothing is recorded for a write that changes nothing or fails.
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { call, client, settled as settledJob } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { db } from "@/lib/db/client";
import { processImport } from "@/lib/imports/process-import";

let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
let api: ReturnType<typeof client>;

beforeEach(async () => {
  ws = await createTestWorkspace();
  api = client(ws.key);
});

const UA = { "user-agent": "crm-sync/2.1", "x-forwarded-for": "198.51.100.7" };
const activity = async (id: string, query = "") => (await api.get(`/api/v1/contacts/${id}/activity${query}`)).body;
const eventCount = async (workspaceId = ws.workspace.id) =>
  (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM contact_events WHERE workspace_id = ${workspaceId}`)[0].n;

/** The messages queued for an endpoint: type, and the id and status of what they announce. */
const messages = async (endpointId: string) =>
  (await db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" } })).map((d) => {
    const data = (d.payload as { data: { id: string; status: string } }).data;
    return { type: d.eventType, id: data.id, status: data.status };
  });

const settled = (path: string) => settledJob(api, path);

describe("activity timeline", () => {
  it("records a create and an update with field changes, actor, request id and consent provenance", async () => {
    const created = await api.post("/api/v1/contacts", { email: "ada@act.test", first_name: "Ada", metadata: { plan: "free" } }, { headers: UA });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const updated = await api.patch(`/api/v1/contacts/${id}`, { first_name: "Augusta", metadata: { plan: "pro", seats: 3 } });
    expect(updated.status).toBe(200);

    const list = await activity(id);
    expect(list).toMatchObject({ object: "list", has_more: false, next_cursor: null });
    expect(list.data.map((e: { type: string }) => e.type)).toEqual(["contact.updated", "contact.created"]);
    const [update, create] = list.data;
    expect(update).toMatchObject({
      object: "event",
      contact_id: id,
      changes: {
        first_name: { from: "Ada", to: "Augusta" },
        "metadata.plan": { from: "free", to: "pro" },
        "metadata.seats": { from: null, to: 3 },
      },
      actor: { type: "api_key", name: "full" },
      request_id: updated.headers.get("x-request-id"),
      context: null, // not a consent change
    });
    expect(Object.keys(update.changes).sort()).toEqual(["first_name", "metadata.plan", "metadata.seats"]);
    expect(update.id).toMatch(/^evt_\d+$/);
    expect(create).toMatchObject({
      type: "contact.created",
      changes: { email: { from: null, to: "ada@act.test" }, first_name: { from: null, to: "Ada" }, status: { from: null, to: "subscribed" } },
      context: { source: "api", ip: "198.51.100.7", user_agent: "crm-sync/2.1" },
    });
    expect(create.changes).not.toHaveProperty("email_ok"); // defaults are not noise
  });

  it("shows every change with its type: booleans, tag lists with commas and quotes, metadata keys removed", async () => {
    const id = (await api.post("/api/v1/contacts", { email: "typed@act.test", tags: ["a"], metadata: { gone: 1, kept: "x" } })).body.id;
    await api.patch(`/api/v1/contacts/${id}`, { sms_ok: false, tags: ["a,b", 'say "hi"', "{x}"], metadata: { gone: null } });
    const [event] = (await activity(id)).data;
    expect(event.changes).toEqual({
      sms_ok: { from: true, to: false },
      tags: { from: ["a"], to: ["a,b", 'say "hi"', "{x}"] },
      "metadata.gone": { from: 1, to: null },
    });
    expect(event.context).toMatchObject({ source: "api" }); // sms_ok is a channel opt-in: consent
  });

  it("an update that changes nothing records nothing; a failed write records nothing", async () => {
    const a = (await api.post("/api/v1/contacts", { email: "same@act.test", first_name: "Same", tags: ["x"] })).body.id;
    await api.post("/api/v1/contacts", { email: "other@act.test", phone: "+14155550101" });
    const before = await eventCount();
    expect((await api.patch(`/api/v1/contacts/${a}`, { first_name: "Same", tags: ["x"] })).status).toBe(200);
    expect((await api.put("/api/v1/contacts", { email: "same@act.test", first_name: "Same" })).status).toBe(200);
    expect((await api.patch(`/api/v1/contacts/${a}`, { phone: "+14155550101" })).status).toBe(409);
    expect((await api.post("/api/v1/contacts", { email: "same@act.test" })).status).toBe(409);
    expect(await eventCount()).toBe(before);
  });

  it("unsubscribing is its own event type and becomes the consent record's provenance", async () => {
    const id = (await api.post("/api/v1/contacts", { email: "u@act.test" })).body.id;
    await api.patch(`/api/v1/contacts/${id}`, { status: "unsubscribed" }, { headers: UA });
    const [event] = (await activity(id)).data;
    expect(event).toMatchObject({ type: "contact.unsubscribed", changes: { status: { from: "subscribed", to: "unsubscribed" } } });

    const consent = await api.get(`/api/v1/contacts/${id}/consent`);
    expect(consent.status).toBe(200);
    expect(consent.body).toMatchObject({
      object: "consent",
      contact_id: id,
      status: "unsubscribed",
      suppressed: false,
      fields: {
        status: { value: "unsubscribed", event_id: event.id, source: "api", ip: "198.51.100.7", user_agent: "crm-sync/2.1", actor: { type: "api_key", name: "full" } },
        email_ok: { value: true, source: "api", ip: null }, // set when created
      },
    });
    expect(consent.body.history.map((h: { type: string }) => h.type)).toEqual(["contact.unsubscribed", "contact.created"]);
    expect(consent.body.history[0].changes).toEqual({ status: { from: "subscribed", to: "unsubscribed" } });
  });

  it("batch and PUT upserts record one event per contact written, as the key", async () => {
    const res = await api.post("/api/v1/contacts/batch", {
      contacts: [{ email: "b1@act.test" }, { email: "b2@act.test", tags: ["t"] }, { email: "b1@act.test", last_name: "Later" }],
    });
    expect(res.status).toBe(200);
    const id = res.body.results[0].id;
    const events = (await activity(id)).data;
    expect(events.map((e: { type: string }) => e.type)).toEqual(["contact.updated", "contact.created"]);
    expect(events[0].changes).toEqual({ last_name: { from: null, to: "Later" } });
    await api.put("/api/v1/contacts", { email: "b2@act.test", status: "unsubscribed" });
    expect((await activity(res.body.results[1].id)).data[0]).toMatchObject({ type: "contact.unsubscribed", actor: { type: "api_key" } });
  });

  it("a deleted contact keeps its timeline: who deleted it and when", async () => {
    const id = (await api.post("/api/v1/contacts", { email: "gone@act.test" })).body.id;
    expect((await api.delete(`/api/v1/contacts/${id}`)).status).toBe(204);
    const list = await activity(id);
    expect(list.data.map((e: { type: string }) => e.type)).toEqual(["contact.deleted", "contact.created"]);
    expect(list.data[0]).toMatchObject({ changes: {}, actor: { type: "api_key", name: "full" } });
    expect((await api.get(`/api/v1/contacts/${id}/consent`)).status).toBe(404);
  });

  it("pages newest first with a cursor; bad cursors, ids and other workspaces are refused", async () => {
    const id = (await api.post("/api/v1/contacts", { email: "p@act.test" })).body.id;
    for (let i = 0; i < 4; i++) await api.patch(`/api/v1/contacts/${id}`, { first_name: `N${i}` });
    const seen: string[] = [];
    let cursor = "";
    for (let page = 0; page < 5; page++) {
      const body = await activity(id, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...body.data.map((e: { changes: { first_name?: { to: string } } }) => e.changes.first_name?.to ?? "created"));
      if (!body.has_more) break;
      cursor = body.next_cursor;
    }
    expect(seen).toEqual(["N3", "N2", "N1", "N0", "created"]);
    expect((await api.get(`/api/v1/contacts/${id}/activity?cursor=bm9wZQ`)).status).toBe(400);
    expect((await api.get(`/api/v1/contacts/${id}/activity?limit=0`)).status).toBe(400);
    expect((await api.get(`/api/v1/contacts/con_missing/activity`)).status).toBe(404);
    const other = client((await createTestWorkspace()).key);
    expect((await other.get(`/api/v1/contacts/${id}/activity`)).status).toBe(404);
    expect((await other.get(`/api/v1/contacts/${id}/consent`)).status).toBe(404);
    expect((await client(ws.readOnlyKey).get(`/api/v1/contacts/${id}/activity`)).status).toBe(200);
  });
});

describe("set-based writers", () => {
  it("a bulk job is the actor of its changes, one event per contact it changed", async () => {
    const ids = (await api.post("/api/v1/contacts/batch", { contacts: Array.from({ length: 30 }, (_, i) => ({ email: `k${i}@act.test`, tags: i < 10 ? ["vip"] : [] })) })).body.results.map(
      (r: { id: string }) => r.id,
    );
    const hook = await api.post("/api/v1/webhooks", { url: "https://203.0.113.10/hook" }); // every event type
    expect(hook.status, hook.text).toBe(201);
    const before = await eventCount();
    const job = await api.post("/api/v1/contacts/bulk-tag", { all: true, add: ["vip"] });
    expect(job.status).toBe(202);
    expect(await settled(`/api/v1/contacts/bulk/${job.body.id}`)).toMatchObject({ status: "completed", processed: 30 });
    expect(await eventCount()).toBe(before + 20); // the 10 that had the tag did not change
    expect((await activity(ids[15])).data[0]).toMatchObject({
      type: "contact.updated",
      changes: { tags: { from: [], to: ["vip"] } },
      actor: { type: "bulk", id: job.body.id, name: "Bulk tag" },
    });
    expect((await activity(ids[5])).data).toHaveLength(1);
    // One summary message for the job, none per row.
    expect(await messages(hook.body.id)).toEqual([{ type: "bulk.completed", id: job.body.id, status: "completed" }]);
  });

  it("an import chunk records its rows as the import, with the file's consent evidence", async () => {
    const existing = (await api.post("/api/v1/contacts", { email: "sub.one@example.com", first_name: "U" })).body.id;
    const hook = await api.post("/api/v1/webhooks", { url: "https://203.0.113.10/hook", events: ["contact.created", "contact.updated", "import.completed"] });
    const form = new FormData();
    form.set("file", new Blob([readFileSync("lib/imports/fixtures/mailchimp-subscribed.csv")]), "march-list.csv");
    const res = await call("POST", "/api/v1/contacts/import", { key: ws.key, rawBody: form });
    expect(res.status).toBe(202);
    await processImport({ workspaceId: ws.workspace.id, id: res.body.id }); // as the worker would
    const job = await settled(`/api/v1/contacts/import/${res.body.id}`);
    expect(job.status).toBe("completed");

    expect(job).toMatchObject({ created: 1, updated: 1 });
    expect(await messages(hook.body.id)).toEqual([{ type: "import.completed", id: res.body.id, status: "completed" }]);
    expect((await activity(existing)).data[0]).toMatchObject({
      type: "contact.updated",
      changes: { first_name: { from: "U", to: "Sub" } },
      actor: { type: "import", name: "march-list.csv" },
    });
    const fresh = (await api.get("/api/v1/contacts?email=sub.two@example.com")).body.data[0];
    const [created] = (await activity(fresh.id)).data;
    expect(created).toMatchObject({ type: "contact.created", actor: { type: "import", id: res.body.id, name: "march-list.csv" }, request_id: null });
    const consent = (await api.get(`/api/v1/contacts/${fresh.id}/consent`)).body;
    expect(consent.fields.status).toMatchObject({ source: "import", actor: { type: "import", name: "march-list.csv" } });
    expect(consent.fields.status.evidence).toEqual({
      optin_time: "2023-02-01 08:00:00",
      optin_ip: "198.51.100.7",
      confirm_time: "2023-02-01 08:01:00",
      confirm_ip: "198.51.100.7",
    });
  });
});
