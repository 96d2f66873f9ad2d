import { beforeAll, describe, expect, it } from "vitest";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";

let api: ReturnType<typeof client>;

beforeAll(async () => {
  api = client((await createTestWorkspace()).key);
});

describe("POST /contacts/batch", () => {
  it("creates, updates and fails item by item", async () => {
    const existing = (await api.post("/api/v1/contacts", { email: "known@example.com", metadata: { a: 1 } })).body;
    await api.post("/api/v1/contacts", { email: "holder@example.com", phone: "+14155550999" });
    const res = await api.post("/api/v1/contacts/batch", {
      contacts: [
        { email: "new1@example.com", first_name: "New" },
        { email: "KNOWN@example.com", metadata: { b: 2 } },
        { email: "broken" },
        { phone: "+14155550777" },
        { email: "clash@example.com", phone: "+14155550999" },
        { email: "new1@example.com", last_name: "Later" },
        "not an object",
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 2, failed: 3 });
    const r = res.body.results;
    expect(r.map((x: { status: string }) => x.status)).toEqual(["created", "updated", "failed", "created", "failed", "updated", "failed"]);
    expect(r[1].id).toBe(existing.id);
    expect(r[2].error.code).toBe("validation_error");
    expect(r[4].error.code).toBe("conflict");
    expect(r[5].id).toBe(r[0].id);
    expect(r.map((x: { index: number }) => x.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Items with the same key apply in order: the later one sees the earlier one.
    expect((await api.get(`/api/v1/contacts/${r[0].id}`)).body).toMatchObject({ first_name: "New", last_name: "Later" });
    expect((await api.get(`/api/v1/contacts/${existing.id}`)).body.metadata).toEqual({ a: 1, b: 2 });
  });

  it("upserts 1,000 contacts in one request", async () => {
    const contacts = Array.from({ length: 1000 }, (_, i) => ({ email: `bulk${i}@example.com`, tags: ["batch"] }));
    const res = await api.post("/api/v1/contacts/batch", { contacts });
    expect(res.body).toMatchObject({ created: 1000, updated: 0, failed: 0 });
    const again = await api.post("/api/v1/contacts/batch", { contacts });
    expect(again.body).toMatchObject({ created: 0, updated: 1000, failed: 0 });
    expect((await api.get("/api/v1/contacts?tag=batch&limit=1")).body.total).toBe(1000);
  });

  it.each([
    ["more than 1,000 items", { contacts: Array.from({ length: 1001 }, (_, i) => ({ email: `x${i}@example.com` })) }],
    ["no items", { contacts: [] }],
    ["no contacts field", { items: [] }],
    ["contacts that is not an array", { contacts: { email: "a@b.co" } }],
  ])("rejects %s with 400 validation_error", async (_label, body) => {
    const res = await api.post("/api/v1/contacts/batch", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
  });
});
