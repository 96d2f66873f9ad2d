import { beforeEach, describe, expect, it } from "vitest";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";

let api: ReturnType<typeof client>;
let ids: string[];

beforeEach(async () => {
  api = client((await createTestWorkspace()).key);
  const res = await api.post("/api/v1/contacts/batch", {
    contacts: Array.from({ length: 30 }, (_, i) => ({ email: `b${i}@bulk.test`, tags: i % 2 ? ["odd"] : ["even", "Keep"], status: i < 10 ? "unsubscribed" : "subscribed" })),
  });
  ids = res.body.results.map((r: { id: string }) => r.id);
});

async function settle(jobId: string) {
  for (let i = 0; i < 200; i++) {
    const res = await api.get(`/api/v1/contacts/bulk/${jobId}`);
    if (res.body.status === "completed" || res.body.status === "failed") return res.body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("bulk job did not finish");
}

const count = async (query: string) => (await api.get(`/api/v1/contacts?limit=1&${query}`)).body.total;

describe("bulk actions", () => {
  it("unsubscribes explicit ids with a reason and reports progress", async () => {
    const res = await api.post("/api/v1/contacts/bulk-unsubscribe", { ids: ids.slice(10, 15), reason: "complained" });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ object: "bulk_job", action: "unsubscribe", matched: 5 });
    expect(res.body.id).toMatch(/^job_/);
    expect(await settle(res.body.id)).toMatchObject({ status: "completed", processed: 5, progress: 1 });
    expect((await api.get(`/api/v1/contacts/${ids[12]}`)).body).toMatchObject({ status: "unsubscribed", suppressed: true, suppressed_reason: "complained" });
    expect(await count("status=unsubscribed")).toBe(15);
  });

  it("subscribes everything matching a filter except excluded ids, and lifts only unsubscribe suppressions", async () => {
    const unsub = await api.post("/api/v1/contacts/bulk-unsubscribe", { ids: ids.slice(0, 2) });
    await settle(unsub.body.id);
    const res = await api.post("/api/v1/contacts/bulk-subscribe", { filter: { status: "unsubscribed" }, exclude_ids: [ids[0]] });
    expect(res.body.matched).toBe(9);
    await settle(res.body.id);
    expect(await count("status=unsubscribed")).toBe(1);
    expect((await api.get(`/api/v1/contacts/${ids[1]}`)).body).toMatchObject({ status: "subscribed", suppressed: false, suppressed_reason: null });
  });

  it("adds and removes tags case-insensitively, without duplicates", async () => {
    const res = await api.post("/api/v1/contacts/bulk-tag", { filter: { tag: ["even"] }, add: ["vip", "KEEP"], remove: ["keep"] });
    expect(res.body.matched).toBe(15);
    await settle(res.body.id);
    expect((await api.get(`/api/v1/contacts/${ids[0]}`)).body.tags).toEqual(["even", "vip", "KEEP"]);
    expect(await count("tag=vip")).toBe(15);
    expect((await api.get(`/api/v1/contacts/${ids[1]}`)).body.tags).toEqual(["odd"]);
  });

  it("leaves alone the contacts it would not change: updated_at and the activity stay as they were", async () => {
    const seen = async (id: string) => ({
      updated_at: (await api.get(`/api/v1/contacts/${id}`)).body.updated_at,
      events: (await api.get(`/api/v1/contacts/${id}/activity`)).body.data.length,
    });
    const run = async (path: string, body: { ids: string[]; add?: string[]; remove?: string[] }) => {
      const res = await api.post(`/api/v1/contacts/${path}`, body);
      expect(await settle(res.body.id)).toMatchObject({ status: "completed", processed: body.ids.length });
    };
    await run("bulk-unsubscribe", { ids: [ids[0]] });
    // ids[0]: unsubscribed, tagged "Keep". ids[11]: subscribed, tagged "odd".
    const before = [await seen(ids[0]), await seen(ids[11])];
    await new Promise((r) => setTimeout(r, 20));
    await run("bulk-tag", { ids: [ids[0], ids[11]], add: ["keep"], remove: ["absent"] });
    await run("bulk-unsubscribe", { ids: [ids[0]] });
    await run("bulk-subscribe", { ids: [ids[11]] });

    expect(await seen(ids[0])).toEqual(before[0]);
    const after = await seen(ids[11]);
    expect(after.updated_at > before[1].updated_at).toBe(true);
    expect(after.events).toBe(before[1].events + 1); // the tag; subscribing a subscribed contact is nothing
    expect((await api.get(`/api/v1/contacts/${ids[11]}`)).body).toMatchObject({ tags: ["odd", "keep"], status: "subscribed" });
  });

  it("deletes the selection permanently", async () => {
    const res = await api.post("/api/v1/contacts/bulk-delete", { filter: { tag: ["odd"] } });
    await settle(res.body.id);
    expect(await count("")).toBe(15);
    expect((await api.get(`/api/v1/contacts/${ids[1]}`)).status).toBe(404);
  });

  it("freezes the selection at creation: contacts added later are not swept in", async () => {
    const res = await api.post("/api/v1/contacts/bulk-tag", { filter: {}, all: true, add: ["frozen"] });
    await api.post("/api/v1/contacts", { email: "late@bulk.test" });
    await settle(res.body.id);
    expect(res.body.matched).toBe(30);
    expect(await count("tag=frozen")).toBe(30);
    expect((await api.get("/api/v1/contacts?email=late@bulk.test")).body.data[0].tags).toEqual([]);
  });

  it("dry_run answers the count and a sample and changes nothing", async () => {
    const res = await api.post("/api/v1/contacts/bulk-delete", { filter: { status: "unsubscribed" }, dry_run: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dry_run: true, matched: 10 });
    expect(res.body.sample).toHaveLength(5);
    expect(await count("")).toBe(30);
  });

  it("ignores other workspaces' ids: never touched, never counted", async () => {
    const other = client((await createTestWorkspace()).key);
    const theirs = (await other.post("/api/v1/contacts", { email: "theirs@bulk.test" })).body.id;
    const res = await api.post("/api/v1/contacts/bulk-delete", { ids: [ids[0], theirs] });
    expect(res.body.matched).toBe(1);
    await settle(res.body.id);
    expect((await other.get(`/api/v1/contacts/${theirs}`)).status).toBe(200);
    expect((await other.get(`/api/v1/contacts/bulk/${res.body.id}`)).status).toBe(404);
  });

  it.each([
    ["neither ids nor filter", "/api/v1/contacts/bulk-subscribe", {}],
    ["both ids and filter", "/api/v1/contacts/bulk-subscribe", { ids: ["con_a"], filter: {} }],
    ["more than 1,000 ids", "/api/v1/contacts/bulk-delete", { ids: Array.from({ length: 1001 }, (_, i) => `con_${i}`) }],
    ["a tag job with no tags", "/api/v1/contacts/bulk-tag", { filter: {} }],
    ["an unknown filter field", "/api/v1/contacts/bulk-subscribe", { filter: { colour: "red" } }],
    ["an unknown body field", "/api/v1/contacts/bulk-delete", { filter: {}, everything: true }],
  ])("rejects %s with 400", async (_label, path, body) => {
    const res = await api.post(path, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
  });

  it("a selection of up to 1,000 is done when the POST answers; a larger one answers at once and runs on", async () => {
    const small = await api.post("/api/v1/contacts/bulk-tag", { ids: ids.slice(0, 3), add: ["now"] });
    expect(small.status).toBe(202);
    expect(small.body).toMatchObject({ status: "completed", matched: 3, processed: 3, progress: 1 });
    expect(await count("tag=now")).toBe(3);

    const more = Array.from({ length: 1_000 }, (_, i) => ({ email: `many${i}@bulk.test` }));
    expect((await api.post("/api/v1/contacts/batch", { contacts: more })).body.created).toBe(1_000);
    const large = await api.post("/api/v1/contacts/bulk-tag", { all: true, add: ["later"] });
    expect(large.status).toBe(202);
    expect(large.body).toMatchObject({ status: "queued", matched: 1_030, processed: 0 });
    expect(await settle(large.body.id)).toMatchObject({ status: "completed", processed: 1_030 });
    expect(await count("tag=later")).toBe(1_030);
  });

  it("answers 404 for an unknown job id", async () => {
    expect((await api.get("/api/v1/contacts/bulk/job_nope")).status).toBe(404);
    expect((await api.get("/api/v1/contacts/bulk/not-a-job")).status).toBe(404);
  });
});

