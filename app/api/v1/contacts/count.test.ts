// Totals that never lie: trigger-kept counters (per tag, status, suppressed) stay equal to the
// truth through every write path; other filters are counted within a budget, else the first
// page says `total_estimate` and GET /contacts/count counts exactly.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
const budgetOfTests = process.env.ROLO_COUNT_BUDGET_MS; // (lib/testing/setup.ts)
afterEach(() => {
  process.env.ROLO_COUNT_BUDGET_MS = budgetOfTests;
});

const settled = (path: string) => settledJob(api, path);

/** What the counters say, next to what counting the contacts says. */
async function countersAndTruth() {
  const id = ws.workspace.id;
  const counters = await db.$queryRaw<{ key: string; n: number }[]>`
    SELECT kind || ':' || value AS key, sum(n)::int AS n FROM contact_filter_counts
     WHERE workspace_id = ${id} GROUP BY kind, value HAVING sum(n) <> 0 ORDER BY 1`;
  const truth = await db.$queryRaw<{ key: string; n: number }[]>`
    SELECT key, count(*)::int AS n FROM (
      SELECT 'tag:' || t AS key FROM contacts, unnest(tags) t WHERE workspace_id = ${id}
      UNION ALL SELECT 'status:' || status FROM contacts WHERE workspace_id = ${id}
      UNION ALL SELECT 'suppressed:' || suppressed FROM contacts WHERE workspace_id = ${id}) k
    GROUP BY key ORDER BY 1`;
  return { counters, truth };
}

describe("filter counters", () => {
  it("stay exact through creates, batches, updates, bulk jobs, an import, deletes and erasure", async () => {
    const batch = await api.post("/api/v1/contacts/batch", {
      contacts: Array.from({ length: 40 }, (_, i) => ({ email: `p${i}@count.test`, tags: i % 3 ? ["news"] : ["vip", "news"], status: i % 5 ? "subscribed" : "unsubscribed" })),
    });
    expect(batch.status).toBe(200);
    const ids: string[] = batch.body.results.map((r: { id: string }) => r.id);
    await api.post("/api/v1/contacts", { email: "solo@count.test", tags: ["vip"] });
    await api.patch(`/api/v1/contacts/${ids[1]}`, { tags: ["vip", "gold"] });
    await api.patch(`/api/v1/contacts/${ids[2]}`, { first_name: "Only a name" }); // counters untouched
    await api.put("/api/v1/contacts", { email: "p3@count.test", status: "unsubscribed", suppressed: true, suppressed_reason: "bounced" });
    // The same tag twice in one statement's rows, and a batch that re-sends identical tags.
    await api.post("/api/v1/contacts/batch", { contacts: [{ email: "p4@count.test", tags: ["news"] }, { email: "p4@count.test", tags: ["gold"] }] });
    let job = await api.post("/api/v1/contacts/bulk-tag", { filter: { tag: ["news"] }, add: ["gold"], remove: ["vip"] });
    expect((await settled(`/api/v1/contacts/bulk/${job.body.id}`)).status).toBe("completed");
    job = await api.post("/api/v1/contacts/bulk-unsubscribe", { ids: ids.slice(10, 20) });
    expect((await settled(`/api/v1/contacts/bulk/${job.body.id}`)).status).toBe("completed");
    const form = new FormData();
    form.set("file", new Blob([readFileSync("lib/imports/fixtures/mailchimp-subscribed.csv")]), "list.csv");
    const imp = await call("POST", "/api/v1/contacts/import", { key: ws.key, rawBody: form });
    await processImport({ workspaceId: ws.workspace.id, id: imp.body.id });
    await api.delete(`/api/v1/contacts/${ids[5]}`);
    expect((await api.post(`/api/v1/contacts/${ids[6]}/erase`)).status).toBe(200);
    job = await api.post("/api/v1/contacts/bulk-delete", { ids: ids.slice(30, 35) });
    expect((await settled(`/api/v1/contacts/bulk/${job.body.id}`)).status).toBe("completed");

    const { counters, truth } = await countersAndTruth();
    expect(truth.length).toBeGreaterThan(5);
    expect(counters).toEqual(truth);
  });

  it("stay exact when writers change the same tags at once, without deadlocks", async () => {
    const writes = Array.from({ length: 12 }, (_, w) =>
      api.post("/api/v1/contacts/batch", {
        contacts: Array.from({ length: 30 }, (_, i) => ({
          email: `c${i}@race.test`,
          tags: (w % 2 ? ["a", "b", "c", "d"] : ["d", "c", "b", "a"]).slice(0, 1 + ((w + i) % 4)),
          status: (w + i) % 2 ? "subscribed" : "unsubscribed",
        })),
      }),
    );
    for (const res of await Promise.all(writes)) expect(res.status).toBe(200);
    const { counters, truth } = await countersAndTruth();
    expect(counters).toEqual(truth);
  });
});

