import { beforeAll, describe, expect, it } from "vitest";
import { call, client, type ApiResponse } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";

let api: ReturnType<typeof client>;
const ids: string[] = [];

beforeAll(async () => {
  api = client((await createTestWorkspace()).key);
  const contacts = Array.from({ length: 60 }, (_, i) => ({
    email: `user${String(i).padStart(2, "0")}@${i % 2 ? "odd" : "even"}.example.com`,
    first_name: i === 7 ? "Zoë" : `First${i}`,
    last_name: i % 5 === 0 ? null : `Last${String(59 - i).padStart(2, "0")}`,
    phone: i < 10 ? `+1415555${String(1000 + i)}` : undefined,
    tags: [i % 3 === 0 ? "three" : "other", ...(i % 4 === 0 ? ["four"] : [])],
    status: i % 10 === 0 ? "unsubscribed" : "subscribed",
    suppressed: i === 13,
  }));
  // One at a time so that created_at increases with i.
  for (const c of contacts) ids.push((await api.post("/api/v1/contacts", c)).body.id);
});

async function walk(query: string) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: ApiResponse = await api.get(`/api/v1/contacts?${query}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    if (cursor) expect(res.body.total).toBeUndefined();
    seen.push(...res.body.data.map((c: { id: string }) => c.id));
    cursor = res.body.next_cursor;
    expect(res.body.has_more).toBe(cursor !== null);
    pages++;
  } while (cursor && pages < 100);
  return seen;
}

describe("GET /contacts", () => {
  it("lists newest first with an exact total on the first page", async () => {
    const res = await api.get("/api/v1/contacts?limit=5");
    expect(res.body).toMatchObject({ object: "list", has_more: true, total: 60 });
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual(ids.slice(-5).reverse());
  });

  it.each(["created_at", "-created_at", "email", "-email", "updated_at", "-updated_at", "last_name", "-last_name"])(
    "walks every row exactly once sorted by %s",
    async (sort) => {
      const seen = await walk(`limit=7&sort=${sort}`);
      expect(seen).toHaveLength(60);
      expect(new Set(seen).size).toBe(60);
    },
  );

  it("orders by email and last name as asked", async () => {
    const emails = (await api.get("/api/v1/contacts?limit=200&sort=email")).body.data.map((c: { email: string }) => c.email);
    expect(emails).toEqual([...emails].sort());
    const names = (await api.get("/api/v1/contacts?limit=200&sort=-last_name")).body.data.map((c: { last_name: string | null }) => (c.last_name ?? "").toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
  });

  it("never skips or repeats a row while new contacts are inserted during the walk", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let n = 0;
    do {
      const res: ApiResponse = await api.get(`/api/v1/contacts?limit=9${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...res.body.data.map((c: { id: string }) => c.id));
      cursor = res.body.next_cursor;
      await api.post("/api/v1/contacts", { email: `during${n++}@walk.example.com` });
    } while (cursor);
    const original = seen.filter((id) => ids.includes(id));
    expect(original).toHaveLength(60);
    expect(new Set(seen).size).toBe(seen.length);
    // Clean up so the other tests keep their exact counts.
    const extra = (await api.get("/api/v1/contacts?search=walk.example&limit=200")).body.data;
    for (const c of extra) await api.delete(`/api/v1/contacts/${c.id}`);
  });

  it("supports offset paging", async () => {
    const res = await api.get("/api/v1/contacts?limit=5&offset=5");
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual(ids.slice(-10, -5).reverse());
    expect(res.body.total).toBe(60);
  });

  it.each([
    ["search=odd.example", 30],
    ["search=ODD.EXAMPLE", 30],
    ["search=zoë", 1],
    ["search=first1", 11],
    ["search=4155551003", 1],
    ["search=%25", 0],
    ["search=_", 0],
    ["email=user0", 10],
    ["tag=three", 20],
    ["tag=three&tag=four", 5],
    ["status=unsubscribed", 6],
    ["suppressed=true", 1],
    ["suppressed=false", 59],
    ["status=subscribed&tag=four&search=even", 12],
  ])("filters by %s", async (query, expected) => {
    const res = await api.get(`/api/v1/contacts?${query}&limit=200`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(expected);
    expect(res.body.data).toHaveLength(expected);
  });

  // A tag few contacts have (all of them here) is looked up first and its matches sorted; the
  // rest of the list walks the sort order. Both must give the same rows in the same order, page by page.
  it.each(["-created_at", "created_at", "email", "-email", "-updated_at", "last_name", "-last_name"])(
    "pages through a tag filter sorted by %s in the order of the whole list",
    async (sort) => {
      const everyone = await walk(`sort=${sort}&limit=9`);
      const three = new Set((await api.get("/api/v1/contacts?tag=three&limit=200")).body.data.map((c: { id: string }) => c.id));
      expect(three.size).toBe(20);
      expect(await walk(`tag=three&sort=${sort}&limit=7`)).toEqual(everyone.filter((id) => three.has(id)));
    },
  );

  it("answers a tag nobody has with an empty page and an exact total of 0", async () => {
    for (const query of ["tag=nobody-has-it", "tag=three&tag=nobody-has-it&sort=last_name"]) {
      expect((await api.get(`/api/v1/contacts?${query}`)).body).toMatchObject({ data: [], total: 0, has_more: false, next_cursor: null });
    }
  });

  it("filters by creation date", async () => {
    const middle = (await api.get(`/api/v1/contacts/${ids[30]}`)).body.created_at;
    const after = await api.get(`/api/v1/contacts?created_after=${middle}&limit=200`);
    const before = await api.get(`/api/v1/contacts?created_before=${middle}&limit=200`);
    expect(after.body.total + before.body.total).toBeLessThanOrEqual(59);
    expect(after.body.data.every((c: { created_at: string }) => c.created_at > middle)).toBe(true);
  });

  it.each([
    ["limit=0"],
    ["limit=201"],
    ["limit=abc"],
    ["offset=-1"],
    ["sort=name"],
    ["status=pending"],
    ["suppressed=maybe"],
    ["created_after=yesterday"],
    ["colour=red"],
  ])("rejects %s with a 400 validation_error", async (query) => {
    const res = await api.get(`/api/v1/contacts?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
  });

  it.each([
    ["garbage", "%%%not-base64"],
    ["base64 of nonsense", Buffer.from("hello").toString("base64url")],
    ["a cursor for another sort", Buffer.from(JSON.stringify({ s: "email", v: "a", i: "con_x" })).toString("base64url")],
    ["a cursor with a bad date", Buffer.from(JSON.stringify({ s: "-created_at", v: "not a date", i: "con_x" })).toString("base64url")],
  ])("rejects %s as cursor with 400 invalid_request", async (_label, cursor) => {
    const res = await api.get(`/api/v1/contacts?cursor=${encodeURIComponent(cursor)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
  });
});

describe("the unfiltered total (trigger-kept counters)", () => {
  it("stays exact through creates, batch upserts, concurrent creates and deletes", async () => {
    const ws = await createTestWorkspace();
    const c = client(ws.key);
    const total = async () => (await c.get("/api/v1/contacts?limit=1")).body.total;
    const counted = async () => (await c.get("/api/v1/contacts?limit=1&created_after=2000-01-01T00:00:00Z")).body.total;
    expect(await total()).toBe(0);
    await c.post("/api/v1/contacts/batch", { contacts: Array.from({ length: 30 }, (_, i) => ({ email: `n${i}@count.test` })) });
    await c.post("/api/v1/contacts/batch", { contacts: Array.from({ length: 40 }, (_, i) => ({ email: `n${i}@count.test` })) });
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.post("/api/v1/contacts", { email: `race${i % 3}@count.test` })));
    const one = (await c.get("/api/v1/contacts?limit=1")).body.data[0];
    await c.delete(`/api/v1/contacts/${one.id}`);
    await c.delete(`/api/v1/contacts/${one.id}`);
    expect(await total()).toBe(40 + 3 - 1);
    expect(await total()).toBe(await counted());
  });
});

