import { beforeAll, describe, expect, it } from "vitest";
import { call, client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { takeToken } from "@/lib/api/rate-limit";

let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  ws = await createTestWorkspace();
  api = client(ws.key);
});

describe("POST /contacts", () => {
  it("creates a contact with defaults, split name and clean tags", async () => {
    const res = await api.post("/api/v1/contacts", {
      email: "Jane@Example.com",
      phone: "+1 (415) 555-1234",
      name: "Jane van Doe",
      tags: [" vip ", "VIP", "beta"],
      metadata: { plan: "pro" },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(res.body).toMatchObject({
      object: "contact",
      email: "Jane@Example.com",
      phone: "+14155551234",
      first_name: "Jane",
      last_name: "van Doe",
      name: "Jane van Doe",
      status: "subscribed",
      suppressed: false,
      suppressed_reason: null,
      email_ok: true,
      sms_ok: true,
      whatsapp_ok: true,
      voice_ok: true,
      tags: ["vip", "beta"],
      metadata: { plan: "pro" },
      source: "api",
    });
    expect(res.body.id).toMatch(/^con_[0-9A-Za-z]{16}$/);
    expect(res.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("accepts a phone-only contact", async () => {
    const res = await api.post("/api/v1/contacts", { phone: "+442071838750" });
    expect(res.status).toBe(201);
    expect(res.body.email).toBeNull();
  });

  it("answers 409 with existing_id for an existing email (any case) or phone", async () => {
    const first = await api.post("/api/v1/contacts", { email: "dup@example.com", phone: "+14155550100" });
    for (const body of [{ email: "DUP@example.com" }, { email: "other@example.com", phone: "+14155550100" }]) {
      const res = await api.post("/api/v1/contacts", body);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: "conflict", existing_id: first.body.id });
    }
  });

  it("20 concurrent creates of one email: exactly one 201, nineteen 409", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => api.post("/api/v1/contacts", { email: "race@example.com" })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = results.find((r) => r.status === 201)!.body.id;
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.error.existing_id).toBe(winner);
    expect((await api.get("/api/v1/contacts?email=race@example.com")).body.total).toBe(1);
  });
});

describe("PUT /contacts (upsert)", () => {
  it("creates with 201, then updates by email with 200 and merges metadata", async () => {
    const created = await api.put("/api/v1/contacts", { email: "up@example.com", first_name: "A", metadata: { a: 1 } });
    expect(created.status).toBe(201);
    const updated = await api.put("/api/v1/contacts", { email: "UP@example.com", last_name: "B", metadata: { b: 2 } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, first_name: "A", last_name: "B", metadata: { a: 1, b: 2 } });
  });

  it("matches by phone when there is no email", async () => {
    const created = await api.put("/api/v1/contacts", { phone: "+14155550123", first_name: "P" });
    const updated = await api.put("/api/v1/contacts", { phone: "+14155550123", status: "unsubscribed" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, first_name: "P", status: "unsubscribed" });
  });
});

const oversized = "x".repeat(2 * 1024 * 1024);

// Every bad input is a 4xx in the envelope, never a 500.
describe.each([
  ["malformed JSON", { rawBody: "{not json", headers: { "content-type": "application/json" } }, 400, "invalid_request"],
  ["an empty body", { rawBody: "", headers: { "content-type": "application/json" } }, 400, "invalid_request"],
  ["bad UTF-8", { rawBody: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: { "content-type": "application/json" } }, 400, "invalid_request"],
  ["a form body", { rawBody: "email=a@b.co", headers: { "content-type": "application/x-www-form-urlencoded" } }, 415, "unsupported_media_type"],
  ["an oversized body", { rawBody: JSON.stringify({ email: "a@b.co", first_name: oversized }), headers: { "content-type": "application/json" } }, 413, "payload_too_large"],
  ["a JSON array", { body: [] }, 400, "validation_error"],
  ["neither email nor phone", { body: { first_name: "x" } }, 400, "validation_error"],
  ["a bad email", { body: { email: "not-an-email" } }, 400, "validation_error"],
  ["a bad phone", { body: { phone: "12345" } }, 400, "validation_error"],
  ["an email of the wrong type", { body: { email: 42 } }, 400, "validation_error"],
  ["an unknown field", { body: { email: "a@b.co", id: "con_mine" } }, 400, "validation_error"],
  ["a workspace field", { body: { email: "a@b.co", workspace_id: "ws_x" } }, 400, "validation_error"],
  ["a bad status", { body: { email: "a@b.co", status: "maybe" } }, 400, "validation_error"],
  ["tags that are not strings", { body: { email: "a@b.co", tags: [1] } }, 400, "validation_error"],
  ["too many tags", { body: { email: "a@b.co", tags: Array.from({ length: 101 }, (_, i) => `t${i}`) } }, 400, "validation_error"],
  ["a tag over 64 chars", { body: { email: "a@b.co", tags: ["t".repeat(65)] } }, 400, "validation_error"],
  ["metadata that is an array", { body: { email: "a@b.co", metadata: [1] } }, 400, "validation_error"],
  ["metadata over 16 KB", { body: { email: "a@b.co", metadata: { big: "m".repeat(17 * 1024) } } }, 400, "validation_error"],
  ["a NUL byte in a name", { body: { email: "nul@b.co", first_name: "a\u0000b" } }, 400, "invalid_request"],
  ["a NUL byte in metadata", { body: { email: "nul@b.co", metadata: { k: "a\u0000b" } } }, 400, "invalid_request"],
])("POST /contacts with %s", (_label, options, status, code) => {
  it(`answers ${status} ${code}`, async () => {
    const res = await call("POST", "/api/v1/contacts", { key: ws.key, ...options });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.request_id).toMatch(/^req_/);
    expect(res.text).not.toMatch(/prisma|SELECT|INSERT|at .*\.ts/i);
    if (code === "validation_error") expect(res.body.error.details.length).toBeGreaterThan(0);
  });
});

