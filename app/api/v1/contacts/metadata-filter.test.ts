// Metadata conditions, has_email/has_phone and updated_after/before through the real route
// handlers on the real database: every operator on strings, numbers, booleans, ISO dates, missing
// keys and mixed types, the same filter as JSON in bulk and as a query in export, and the errors.
import { beforeAll, describe, expect, it } from "vitest";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { db } from "@/lib/db/client";
import { filterSql } from "@/lib/contacts/filters";
import { contactFilterSchema } from "@/lib/contacts/schemas";

let api: ReturnType<typeof client>;
const idOf: Record<string, string> = {};

const PEOPLE: Record<string, { metadata: Record<string, unknown>; email?: string; phone?: string }> = {
  a: { metadata: { plan: "pro", score: 10, vip: true, since: "2025-03-01", note: "alpha" } },
  b: { metadata: { plan: "free", score: 5, vip: false, since: "2025-06-15T12:00:00Z", note: "beta" }, phone: "+14155550101" },
  c: { metadata: { plan: "pro", score: "10", since: "2024-12-31T23:00:00-05:00", note: "gamma" } },
  d: { metadata: { plan: "team", score: 20.5, since: "not a date" }, phone: "+14155550102" },
  e: { metadata: {} },
  f: { metadata: { plan: "enterprise", vip: "true", since: "2024-02-29" }, email: "", phone: "+14155550103" },
  g: { metadata: { plan: { tier: "pro" }, score: [10, 20], since: 20250101 } },
  h: { metadata: { code: "007", since: "2025-02-29", note: "zeta" } },
};

beforeAll(async () => {
  api = client((await createTestWorkspace()).key);
  for (const [name, p] of Object.entries(PEOPLE)) {
    const body = { email: p.email === "" ? undefined : `${name}@meta.test`, phone: p.phone, metadata: p.metadata };
    const res = await api.post("/api/v1/contacts", body);
    expect(res.status, res.text).toBe(201);
    idOf[name] = res.body.id;
  }
});

const names = (contacts: { id: string }[]) =>
  contacts
    .map((c) => Object.entries(idOf).find(([, id]) => id === c.id)?.[0])
    .sort()
    .join("");

async function matching(query: string) {
  const res = await api.get(`/api/v1/contacts?${query}&limit=200`);
  expect(res.status, res.text).toBe(200);
  expect(res.body.total).toBe(res.body.data.length);
  return names(res.body.data);
}