describe("a search whose client has gone", () => {
  it("is not run: 499 with no body (the dashboard aborts the search each keystroke replaces)", async () => {
    const key = (await createTestWorkspace()).key;
    await client(key).post("/api/v1/contacts", { email: "gone@example.com" });
    const { GET } = await import("./route");
    const list = (signal: AbortSignal) =>
      GET(new Request("http://localhost:3000/api/v1/contacts?search=gone", { headers: { authorization: `Bearer ${key}` }, signal }), { params: Promise.resolve({}) });
    const live = await list(new AbortController().signal);
    expect((await live.json()).data.map((c: { email: string }) => c.email)).toEqual(["gone@example.com"]);
    const gone = new AbortController();
    gone.abort();
    const res = await list(gone.signal);
    expect(res.status).toBe(499);
    expect(await res.text()).toBe("");
  });
});

describe("Server-Timing", () => {
  it("every answer says how long the server took, errors included", async () => {
    const ok = await api.get("/api/v1/contacts?search=user0");
    const invalid = await api.get("/api/v1/contacts?limit=0");
    const unauthenticated = await call("GET", "/api/v1/contacts");
    expect([ok.status, invalid.status, unauthenticated.status]).toEqual([200, 400, 401]);
    for (const res of [ok, invalid, unauthenticated]) expect(res.headers.get("server-timing")).toMatch(/^app;dur=\d+(\.\d)?$/);
  });
});
