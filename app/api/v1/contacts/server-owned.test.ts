// Inputs the server must not take from the client: `source` on contacts, and a bulk selection of
// the whole workspace that the client did not explicitly ask for.
import { beforeEach, describe, expect, it } from "vitest";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";

let api: ReturnType<typeof client>;

beforeEach(async () => {
  api = client((await createTestWorkspace()).key);
});

describe("source is server-owned", () => {
  it("is refused as an unknown field on create, upsert, update and batch items", async () => {
    for (const [method, path, body] of [
      ["post", "/api/v1/contacts", { email: "src@example.com", source: "import" }],
      ["put", "/api/v1/contacts", { email: "src@example.com", source: "import" }],
    ] as const) {
      const res = await api[method](path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
      expect(JSON.stringify(res.body.error.details)).toContain("source");
    }
    const created = await api.post("/api/v1/contacts", { email: "src@example.com" });
    expect(created.body.source).toBe("api");
    const patched = await api.patch(`/api/v1/contacts/${created.body.id}`, { source: "import" });
    expect(patched.status).toBe(400);
    expect(patched.body.error.code).toBe("validation_error");
    const batch = await api.post("/api/v1/contacts/batch", { contacts: [{ email: "b@example.com", source: "import" }] });
    expect(batch.body.results[0]).toMatchObject({ status: "failed", error: { code: "validation_error" } });
    expect((await api.get(`/api/v1/contacts/${created.body.id}`)).body.source).toBe("api");
    expect((await api.get("/api/v1/contacts?email=b@example.com")).body.data).toEqual([]);
  });
});

describe("a bulk selection of the whole workspace must be explicit", () => {
  beforeEach(async () => {
    await api.post("/api/v1/contacts/batch", { contacts: [{ email: "one@all.test" }, { email: "two@all.test", tags: ["vip"] }] });
  });

  it.each([
    ["an empty filter", { filter: {} }],
    ["an empty filter with exclude_ids", { filter: {}, exclude_ids: ["con_x"] }],
    ["a filter of empty values", { filter: { search: "  ", tag: [] } }],
    ['"all": false', { filter: {}, all: false }],
  ])("refuses %s with a validation_error naming filter", async (_, selection) => {
    for (const path of ["/api/v1/contacts/bulk-delete", "/api/v1/contacts/bulk-subscribe", "/api/v1/contacts/bulk-unsubscribe"]) {
      const res = await api.post(path, selection);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
      expect(res.body.error.details).toContainEqual({ path: "filter", message: expect.stringContaining('"all": true') });
    }
    const tag = await api.post("/api/v1/contacts/bulk-tag", { ...selection, add: ["x"] });
    expect(tag.status).toBe(400);
    expect((await api.get("/api/v1/contacts?limit=1")).body.total).toBe(2);
  });

  it('selects everything with "all": true, with or without an empty filter', async () => {
    const preview = await api.post("/api/v1/contacts/bulk-delete", { all: true, dry_run: true });
    expect(preview.status).toBe(200);
    expect(preview.body.matched).toBe(2);
    const job = await api.post("/api/v1/contacts/bulk-tag", { filter: {}, all: true, add: ["everyone"] });
    expect(job.status).toBe(202);
    expect(job.body.matched).toBe(2);
  });

  it("still takes a filter with criteria, and ids, without all", async () => {
    const byTag = await api.post("/api/v1/contacts/bulk-delete", { filter: { tag: ["vip"] }, dry_run: true });
    expect(byTag.body.matched).toBe(1);
    const both = await api.post("/api/v1/contacts/bulk-delete", { ids: ["con_a"], all: true });
    expect(both.status).toBe(400);
  });
});
