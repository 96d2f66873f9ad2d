// The CSRF origin check for cookie-authenticated writes: whole origins (scheme, host, port), and
// X-Forwarded-* believed only when TRUST_PROXY=1.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { call } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { sessionCookie } from "@/lib/testing/session";
import { randomBase62 } from "@/lib/ids";

let cookie: string;
const saved = { TRUST_PROXY: process.env.TRUST_PROXY, NEXTAUTH_URL: process.env.NEXTAUTH_URL };

const create = (headers: Record<string, string>) =>
  call("POST", "/api/v1/contacts", { body: { email: `csrf-${randomBase62(8)}@example.com` }, headers: { cookie, ...headers } });

beforeAll(async () => {
  const ws = await createTestWorkspace();
  cookie = (await sessionCookie(ws.workspace.id, "member")).cookie;
});

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe("CSRF origin check", () => {
  it("accepts our own origin", async () => {
    expect((await create({ origin: "http://localhost:3000", host: "localhost:3000" })).status).toBe(201);
  });

  it.each([
    ["another scheme", { origin: "https://localhost:3000", host: "localhost:3000" }],
    ["another port", { origin: "http://localhost:3001", host: "localhost:3000" }],
    ["another host", { origin: "http://evil.example", host: "localhost:3000" }],
    ["a forged X-Forwarded-Host", { origin: "http://evil.example", host: "localhost:3000", "x-forwarded-host": "evil.example" }],
    ["a forged X-Forwarded-Proto", { origin: "https://localhost:3000", host: "localhost:3000", "x-forwarded-proto": "https" }],
    ["a null origin", { origin: "null", host: "localhost:3000" }],
  ])("refuses %s without a trusted proxy", async (_, headers) => {
    const res = await create(headers);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });

  it("behind a trusted proxy, compares with X-Forwarded-Proto and -Host, scheme included", async () => {
    process.env.TRUST_PROXY = "1";
    const proxied = { host: "10.0.0.5:3000", "x-forwarded-host": "rolo.example", "x-forwarded-proto": "https" };
    expect((await create({ ...proxied, origin: "https://rolo.example" })).status).toBe(201);
    expect((await create({ ...proxied, origin: "http://rolo.example" })).status).toBe(403);
    expect((await create({ ...proxied, origin: "https://evil.example" })).status).toBe(403);
  });

  it("takes the scheme from an https NEXTAUTH_URL naming the same host", async () => {
    process.env.NEXTAUTH_URL = "https://rolo.example";
    expect((await create({ host: "rolo.example", origin: "https://rolo.example" })).status).toBe(201);
    expect((await create({ host: "rolo.example", origin: "http://rolo.example" })).status).toBe(403);
  });
});