describe("GET /contacts/export", () => {
  it("streams the filtered contacts as CSV with flattened metadata and neutralised formulas", async () => {
    await api.post("/api/v1/contacts", { email: "formula@bulk.test", first_name: "=HYPERLINK(\"evil\")", last_name: "@SUM(A1)", phone: "+14155550000", tags: ["x"], metadata: { plan: "pro", note: "-2+3", "odd,key": "a\"b" } });
    const res = await api.get("/api/v1/contacts/export?email=formula@&bom=true");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="contacts-/);
    const [header, row, ...rest] = res.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(res.text.startsWith("\uFEFF")).toBe(true);
    expect(rest).toEqual([]);
    expect(header).toBe('id,email,phone,first_name,last_name,status,suppressed,suppressed_reason,email_ok,sms_ok,whatsapp_ok,voice_ok,tags,source,created_at,updated_at,consent_source,consent_at,metadata.note,"metadata.odd,key",metadata.plan');
    expect(row).toContain(`'=HYPERLINK(""evil"")`);
    expect(row).toContain(",'@SUM(A1),");
    expect(row).toContain(",'+14155550000,");
    expect(row).toMatch(/,'-2\+3,"a""b",pro$/);
    // The current consent's source and time: created through the API just now.
    expect(row).toMatch(/,api,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,'-2\+3,/);
  });

  it("exports every matching row once, in pages", async () => {
    const res = await api.get("/api/v1/contacts/export?tag=odd");
    const lines = res.text.trim().split("\r\n");
    expect(lines).toHaveLength(16);
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(15);
    expect(res.text.startsWith("\uFEFF")).toBe(false);
  });

  it("rejects a bad filter with 400", async () => {
    expect((await api.get("/api/v1/contacts/export?status=maybe")).status).toBe(400);
  });
});