describe("validation details name each field", () => {
  it("lists every bad field with its path", async () => {
    const res = await api.post("/api/v1/contacts", { email: "bad", phone: "123", tags: ["ok", ""] });
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["email", "phone", "tags.1"]));
  });
});

describe("authentication and scopes", () => {
  it.each([
    ["no key", undefined],
    ["a malformed key", { authorization: "Bearer nope" }],
    ["an unknown key", { authorization: `Bearer sk_live_${"A".repeat(43)}` }],
    ["a basic header", { authorization: "Basic dXNlcjpwYXNz" }],
  ])("answers 401 for %s", async (_label, headers) => {
    const res = await call("GET", "/api/v1/contacts", { headers });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
  });

  it("a read_only key can read but not write (403)", async () => {
    const ro = client(ws.readOnlyKey);
    expect((await ro.get("/api/v1/contacts")).status).toBe(200);
    const res = await ro.post("/api/v1/contacts", { email: "ro@example.com" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });

  it("a revoked key stops working at once", async () => {
    const { createApiKey, revokeApiKey } = await import("@/lib/api-keys/api-keys");
    const key = await createApiKey({ workspaceId: ws.workspace.id, input: { name: "tmp", scope: "full" } });
    expect((await client(key.secret).get("/api/v1/contacts")).status).toBe(200);
    await revokeApiKey({ workspaceId: ws.workspace.id, id: key.id });
    expect((await client(key.secret).get("/api/v1/contacts")).status).toBe(401);
  });

  it("records last_used_at", async () => {
    const { createApiKey, listApiKeys } = await import("@/lib/api-keys/api-keys");
    const key = await createApiKey({ workspaceId: ws.workspace.id, input: { name: "usage", scope: "full" } });
    expect(key.secret).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
    await client(key.secret).get("/api/v1/contacts");
    const listed = (await listApiKeys({ workspaceId: ws.workspace.id })).find((k) => k.id === key.id)!;
    expect(listed.last_used_at).not.toBeNull();
    expect(listed.last4).toBe(key.secret.slice(-4));
    expect(JSON.stringify(listed)).not.toContain(key.secret);
  });
});

describe("Idempotency-Key", () => {
  it("replays the stored response for the same request", async () => {
    const headers = { "idempotency-key": "create-once-1" };
    const first = await api.post("/api/v1/contacts", { email: "idem@example.com" }, { headers });
    const again = await api.post("/api/v1/contacts", { email: "idem@example.com" }, { headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await api.get("/api/v1/contacts?email=idem@example.com")).body.total).toBe(1);
  });

  it("answers 422 when the key is reused with a different body", async () => {
    const headers = { "idempotency-key": "create-once-2" };
    await api.post("/api/v1/contacts", { email: "idem2@example.com" }, { headers });
    const res = await api.post("/api/v1/contacts", { email: "idem3@example.com" }, { headers });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("idempotency_mismatch");
  });

  it("answers 409 while the first request is still running", async () => {
    const headers = { "idempotency-key": "slow-1" };
    const body = { contacts: Array.from({ length: 1000 }, (_, i) => ({ email: `slow${i}@example.com` })) };
    const [a, b] = await Promise.all([
      api.post("/api/v1/contacts/batch", body, { headers }),
      new Promise((r) => setTimeout(r, 5)).then(() => api.post("/api/v1/contacts/batch", body, { headers })),
    ]);
    // Usually the first one sent claims the key, but on a busy machine the second may: whichever
    // ran, the other one waits out as 409 or replays its answer.
    const [ran, other] = a.headers.get("idempotent-replayed") || a.status === 409 ? [b, a] : [a, b];
    expect(ran.status).toBe(200);
    expect(ran.headers.get("idempotent-replayed")).toBeNull();
    expect([409, 200]).toContain(other.status);
    if (other.status === 409) expect(other.body.error.code).toBe("idempotency_in_progress");
    else expect(other.headers.get("idempotent-replayed")).toBe("true");
  });

  it("does not pin a failed attempt: a retry after fixing the cause runs again", async () => {
    const headers = { "idempotency-key": "retry-after-error" };
    const bad = await api.post("/api/v1/contacts", { email: "nope" }, { headers });
    expect(bad.status).toBe(400);
    const other = await api.post("/api/v1/contacts", { email: "fixed@example.com" }, { headers });
    expect(other.status).toBe(201);
  });

  it("keys are scoped to their owner: another workspace's key with the same value is independent", async () => {
    const otherApi = client((await createTestWorkspace()).key);
    const headers = { "idempotency-key": "shared-value" };
    expect((await api.post("/api/v1/contacts", { email: "own1@example.com" }, { headers })).status).toBe(201);
    expect((await otherApi.post("/api/v1/contacts", { email: "own2@example.com" }, { headers })).status).toBe(201);
  });
});

describe("rate limit", () => {
  it("sends RateLimit headers and a 429 with Retry-After once the key's budget is spent", async () => {
    const res = await api.get("/api/v1/contacts?limit=1");
    expect(Number(res.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
    expect(res.headers.get("ratelimit-remaining")).not.toBeNull();
    const { key } = await createTestWorkspace();
    const { authenticateKey } = await import("@/lib/api-keys/authenticate");
    const identity = (await authenticateKey(key))!;
    const limit = Number(res.headers.get("ratelimit-limit"));
    for (let i = 0; i < limit; i++) takeToken(identity.keyId);
    const limited = await client(key).get("/api/v1/contacts");
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
