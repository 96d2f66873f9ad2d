// Erasure that sticks, through the real route handlers on the real database: what goes, what stays
// (keyed hashes only), and every write path that refuses an erased address unless allowed.
import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { call, client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { sessionCookie } from "@/lib/testing/session";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { processImport } from "@/lib/imports/process-import";

const sameOrigin = { origin: "http://localhost:3000", host: "localhost:3000" };
const EMAIL = "erin.example@erase.test";
const PHONE = "+14155550123";

let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
let api: ReturnType<typeof client>;

beforeEach(async () => {
  ws = await createTestWorkspace();
  api = client(ws.key);
});

async function create(body: object, key = ws.key) {
  const res = await client(key).post("/api/v1/contacts", body);
  expect(res.status).toBe(201);
  return res.body as { id: string; email: string | null; phone: string | null };
}

/** Creates Erin (email and phone) and erases her. */
async function erased() {
  const erin = await create({ email: EMAIL, phone: PHONE, first_name: "Erin" });
  const res = await api.post(`/api/v1/contacts/${erin.id}/erase`);
  expect(res.status).toBe(200);
  return { erin, erasure: res.body };
}

const tombstones = () => db.erasedIdentity.findMany({ where: { workspaceId: ws.workspace.id }, orderBy: { kind: "asc" } });

/** An import run to the end in this process (the job is queued too; nothing else takes it). */
async function imported(csv: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new Blob([csv]), "people.csv");
  const res = await call("POST", "/api/v1/contacts/import", { key: ws.key, rawBody: form });
  expect(res.status).toBe(202);
  await processImport({ workspaceId: ws.workspace.id, id: res.body.id });
  const job = (await api.get(`/api/v1/contacts/import/${res.body.id}`)).body;
  const report = (await call("GET", job.errors_url, { key: ws.key })).text.trim().split("\r\n").slice(1);
  return { job, report };
}