describe("metadata filters in GET /contacts", () => {
  it.each([
    // equality: strings, and scalars compared by their text
    ["metadata[plan]=pro", "ac"],
    ["metadata[plan][eq]=pro", "ac"],
    ["metadata[plan]=PRO", ""],
    ["metadata[score]=10", "ac"],
    ["metadata[score]=10.0", "a"],
    ["metadata[code]=007", "h"],
    ["metadata[code]=7", ""],
    ["metadata[vip]=true", "af"],
    ["metadata[vip]=false", "b"],
    ["metadata[plan][in]=pro,team", "acd"],
    ["metadata[plan][in]=team&metadata[plan][in]=enterprise", "df"],
    ["metadata[score][in]=5,20.5", "bd"],
    // numbers compare with stored numbers only (never the string "10", the array or the object)
    ["metadata[score][gte]=10", "ad"],
    ["metadata[score][gt]=10", "d"],
    ["metadata[score][lt]=10", "b"],
    ["metadata[score][lte]=10", "ab"],
    ["metadata[score][gte]=5&metadata[score][lt]=20", "ab"],
    ["metadata[score][gte]=-1e3", "abd"],
    // ISO dates compare as instants (UTC when no offset), only with stored strings that are real ISO dates
    ["metadata[since][gte]=2025-01-01", "abc"],
    ["metadata[since][lt]=2025-01-01T05:00:00Z", "cf"],
    ["metadata[since][lt]=2025-01-01T04:00:00Z", "f"],
    ["metadata[since][gt]=2025-03-01T00:00:00%2B01:00", "ab"],
    ["metadata[since][lte]=2024-02-29", "f"],
    // other text compares with stored strings as text
    ["metadata[note][gt]=beta", "ch"],
    ["metadata[note][lte]=beta", "ab"],
    ["metadata[plan][gte]=free", "abcd"],
    // exists and missing keys
    ["metadata[vip][exists]=true", "abf"],
    ["metadata[vip][exists]=false", "cdegh"],
    ["metadata[nothing]=x", ""],
    ["metadata[nothing][gte]=1", ""],
    ["metadata[nothing][exists]=false", "abcdefgh"],
    // conditions combine with each other and with the other filters
    ["metadata[plan][in]=pro,team&metadata[vip]=true", "a"],
    ["metadata[plan]=pro&search=c%40meta", "c"],
    ["metadata[plan]=pro&metadata[plan][exists]=true", "ac"],
  ])("%s", async (query, expected) => {
    expect(await matching(query)).toBe(expected);
  });

  it("filters on having an email or a phone", async () => {
    expect(await matching("has_email=false")).toBe("f");
    expect(await matching("has_email=true&has_phone=true")).toBe("bd");
    expect(await matching("has_phone=false")).toBe("acegh");
  });

  it("filters on the update time", async () => {
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await api.patch(`/api/v1/contacts/${idOf.e}`, { metadata: { touched: 1 } });
    expect(await matching(`updated_after=${before}`)).toBe("e");
    expect(await matching(`updated_before=${before}`)).toBe("abcdfgh");
    await api.patch(`/api/v1/contacts/${idOf.e}`, { metadata: { touched: null } });
  });

  it.each([
    ["metadata[score][foo]=1", "metadata[score][foo]", /Unknown operator "foo"/],
    ["metadata[score][gte]=2026-02-30", "metadata[score][gte]", /real date/],
    ["metadata[score][lt]=2025-02-29T10:00:00Z", "metadata[score][lt]", /real date/],
    ["metadata[vip][exists]=maybe", "metadata[vip][exists]", /true or false/],
    ["metadata[n][gte]=1e999", "metadata[n][gte]", /out of range/],
    ["metadata[__proto__]=x", "metadata[__proto__]", /__proto__/],
    ["metadata[constructor][gte]=1e999", "metadata[constructor][gte]", /out of range/],
    ["metadata[]=x", "metadata[]", /1 to 200 characters/],
    [`metadata[${"k".repeat(201)}]=x`, `metadata[${"k".repeat(201)}]`, /1 to 200 characters/],
    [Array.from({ length: 21 }, (_, i) => `metadata[k${i}]=x`).join("&"), "metadata", /At most 20/],
    [`metadata[plan][in]=${Array.from({ length: 101 }, (_, i) => i).join(",")}`, "metadata[plan][in]", /100/],
    ["metadata[a][b][c]=x", "(root)", /metadata\[a\]\[b\]\[c\]/],
    ["has_email=maybe", "has_email", /./],
    ["has_phone=1", "has_phone", /./],
    ["updated_after=yesterday", "updated_after", /./],
    ["updated_before=2026-02-30T00:00:00Z", "updated_before", /./],
  ])("refuses %s with a validation_error naming the parameter", async (query, path, message) => {
    const res = await api.get(`/api/v1/contacts?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]),
    );
  });
});

describe("metadata filters in JSON (bulk) and in export", () => {
  const preview = (filter: unknown) => api.post("/api/v1/contacts/bulk-tag", { filter, add: ["x"], dry_run: true });

  it.each([
    [{ metadata: { plan: "pro" } }, 2],
    [{ metadata: { score: 10 } }, 2],
    [{ metadata: { score: "10" } }, 2],
    [{ metadata: { score: { gte: 10 } } }, 2],
    [{ metadata: { score: { gte: "10" } } }, 2],
    [{ metadata: { vip: true } }, 2],
    [{ metadata: { vip: { exists: true } } }, 3],
    [{ metadata: { plan: { in: ["pro", "team"] } } }, 3],
    [{ metadata: { since: { gte: "2025-01-01" } }, has_phone: true }, 1],
  ])("reads %j as the query string does", async (filter, matched) => {
    const res = await preview(filter);
    expect(res.status, res.text).toBe(200);
    expect(res.body.matched).toBe(matched);
  });

  it("counts a metadata condition as a criterion, and an empty metadata object as none", async () => {
    expect((await preview({ metadata: { plan: "pro" } })).status).toBe(200);
    const empty = await preview({ metadata: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe("filter");
  });

  it.each([
    [{ metadata: { plan: ["pro"] } }, "filter.metadata.plan", /"in"/],
    [{ metadata: { plan: null } }, "filter.metadata.plan", /exists/],
    [{ metadata: { plan: {} } }, "filter.metadata.plan", /operator/],
    [{ metadata: { score: { gte: true } } }, "filter.metadata.score.gte", /number, an ISO date or text/],
    [{ metadata: { score: { between: [1, 2] } } }, "filter.metadata.score.between", /Unknown operator/],
    [{ metadata: { plan: { in: [] } } }, "filter.metadata.plan.in", /./],
    [{ metadata: "plan=pro" }, "filter.metadata", /./],
  ])("refuses %j naming the field", async (filter, path, message) => {
    const res = await preview(filter);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]),
    );
  });

  it("exports exactly the contacts a metadata filter matches", async () => {
    const res = await api.get("/api/v1/contacts/export?metadata[score][gte]=10");
    expect(res.status).toBe(200);
    const lines = res.text.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(res.text).toContain(idOf.a);
    expect(res.text).toContain(idOf.d);
  });

  it("refuses a bad metadata condition in export, naming it", async () => {
    const res = await api.get("/api/v1/contacts/export?metadata[score][gte]=2025-13-01");
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("metadata[score][gte]");
  });
});

describe("the metadata index", () => {
  it("answers an equality filter from the (workspace_id, metadata jsonb_path_ops) GIN index", async () => {
    const ws = await createTestWorkspace();
    // Enough rows that a scan costs more than the index; the planner decides from real statistics.
    await db.$executeRaw`
      INSERT INTO contacts (workspace_id, id, email, metadata)
      SELECT ${ws.workspace.id}, 'con_idx' || n, 'idx' || n || '@index.test', jsonb_build_object('plan', CASE WHEN n % 2 = 0 THEN 'pro' ELSE 'free' END, 'n', n)
        FROM generate_series(1, 5000) AS n`;
    await db.$executeRaw`ANALYZE contacts`;
    const explain = async (query: Record<string, string>) => {
      const filter = contactFilterSchema.parse(Object.assign(Object.create(null), query));
      const rows = await db.$queryRaw<
        { "QUERY PLAN": string }[]
      >`EXPLAIN SELECT count(*) FROM contacts c WHERE ${filterSql(ws.workspace.id, filter)}`;
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    };
    expect(await explain({ "metadata[n]": "4321" })).toMatch(/Bitmap Index Scan on contacts_metadata_idx/);
    expect(await explain({ "metadata[n][in]": "1,2,3" })).toMatch(/Bitmap Index Scan on contacts_metadata_idx/);
    expect((await client(ws.key).get("/api/v1/contacts?metadata[n]=4321")).body.total).toBe(1);
    expect((await client(ws.key).get("/api/v1/contacts?metadata[n][gte]=4990&limit=1")).body.total).toBe(11);
    expect(await explain({ "metadata[n][gte]": "4990" })).not.toMatch(/contacts_metadata_idx/);
  });
});

describe("metadata keys for the filter builder", () => {
  it("lists the workspace's keys, most used first", async () => {
    const res = await api.get("/api/v1/contacts/metadata-keys");
    expect(res.status).toBe(200);
    expect(res.body.object).toBe("list");
    expect(res.body.data.slice(0, 3)).toEqual([
      { key: "since", count: 7 },
      { key: "plan", count: 6 },
      { key: "score", count: 5 },
    ]);
    expect(res.body.data.map((k: { key: string }) => k.key)).not.toContain("touched");
  });

  it("never shows another workspace's keys", async () => {
    const other = client((await createTestWorkspace()).key);
    await other.post("/api/v1/contacts", { email: "x@other.test", metadata: { secret_key: 1 } });
    expect((await other.get("/api/v1/contacts/metadata-keys")).body.data).toEqual([{ key: "secret_key", count: 1 }]);
    expect((await api.get("/api/v1/contacts/metadata-keys")).body.data.map((k: { key: string }) => k.key)).not.toContain(
      "secret_key",
    );
  });
});