describe("first-page totals", () => {
  beforeEach(async () => {
    await api.post("/api/v1/contacts/batch", {
      contacts: Array.from({ length: 25 }, (_, i) => ({ email: `f${i}@total.test`, first_name: i < 7 ? "Fatima" : "Ann", tags: i < 4 ? ["vip"] : [], status: i < 3 ? "unsubscribed" : "subscribed" })),
    });
  });

  it("counts within the budget: every filter gets its exact total", async () => {
    expect((await api.get("/api/v1/contacts?search=fatima&limit=2")).body).toMatchObject({ total: 7, has_more: true });
    expect((await api.get("/api/v1/contacts?tag=vip&status=unsubscribed")).body.total).toBe(3);
  });

  it("the count gets what the rows left of the budget: rows that took it all come with an estimate", async () => {
    const { quickTotal } = await import("@/lib/contacts/count-contacts");
    const rowsTaking = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms));
    const filter = { search: "fatima" };
    process.env.ROLO_COUNT_BUDGET_MS = "40";
    expect(await quickTotal(ws.workspace.id, filter, rowsTaking(60))).toEqual({ total_estimate: expect.any(Number) });
    process.env.ROLO_COUNT_BUDGET_MS = "2000";
    expect(await quickTotal(ws.workspace.id, filter, rowsTaking(60))).toEqual({ total: 7 });
    // Kept counters do not wait for the rows.
    const started = performance.now();
    expect(await quickTotal(ws.workspace.id, { tag: ["vip"] }, rowsTaking(500))).toEqual({ total: 4 });
    expect(performance.now() - started).toBeLessThan(400);
  });

  it("over the budget, the rows come with an estimate and /contacts/count counts exactly", async () => {
    process.env.ROLO_COUNT_BUDGET_MS = "0"; // never count inline: only the counters answer
    const page = (await api.get("/api/v1/contacts?search=fatima&limit=2")).body;
    expect(page.data).toHaveLength(2);
    expect(page.total).toBeUndefined();
    expect(page.total_estimate).toEqual(expect.any(Number));
    expect((await api.get("/api/v1/contacts/count?search=fatima")).body).toEqual({ object: "count", total: 7 });
    expect((await api.get("/api/v1/contacts/count?tag=vip&status=unsubscribed")).body.total).toBe(3);
    // Kept counts are exact at any budget.
    expect((await api.get("/api/v1/contacts?tag=vip")).body).toMatchObject({ total: 4 });
    expect((await api.get("/api/v1/contacts?status=unsubscribed")).body).toMatchObject({ total: 3 });
    expect((await api.get("/api/v1/contacts?suppressed=false")).body).toMatchObject({ total: 25 });
    expect((await api.get("/api/v1/contacts")).body).toMatchObject({ total: 25 });
    // Two criteria need a real count, unless the first page holds every match: then it is the count.
    expect((await api.get("/api/v1/contacts?tag=vip&status=unsubscribed&limit=2")).body.total).toBeUndefined();
    expect((await api.get("/api/v1/contacts?tag=vip&status=unsubscribed&limit=3")).body).toMatchObject({ total: 3, has_more: false });
    expect((await api.get("/api/v1/contacts?search=fatima")).body).toMatchObject({ total: 7 });
    expect((await api.get("/api/v1/contacts?search=nobody-at-all")).body).toMatchObject({ total: 0, data: [] });
    expect((await api.get("/api/v1/contacts?search=fatima&offset=1")).body.total).toBeUndefined(); // the page skipped one
  });

  it("segments: the list counts quickly or estimates, a single segment is always exact", async () => {
    process.env.ROLO_COUNT_BUDGET_MS = "0";
    const broad = await api.post("/api/v1/segments", { name: "Fatimas", filter: { search: "fatima" } });
    const vip = await api.post("/api/v1/segments", { name: "VIP", filter: { tag: ["vip"] } });
    expect(broad.body.count).toBe(7);
    const list = (await api.get("/api/v1/segments")).body.data;
    expect(list.find((s: { id: string }) => s.id === vip.body.id)).toMatchObject({ count: 4 });
    const listed = list.find((s: { id: string }) => s.id === broad.body.id);
    expect(listed.count).toBeUndefined();
    expect(listed.count_estimate).toEqual(expect.any(Number));
    expect((await api.get(`/api/v1/contacts/count?segment=${broad.body.id}&status=unsubscribed`)).body.total).toBe(3);
    expect((await api.get(`/api/v1/segments/${broad.body.id}`)).body.count).toBe(7);
  });

  it("/contacts/count refuses list-only parameters and other workspaces' segments", async () => {
    const res = await api.get("/api/v1/contacts/count?limit=5");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    const other = client((await createTestWorkspace()).key);
    const seg = await other.post("/api/v1/segments", { name: "Theirs", filter: { tag: ["vip"] } });
    expect((await api.get(`/api/v1/contacts/count?segment=${seg.body.id}`)).status).toBe(404);
  });

  it("/contacts/count stops counting when its client has gone (499, nothing logged as an error)", async () => {
    await api.post("/api/v1/contacts", { email: "zanzibar@example.com" });
    const { GET } = await import("./count/route");
    const count = (signal: AbortSignal) =>
      GET(new Request("http://localhost:3000/api/v1/contacts/count?search=zanzibar", { headers: { authorization: `Bearer ${ws.key}` }, signal }), {
        params: Promise.resolve({}),
      });
    const live = await count(new AbortController().signal);
    expect(await live.json()).toEqual({ object: "count", total: 1 });
    const gone = new AbortController();
    gone.abort();
    const res = await count(gone.signal);
    expect(res.status).toBe(499);
    expect(await res.text()).toBe("");
  });
});