describe("POST /contacts/:id/erase", () => {
  it("deletes the contact with its events and consent records, and keeps only keyed hashes of its email and phone", async () => {
    await db.$executeRaw`INSERT INTO webhook_endpoints (workspace_id, id, url, secret) VALUES (${ws.workspace.id}, ${newId("whk")}, 'http://127.0.0.1:9/hook', 'whsec_dGVzdA==')`;
    const erin = (await api.post("/api/v1/contacts", { email: EMAIL, phone: PHONE, first_name: "Erin" }, { headers: { "Idempotency-Key": "erin-create" } })).body;
    await api.patch(`/api/v1/contacts/${erin.id}`, { status: "unsubscribed", sms_ok: false });
    // An import report line that quotes her row (its phone was unreadable, so it was left out).
    const { report } = await imported(`email,phone\n${EMAIL},not a phone\n`);
    expect(report.join("\n")).toContain(EMAIL);
    const other = await create({ email: "stays@erase.test" });
    expect(await db.contactEvent.count({ where: { workspaceId: ws.workspace.id, contactId: erin.id } })).toBe(2); // created, unsubscribed

    const res = await api.post(`/api/v1/contacts/${erin.id}/erase`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ object: "erasure", contact_id: erin.id, erased: true, tombstones: ["email", "phone"], erased_at: expect.any(String) });
    expect(Date.parse(res.body.erased_at)).not.toBeNaN();

    expect((await api.get(`/api/v1/contacts/${erin.id}`)).status).toBe(404);
    expect(await db.contactEvent.count({ where: { workspaceId: ws.workspace.id, contactId: erin.id } })).toBe(0);
    expect(await db.contactEvent.count({ where: { workspaceId: ws.workspace.id, contactId: other.id } })).toBe(1);

    // Tombstones: two keyed hashes, nothing that contains or plainly hashes the address.
    const stones = await tombstones();
    expect(stones.map((s) => s.kind)).toEqual(["email", "phone"]);
    for (const s of stones) expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
    const plain = [`email:${EMAIL}`, `phone:${PHONE}`].map((v) => createHash("sha256").update(v).digest("hex"));
    expect(stones.map((s) => s.hash)).not.toEqual(expect.arrayContaining([plain[0]]));
    const [{ leaks }] = await db.$queryRaw<{ leaks: number }[]>`
      SELECT count(*)::int AS leaks FROM erased_identities e
       WHERE row_to_json(e)::text ILIKE ${`%${EMAIL}%`} OR row_to_json(e)::text LIKE ${"%4155550123%"}`;
    expect(leaks).toBe(0);

    // Webhook messages about her keep her id only; the deletion's own message says she was erased.
    const deliveries = await db.webhookDelivery.findMany({ where: { workspaceId: ws.workspace.id, contactId: erin.id } });
    expect(deliveries.map((d) => d.eventType).sort()).toEqual(["contact.created", "contact.deleted", "contact.unsubscribed"]);
    for (const d of deliveries) {
      expect(JSON.stringify(d.payload)).not.toMatch(/erin|4155550123/i);
      expect((d.payload as { data: { contact: object } }).data.contact).toMatchObject({ id: erin.id, erased: true });
    }
    const deletion = deliveries.find((d) => d.eventType === "contact.deleted")!.payload as { type: string; data: { object: string; type: string } };
    expect(deletion).toMatchObject({ type: "contact.deleted", data: { object: "event", type: "contact.deleted" } });

    // Nothing else the server kept quotes her: stored responses, import report lines.
    expect(await db.idempotencyRecord.count({ where: { workspaceId: ws.workspace.id, key: "erin-create" } })).toBe(0);
    const after = await db.importError.findMany({ where: { workspaceId: ws.workspace.id } });
    expect(after.filter((e) => e.row.toLowerCase().includes(EMAIL))).toEqual([]);
  });

  it("answers 404 for unknown ids, other workspaces' contacts, and a second erasure", async () => {
    const theirs = await create({ email: "theirs@erase.test" }, (await createTestWorkspace()).key);
    expect((await api.post(`/api/v1/contacts/${theirs.id}/erase`)).status).toBe(404);
    expect((await api.post("/api/v1/contacts/con_0000000000000000/erase")).status).toBe(404);
    expect((await api.post("/api/v1/contacts/not-an-id/erase")).status).toBe(404);
    const { erin } = await erased();
    const again = await api.post(`/api/v1/contacts/${erin.id}/erase`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("not_found");
    expect(await tombstones()).toHaveLength(2);
  });

  it("is for owners, admins and full keys: members, viewers and read-only keys get 403", async () => {
    const contact = await create({ email: EMAIL });
    for (const role of ["member", "viewer"] as const) {
      const { cookie } = await sessionCookie(ws.workspace.id, role);
      const res = await call("POST", `/api/v1/contacts/${contact.id}/erase`, { headers: { cookie, ...sameOrigin } });
      expect(res.status, role).toBe(403);
    }
    expect((await client(ws.readOnlyKey).post(`/api/v1/contacts/${contact.id}/erase`)).status).toBe(403);
    expect((await api.get(`/api/v1/contacts/${contact.id}`)).status).toBe(200);
    const { cookie } = await sessionCookie(ws.workspace.id, "admin");
    const res = await call("POST", `/api/v1/contacts/${contact.id}/erase`, { headers: { cookie, ...sameOrigin } });
    expect(res.status).toBe(200);
    expect(res.body.tombstones).toEqual(["email"]);
  });

  it("DELETE stays a plain permanent delete: 204, no tombstone, the address can come back", async () => {
    const contact = await create({ email: EMAIL, phone: PHONE });
    const res = await api.delete(`/api/v1/contacts/${contact.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(await tombstones()).toEqual([]);
    await create({ email: EMAIL, phone: PHONE });
  });

  it("concurrent first erasures in a workspace agree on one key", async () => {
    const a = await create({ email: "a@erase.test" });
    const b = await create({ email: "b@erase.test" });
    const results = await Promise.all([a, b].map((c) => api.post(`/api/v1/contacts/${c.id}/erase`)));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    for (const email of ["a@erase.test", "b@erase.test"]) expect((await api.post("/api/v1/contacts", { email })).status, email).toBe(409);
  });
});

describe("an erased address is refused unless the request allows it", () => {
  it("POST /contacts: 409 erased for the email (any case) or the phone (any written form)", async () => {
    await erased();
    for (const body of [{ email: EMAIL.toUpperCase() }, { phone: "(415) 555-0123" }, { email: "new@erase.test", phone: PHONE }]) {
      const res = await api.post("/api/v1/contacts", body);
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.body.error).toMatchObject({
        code: "erased",
        message: "This address belongs to a contact that was erased; send allow_erased: true if the person asked to be added again",
      });
    }
    expect((await api.post("/api/v1/contacts", { email: EMAIL, phone: PHONE })).body.error.details.map((d: { path: string }) => d.path)).toEqual(["email", "phone"]);
    expect((await api.get(`/api/v1/contacts?email=${EMAIL}`)).body.data).toEqual([]);
    expect(await tombstones()).toHaveLength(2);
  });

  it("POST /contacts with allow_erased: true creates the contact and drops the tombstone it brings back", async () => {
    await erased();
    const res = await api.post("/api/v1/contacts", { email: EMAIL, first_name: "Erin again", allow_erased: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: EMAIL, first_name: "Erin again" });
    expect(res.body).not.toHaveProperty("allow_erased");
    expect((await tombstones()).map((s) => s.kind)).toEqual(["phone"]);
    // The phone is still erased.
    expect((await api.post("/api/v1/contacts", { phone: PHONE })).status).toBe(409);
  });

  it("refuses a non-boolean allow_erased, and does not count it as a contact field", async () => {
    const res = await api.post("/api/v1/contacts", { email: "x@erase.test", allow_erased: "yes" });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("allow_erased");
    expect((await api.post("/api/v1/contacts/batch", { contacts: [{ email: "y@erase.test" }], allow_erased: 1 })).status).toBe(400);
  });

  it("PUT /contacts: 409 erased, and allowed with allow_erased", async () => {
    await erased();
    const refused = await api.put("/api/v1/contacts", { email: EMAIL, first_name: "Erin" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("erased");
    const allowed = await api.put("/api/v1/contacts", { email: EMAIL, first_name: "Erin", allow_erased: true });
    expect(allowed.status).toBe(201);
    expect((await tombstones()).map((s) => s.kind)).toEqual(["phone"]);
  });

  it("PATCH /contacts/:id: setting an erased email or phone is refused and changes nothing; allowed with allow_erased", async () => {
    await erased();
    const other = await create({ email: "other@erase.test", first_name: "Olive" });
    const refused = await api.patch(`/api/v1/contacts/${other.id}`, { phone: PHONE, first_name: "Changed" });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "erased", details: [{ path: "phone" }] });
    expect((await api.get(`/api/v1/contacts/${other.id}`)).body).toMatchObject({ phone: null, first_name: "Olive" });
    // Other fields, and clearing, are fine; an unknown id is still a 404.
    expect((await api.patch(`/api/v1/contacts/${other.id}`, { first_name: "Ollie", phone: null })).status).toBe(200);
    expect((await api.patch("/api/v1/contacts/con_0000000000000000", { email: EMAIL })).status).toBe(404);
    const allowed = await api.put(`/api/v1/contacts/${other.id}`, { phone: PHONE, allow_erased: true });
    expect(allowed.status).toBe(200);
    expect(allowed.body.phone).toBe(PHONE);
    expect((await tombstones()).map((s) => s.kind)).toEqual(["email"]);
  });

  it("POST /contacts/batch: the erased items fail alone; allow_erased at the top or on an item lets them in", async () => {
    await erased();
    const res = await api.post("/api/v1/contacts/batch", { contacts: [{ email: "fine@erase.test" }, { email: EMAIL }, { phone: PHONE, first_name: "P" }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 0, failed: 2 });
    expect(res.body.results[0]).toMatchObject({ index: 0, status: "created" });
    expect(res.body.results[1]).toEqual({
      index: 1,
      id: null,
      status: "failed",
      error: { code: "erased", message: expect.stringContaining("allow_erased: true"), details: [{ path: "email", message: expect.any(String) }] },
    });
    expect(res.body.results[2]).toMatchObject({ status: "failed", error: { code: "erased", details: [{ path: "phone" }] } });
    expect(await tombstones()).toHaveLength(2);

    const one = await api.post("/api/v1/contacts/batch", { contacts: [{ email: EMAIL, allow_erased: true }, { phone: PHONE }] });
    expect(one.body.results.map((r: { status: string }) => r.status)).toEqual(["created", "failed"]);
    expect((await tombstones()).map((s) => s.kind)).toEqual(["phone"]);
    const all = await api.post("/api/v1/contacts/batch", { contacts: [{ phone: PHONE }], allow_erased: true });
    expect(all.body.results[0].status).toBe("created");
    expect(await tombstones()).toEqual([]);
  });

  it("imports: erased rows fail and are reported, counted in failed_rows; allow_erased=true imports them", async () => {
    await erased();
    const { job, report } = await imported(`email,phone,first_name\nnew@erase.test,,New\n${EMAIL.toUpperCase()},,Erin\n,${PHONE},Phone\n`);
    expect(job).toMatchObject({ status: "completed", created: 1, failed_rows: 2, allow_erased: false });
    expect(report).toHaveLength(2);
    expect(report[0]).toMatch(/^3,.*email: Belongs to a contact that was erased/i);
    expect(report[1]).toMatch(/^4,.*phone: Belongs to a contact that was erased/i);
    expect(await tombstones()).toHaveLength(2);

    const again = await imported(`email,phone\n${EMAIL},\n,${PHONE}\n`, { allow_erased: "true" });
    expect(again.job).toMatchObject({ status: "completed", created: 2, failed_rows: 0, allow_erased: true });
    expect(await tombstones()).toEqual([]);
    expect((await api.get(`/api/v1/contacts?email=${EMAIL}`)).body.data).toHaveLength(1);
  });

  it("import options refuse an allow_erased that is not true or false", async () => {
    const form = new FormData();
    form.set("allow_erased", "please");
    form.set("file", new Blob(["email\na@b.co\n"]), "a.csv");
    const res = await call("POST", "/api/v1/contacts/import", { key: ws.key, rawBody: form });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("allow_erased");
  });

  it("another workspace is unaffected: the same address is welcome there", async () => {
    await erased();
    const other = await createTestWorkspace();
    const res = await client(other.key).post("/api/v1/contacts", { email: EMAIL, phone: PHONE });
    expect(res.status).toBe(201);
    expect(await db.erasedIdentity.count({ where: { workspaceId: other.workspace.id } })).toBe(0);
  });

  it("a workspace gets its erasure key (32 random bytes) from its first erasure", async () => {
    const key = async () => (await db.workspace.findUnique({ where: { id: ws.workspace.id } }))?.erasureKey;
    const contact = await create({ email: EMAIL });
    expect(await key()).toBeNull();
    expect((await api.post(`/api/v1/contacts/${contact.id}/erase`)).status).toBe(200);
    expect(Buffer.from((await key())!, "base64")).toHaveLength(32);
  });
});
