// Saved segments through the real route handlers on the real database: CRUD with counts, names,
// validation, isolation between workspaces, and `segment` in list, export and bulk (frozen selection).
import { beforeEach, describe, expect, it } from "vitest";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { MAX_SEGMENTS } from "@/lib/segments/schemas";

let api: ReturnType<typeof client>;
let readOnly: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
let ids: string[];

beforeEach(async () => {
  const ws = await createTestWorkspace();
  api = client(ws.key);
  readOnly = client(ws.readOnlyKey);
  other = client((await createTestWorkspace()).key);
  const res = await api.post("/api/v1/contacts/batch", {
    contacts: Array.from({ length: 12 }, (_, i) => ({
      email: `s${i}@seg.test`,
      tags: i % 2 ? ["odd"] : ["even"],
      metadata: { plan: i < 4 ? "pro" : "free", score: i },
    })),
  });
  ids = res.body.results.map((r: { id: string }) => r.id);
});

const pro = { name: "Pro", filter: { metadata: { plan: "pro" } } };

async function settle(jobId: string) {
  for (let i = 0; i < 200; i++) {
    const res = await api.get(`/api/v1/contacts/bulk/${jobId}`);
    if (res.body.status === "completed" || res.body.status === "failed") return res.body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("bulk job did not finish");
}

describe("segments CRUD", () => {
  it("saves a segment with its validated filter and answers its current count", async () => {
    const res = await api.post("/api/v1/segments", {
      name: "  High scorers ",
      filter: { metadata: { score: { gte: "8" } }, tag: "even" },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      object: "segment",
      name: "High scorers",
      filter: { metadata: { score: { gte: "8" } }, tag: ["even"] },
      count: 2,
    });
    expect(res.body.id).toMatch(/^seg_[0-9A-Za-z]{16}$/);
    expect(Object.keys(res.body).sort()).toEqual(["count", "created_at", "filter", "id", "name", "object", "updated_at"]);

    // The count is computed when read: it follows the contacts.
    await api.post("/api/v1/contacts", { email: "new@seg.test", tags: ["even"], metadata: { score: 99 } });
    expect((await api.get(`/api/v1/segments/${res.body.id}`)).body.count).toBe(3);
  });

  it("lists the workspace's segments by name, each with its count", async () => {
    await api.post("/api/v1/segments", { name: "Odd ones", filter: { tag: ["odd"] } });
    await api.post("/api/v1/segments", pro);
    await other.post("/api/v1/segments", { name: "Theirs", filter: { tag: ["x"] } });
    const res = await readOnly.get("/api/v1/segments");
    expect(res.status).toBe(200);
    expect(res.body.object).toBe("list");
    expect(res.body.data.map((s: { name: string; count: number }) => [s.name, s.count])).toEqual([
      ["Odd ones", 6],
      ["Pro", 4],
    ]);
  });

  it("renames a segment and replaces its filter; its count follows", async () => {
    const { id } = (await api.post("/api/v1/segments", pro)).body;
    const renamed = await api.patch(`/api/v1/segments/${id}`, { name: "Paying" });
    expect(renamed.body).toMatchObject({ name: "Paying", filter: { metadata: { plan: { eq: "pro" } } }, count: 4 });
    const refiltered = await api.patch(`/api/v1/segments/${id}`, {
      filter: { metadata: { plan: { in: ["pro", "free"] } }, status: "subscribed" },
    });
    expect(refiltered.status, refiltered.text).toBe(200);
    expect(refiltered.body).toMatchObject({
      name: "Paying",
      count: 12,
      filter: { metadata: { plan: { in: ["pro", "free"] } }, status: "subscribed" },
    });
    expect(refiltered.body.filter.tag).toBeUndefined();
    expect(Date.parse(refiltered.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(renamed.body.updated_at));
  });

  it("deletes a segment; then it answers 404", async () => {
    const { id } = (await api.post("/api/v1/segments", pro)).body;
    const res = await api.delete(`/api/v1/segments/${id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect((await api.get(`/api/v1/segments/${id}`)).status).toBe(404);
    expect((await api.delete(`/api/v1/segments/${id}`)).status).toBe(404);
    expect(await api.get("/api/v1/contacts")).toMatchObject({ status: 200, body: { total: 12 } });
  });

  it("keeps names unique in a workspace (409), but not across workspaces", async () => {
    const first = await api.post("/api/v1/segments", pro);
    const again = await api.post("/api/v1/segments", { ...pro, filter: { tag: ["odd"] } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", message: 'A segment named "Pro" already exists' });
    const second = await api.post("/api/v1/segments", { name: "Second", filter: { tag: ["odd"] } });
    expect((await api.patch(`/api/v1/segments/${second.body.id}`, { name: "Pro" })).status).toBe(409);
    expect((await api.patch(`/api/v1/segments/${first.body.id}`, { name: "Pro" })).status).toBe(200);
    expect((await other.post("/api/v1/segments", pro)).status).toBe(201);
  });

  it(`holds at most ${MAX_SEGMENTS} segments per workspace`, async () => {
    for (let i = 0; i < MAX_SEGMENTS; i++)
      expect((await api.post("/api/v1/segments", { name: `S${i}`, filter: { tag: [`t${i}`] } })).status).toBe(201);
    const res = await api.post("/api/v1/segments", { name: "One too many", filter: { tag: ["x"] } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/at most 100 segments/);
  });

  it.each([
    [{ name: "Everyone", filter: {} }, "filter", /at least one criterion/],
    [{ name: "Empty metadata", filter: { metadata: {} } }, "filter", /at least one criterion/],
    [{ name: "", filter: { tag: ["x"] } }, "name", /./],
    [{ name: "x".repeat(101), filter: { tag: ["x"] } }, "name", /./],
    [{ filter: { tag: ["x"] } }, "name", /./],
    [{ name: "No filter" }, "filter", /./],
    [{ name: "Nested", filter: { segment: "seg_AAAAAAAAAAAAAAAA" } }, "filter", /segment/],
    [{ name: "Bad op", filter: { metadata: { score: { near: 1 } } } }, "filter.metadata.score.near", /Unknown operator/],
    [{ name: "Bad date", filter: { created_after: "2026-02-30T00:00:00Z" } }, "filter.created_after", /./],
    [{ name: "Extra", filter: { tag: ["x"] }, count: 5 }, "(root)", /count/],
  ])("refuses %j (400 naming %s)", async (body, path, message) => {
    const res = await api.post("/api/v1/segments", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    const issues = res.body.error.details as { path: string; message: string }[];
    expect(
      issues.some((i) => i.path === path && message.test(i.message)),
      JSON.stringify(issues),
    ).toBe(true);
  });

  it("refuses an empty update and an update that leaves no criterion", async () => {
    const { id } = (await api.post("/api/v1/segments", pro)).body;
    expect((await api.patch(`/api/v1/segments/${id}`, {})).status).toBe(400);
    expect((await api.patch(`/api/v1/segments/${id}`, { filter: {} })).body.error.details[0].path).toBe("filter");
  });

  it("lets read-only keys read segments but not write them", async () => {
    const { id } = (await api.post("/api/v1/segments", pro)).body;
    expect((await readOnly.get(`/api/v1/segments/${id}`)).status).toBe(200);
    expect((await readOnly.post("/api/v1/segments", { name: "RO", filter: { tag: ["x"] } })).status).toBe(403);
    expect((await readOnly.patch(`/api/v1/segments/${id}`, { name: "RO" })).status).toBe(403);
    expect((await readOnly.delete(`/api/v1/segments/${id}`)).status).toBe(403);
  });
});

describe("another workspace's segment", () => {
  let theirs: string;
  beforeEach(async () => {
    theirs = (await other.post("/api/v1/segments", { name: "Theirs", filter: { tag: ["even"] } })).body.id;
  });

  it.each([
    ["GET", () => api.get(`/api/v1/segments/${theirs}`)],
    ["PATCH", () => api.patch(`/api/v1/segments/${theirs}`, { name: "Mine now" })],
    ["DELETE", () => api.delete(`/api/v1/segments/${theirs}`)],
    ["list", () => api.get(`/api/v1/contacts?segment=${theirs}`)],
    ["export", () => api.get(`/api/v1/contacts/export?segment=${theirs}`)],
    ["bulk", () => api.post("/api/v1/contacts/bulk-delete", { segment: theirs })],
    ["bulk dry run", () => api.post("/api/v1/contacts/bulk-tag", { segment: theirs, add: ["x"], dry_run: true })],
  ])("answers 404 to %s, exactly like a segment that does not exist", async (_label, send) => {
    const res = await send();
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: "not_found", message: "Segment not found" });
    expect((await other.get(`/api/v1/segments/${theirs}`)).body).toMatchObject({ name: "Theirs", count: 0 });
    expect((await api.get("/api/v1/contacts?limit=1")).body.total).toBe(12);
  });

  it("answers 404 to ids that cannot exist, and 400 to a malformed segment parameter", async () => {
    expect((await api.get("/api/v1/segments/seg_doesnotexist")).status).toBe(404);
    expect((await api.get("/api/v1/segments/con_notasegment")).status).toBe(404);
    const res = await api.get("/api/v1/contacts?segment=nope");
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("segment");
    expect((await api.post("/api/v1/contacts/bulk-tag", { segment: "nope", add: ["x"] })).body.error.details[0].path).toBe(
      "segment",
    );
  });
});

describe("segment= in list, export and bulk", () => {
  let segment: string;
  beforeEach(async () => {
    segment = (await api.post("/api/v1/segments", pro)).body.id;
  });

  it("lists the segment's contacts, combined with any other filter, with an exact total", async () => {
    const res = await api.get(`/api/v1/contacts?segment=${segment}&limit=2`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.data).toHaveLength(2);
    const next = await api.get(`/api/v1/contacts?segment=${segment}&limit=2&cursor=${res.body.next_cursor}`);
    const walked = [...res.body.data, ...next.body.data].map((c: { id: string }) => c.id);
    expect(walked.sort()).toEqual(ids.slice(0, 4).sort());
    expect(next.body.has_more).toBe(false);
    expect((await api.get(`/api/v1/contacts?segment=${segment}&tag=odd`)).body.total).toBe(2);
    expect((await api.get(`/api/v1/contacts?segment=${segment}&metadata[score][gte]=3`)).body.total).toBe(1);
  });

  it("exports the segment's contacts", async () => {
    const res = await api.get(`/api/v1/contacts/export?segment=${segment}&tag=even`);
    expect(res.status).toBe(200);
    const lines = res.text.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(res.text).toContain(ids[0]);
    expect(res.text).toContain(ids[2]);
  });

  it("bulk-tags the segment's contacts without `all: true`, and previews them", async () => {
    const preview = await api.post("/api/v1/contacts/bulk-tag", { segment, add: ["vip"], dry_run: true });
    expect(preview.body).toMatchObject({ object: "bulk_preview", matched: 4 });
    const res = await api.post("/api/v1/contacts/bulk-tag", { segment, filter: { tag: ["even"] }, add: ["vip"] });
    expect(res.status, res.text).toBe(202);
    expect(res.body.matched).toBe(2);
    await settle(res.body.id);
    expect((await api.get("/api/v1/contacts?tag=vip")).body.total).toBe(2);
  });

  it("freezes the selection when the job is created: later changes to the segment or its contacts do not move it", async () => {
    const job = await api.post("/api/v1/contacts/bulk-tag", { segment, add: ["frozen"] });
    expect(job.body.matched).toBe(4);
    // After creation: a new contact joins the segment, its filter changes, then it is deleted.
    const late = (await api.post("/api/v1/contacts", { email: "late@seg.test", metadata: { plan: "pro" } })).body.id;
    await api.patch(`/api/v1/segments/${segment}`, { filter: { metadata: { plan: "free" } } });
    await api.delete(`/api/v1/segments/${segment}`);
    expect(await settle(job.body.id)).toMatchObject({ status: "completed", matched: 4, processed: 4 });
    expect((await api.get(`/api/v1/contacts/${late}`)).body.tags).toEqual([]);
    const tagged = (await api.get("/api/v1/contacts?tag=frozen&limit=200")).body.data.map((c: { id: string }) => c.id).sort();
    expect(tagged).toEqual(ids.slice(0, 4).sort());
  });

  it("refuses ids together with a segment", async () => {
    const res = await api.post("/api/v1/contacts/bulk-tag", { ids: [ids[0]], segment, add: ["x"] });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("ids");
  });
});
