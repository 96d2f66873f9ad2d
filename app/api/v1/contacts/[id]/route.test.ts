import { beforeAll, describe, expect, it } from "vitest";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { db } from "@/lib/db/client";

let api: ReturnType<typeof client>;
let other: ReturnType<typeof client>;

beforeAll(async () => {
  api = client((await createTestWorkspace()).key);
  other = client((await createTestWorkspace()).key);
});

const create = async (body: object) => {
  const res = await api.post("/api/v1/contacts", body);
  expect(res.status).toBe(201);
  return res.body;
};

describe("GET/PATCH/PUT/DELETE /contacts/:id", () => {
  it("reads a contact", async () => {
    const c = await create({ email: "read@example.com", first_name: "Re", last_name: "Ad" });
    const res = await api.get(`/api/v1/contacts/${c.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(c);
  });

  it("merges metadata key by key, null deletes a key, tags are replaced", async () => {
    const c = await create({ email: "merge@example.com", tags: ["a", "b"], metadata: { plan: "pro", seats: 3, drop: true } });
    const res = await api.patch(`/api/v1/contacts/${c.id}`, { metadata: { seats: 5, drop: null, nested: { x: null } }, tags: ["c"] });
    expect(res.status).toBe(200);
    expect(res.body.metadata).toEqual({ plan: "pro", seats: 5, nested: { x: null } });
    expect(res.body.tags).toEqual(["c"]);
    expect(res.body.email).toBe("merge@example.com");
    expect(Date.parse(res.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(c.updated_at));
  });

  it("a PATCH that changes nothing answers the contact as it is, updated_at included", async () => {
    const c = await create({ email: "still@example.com", first_name: "Ann", tags: ["a"], metadata: { plan: "pro" } });
    await new Promise((r) => setTimeout(r, 20));
    const same = await api.patch(`/api/v1/contacts/${c.id}`, { first_name: "Ann", tags: ["a"], metadata: { plan: "pro", absent: null } });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(c);
    const changed = await api.patch(`/api/v1/contacts/${c.id}`, { first_name: "Anna" });
    expect(changed.body.first_name).toBe("Anna");
    expect(Date.parse(changed.body.updated_at)).toBeGreaterThan(Date.parse(c.updated_at));
  });

  it("a PATCH that another write made a no-op while it waited answers the contact, not an error", async () => {
    const c = await create({ email: "race@example.com", first_name: "Ann" });
    let answer: Promise<{ status: number; body: { first_name: string } }> | undefined;
    await db.$transaction(async (tx) => {
      // Another writer holds the row with the same change; the PATCH waits for it.
      await tx.$executeRaw`UPDATE contacts SET first_name = 'Bob', updated_at = now() WHERE id = ${c.id}`;
      answer = api.patch(`/api/v1/contacts/${c.id}`, { first_name: "Bob" });
      await new Promise((r) => setTimeout(r, 300));
    });
    const res = await answer!;
    expect(res.status).toBe(200);
    expect(res.body.first_name).toBe("Bob");
  });

  it("leaves fields that were not sent untouched and PUT behaves like PATCH", async () => {
    const c = await create({ email: "partial@example.com", first_name: "Ann", phone: "+14155550001", sms_ok: false });
    const res = await api.put(`/api/v1/contacts/${c.id}`, { last_name: "Lee" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ first_name: "Ann", last_name: "Lee", name: "Ann Lee", phone: "+14155550001", sms_ok: false });
  });

  it("changes the email, and answers 409 when the new email belongs to another contact", async () => {
    const a = await create({ email: "first@example.com" });
    const b = await create({ email: "second@example.com" });
    const ok = await api.patch(`/api/v1/contacts/${a.id}`, { email: "renamed@example.com" });
    expect(ok.body.email).toBe("renamed@example.com");
    const clash = await api.patch(`/api/v1/contacts/${a.id}`, { email: "SECOND@example.com" });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: "conflict", existing_id: b.id });
  });

  it("refuses to remove both email and phone", async () => {
    const c = await create({ email: "only@example.com" });
    const res = await api.patch(`/api/v1/contacts/${c.id}`, { email: null });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    expect((await api.get(`/api/v1/contacts/${c.id}`)).body.email).toBe("only@example.com");
  });

  it("deletes with 204 and no body, then 404", async () => {
    const c = await create({ email: "gone@example.com" });
    const res = await api.delete(`/api/v1/contacts/${c.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect((await api.get(`/api/v1/contacts/${c.id}`)).status).toBe(404);
    expect((await api.delete(`/api/v1/contacts/${c.id}`)).status).toBe(404);
  });

  it.each([
    ["an unknown id", "con_doesnotexist0000"],
    ["a malformed id", "not-an-id"],
    ["an id with SQL in it", "con_1' OR '1'='1"],
  ])("answers 404 not_found for %s", async (_label, id) => {
    for (const res of [
      await api.get(`/api/v1/contacts/${encodeURIComponent(id)}`),
      await api.patch(`/api/v1/contacts/${encodeURIComponent(id)}`, { first_name: "x" }),
      await api.delete(`/api/v1/contacts/${encodeURIComponent(id)}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: "not_found" });
      expect(res.body.error.request_id).toMatch(/^req_/);
    }
  });
});

describe("tenancy: another workspace can read, change and delete nothing", () => {
  it("answers 404 exactly like a missing id and leaves the contact intact", async () => {
    const c = await create({ email: "private@example.com", metadata: { secret: 1 } });
    const read = await other.get(`/api/v1/contacts/${c.id}`);
    const missing = await other.get(`/api/v1/contacts/con_missing00000000`);
    expect(read.status).toBe(404);
    expect(read.body.error.message).toBe(missing.body.error.message);
    expect((await other.patch(`/api/v1/contacts/${c.id}`, { first_name: "Mallory" })).status).toBe(404);
    expect((await other.delete(`/api/v1/contacts/${c.id}`)).status).toBe(404);
    expect((await other.get(`/api/v1/contacts?search=private`)).body.data).toEqual([]);
    expect((await other.put(`/api/v1/contacts`, { email: "private@example.com", first_name: "Mallory" })).status).toBe(201);
    expect((await api.get(`/api/v1/contacts/${c.id}`)).body).toEqual(c);
  });
});
