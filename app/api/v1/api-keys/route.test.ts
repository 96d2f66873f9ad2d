import { beforeAll, describe, expect, it } from "vitest";
import { call, client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { encode } from "next-auth/jwt";
import { sessionCookie } from "@/lib/testing/session";

let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
const sameOrigin = { origin: "http://localhost:3000", host: "localhost:3000" };

beforeAll(async () => {
  ws = await createTestWorkspace();
});

describe("/api-keys and the dashboard session", () => {
  it("an admin session creates a key that works once and lists it without the secret", async () => {
    const { cookie } = await sessionCookie(ws.workspace.id, "admin");
    const created = await call("POST", "/api/v1/api-keys", { body: { name: "Zapier", scope: "read_only" }, headers: { cookie, ...sameOrigin } });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^sk_live_/);
    expect((await client(created.body.secret).get("/api/v1/contacts")).status).toBe(200);
    const listed = await call("GET", "/api/v1/api-keys", { headers: { cookie } });
    expect(listed.body.data.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({ name: "Zapier", scope: "read_only", last4: created.body.secret.slice(-4) });
    expect(listed.text).not.toContain(created.body.secret);
    const revoked = await call("DELETE", `/api/v1/api-keys/${created.body.id}`, { headers: { cookie, ...sameOrigin } });
    expect(revoked.status).toBe(204);
    expect((await client(created.body.secret).get("/api/v1/contacts")).status).toBe(401);
  });

  it.each(["member", "viewer"] as const)("a %s cannot manage keys (403)", async (role) => {
    const { cookie } = await sessionCookie(ws.workspace.id, role);
    expect((await call("GET", "/api/v1/api-keys", { headers: { cookie } })).status).toBe(403);
    expect((await call("POST", "/api/v1/api-keys", { body: {}, headers: { cookie, ...sameOrigin } })).status).toBe(403);
  });

  it("an API key cannot manage keys, not even a full one", async () => {
    expect((await client(ws.key).get("/api/v1/api-keys")).status).toBe(403);
  });

  it("a viewer session reads contacts but cannot write; a member writes with source dashboard", async () => {
    const viewer = await sessionCookie(ws.workspace.id, "viewer");
    expect((await call("GET", "/api/v1/contacts", { headers: { cookie: viewer.cookie } })).status).toBe(200);
    expect((await call("POST", "/api/v1/contacts", { body: { email: "v@example.com" }, headers: { cookie: viewer.cookie, ...sameOrigin } })).status).toBe(403);
    const member = await sessionCookie(ws.workspace.id, "member");
    const created = await call("POST", "/api/v1/contacts", { body: { email: "m@example.com" }, headers: { cookie: member.cookie, ...sameOrigin } });
    expect(created.status).toBe(201);
    expect(created.body.source).toBe("dashboard");
  });

  it("refuses cookie-authenticated writes from another site (CSRF) and tampered cookies", async () => {
    const { cookie } = await sessionCookie(ws.workspace.id, "owner");
    const cross = await call("POST", "/api/v1/contacts", { body: { email: "x@example.com" }, headers: { cookie, origin: "https://evil.example", host: "localhost:3000" } });
    expect(cross.status).toBe(403);
    const noOrigin = await call("POST", "/api/v1/contacts", { body: { email: "x@example.com" }, headers: { cookie } });
    expect(noOrigin.status).toBe(403);
    const tampered = await call("GET", "/api/v1/contacts", { headers: { cookie: cookie.slice(0, -4) + "AAAA" } });
    expect(tampered.status).toBe(401);
  });

  it("a session for a workspace the user left is refused", async () => {
    const other = await createTestWorkspace();
    const { user } = await sessionCookie(ws.workspace.id, "owner");
    const forged = await encode({ token: { sub: user.id, workspaceId: other.workspace.id }, secret: process.env.NEXTAUTH_SECRET! });
    expect((await call("GET", "/api/v1/contacts", { headers: { cookie: `next-auth.session-token=${forged}` } })).status).toBe(401);
  });
});
