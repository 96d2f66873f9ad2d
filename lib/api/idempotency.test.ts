// Idempotency-Key on the real route handlers and database: a new API key's secret is never stored
// or replayed, and an import's key covers the uploaded file's content.
import { beforeAll, describe, expect, it } from "vitest";
import { call, client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { sessionCookie } from "@/lib/testing/session";
import { db } from "@/lib/db/client";
import { randomBase62 } from "@/lib/ids";

let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
const sameOrigin = { origin: "http://localhost:3000", host: "localhost:3000" };

beforeAll(async () => {
  ws = await createTestWorkspace();
});

describe("Idempotency-Key on API key creation", () => {
  it("stores no secret; a replay answers 409 without it, before and after the key is revoked", async () => {
    const { cookie, user } = await sessionCookie(ws.workspace.id, "admin");
    const headers = { cookie, ...sameOrigin, "idempotency-key": `key-${randomBase62(8)}` };
    const created = await call("POST", "/api/v1/api-keys", { body: { name: "CI" }, headers });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^sk_live_/);

    const records = await db.idempotencyRecord.findMany({ where: { workspaceId: ws.workspace.id, ownerId: user.id } });
    expect(records).toHaveLength(1);
    expect(JSON.stringify(records)).not.toContain(secret);

    const replay = await call("POST", "/api/v1/api-keys", { body: { name: "CI" }, headers });
    expect(replay.status).toBe(409);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.error).toMatchObject({ code: "conflict", message: expect.stringContaining("shown only once") });
    expect(replay.text).not.toContain(secret);

    expect((await call("DELETE", `/api/v1/api-keys/${created.body.id}`, { headers: { cookie, ...sameOrigin } })).status).toBe(204);
    const afterRevoke = await call("POST", "/api/v1/api-keys", { body: { name: "CI" }, headers });
    expect(afterRevoke.status).toBe(409);
    expect(afterRevoke.text).not.toContain(secret);
    expect(afterRevoke.text).not.toContain(created.body.id);
    // Only the first request created a key.
    expect(await db.apiKey.count({ where: { workspaceId: ws.workspace.id, name: "CI" } })).toBe(1);
  });
});

describe("Idempotency-Key on imports", () => {
  function upload(file: string, key: string, fields: Record<string, string> = {}, name = "contacts.csv") {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set("file", new Blob([file]), name);
    return call("POST", "/api/v1/contacts/import", { key: ws.key, rawBody: form, headers: { "idempotency-key": key } });
  }
  const importCount = () => db.import.count({ where: { workspaceId: ws.workspace.id } });

  it("replays the same file, and refuses a different file, name or options with the same key (422)", async () => {
    const key = `imp-${randomBase62(8)}`;
    const before = await importCount();
    const first = await upload("email\nann@idem.test\n", key);
    expect(first.status).toBe(202);
    const again = await upload("email\nann@idem.test\n", key);
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(first.body.id);

    for (const [file, fields, name] of [
      ["email\nbob@idem.test\n", {}, "contacts.csv"],
      ["email\nann@idem.test\n", { on_conflict: "skip" }, "contacts.csv"],
      ["email\nann@idem.test\n", {}, "other.csv"],
    ] as const) {
      const different = await upload(file, key, fields, name);
      expect(different.status).toBe(422);
      expect(different.body.error.code).toBe("idempotency_mismatch");
    }
    // One import only, and the refused uploads left no stored file behind.
    expect(await importCount()).toBe(before + 1);
    const orphans = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM import_files f WHERE f.workspace_id = ${ws.workspace.id} AND f.import_id <> ${first.body.id}`;
    expect(orphans[0].n).toBe(0);
  });

  it("a rejected upload does not pin the key: a valid one with the same key runs", async () => {
    const key = `imp-${randomBase62(8)}`;
    expect((await upload("", key)).status).toBe(400);
    const ok = await upload("email\ncarl@idem.test\n", key);
    expect(ok.status).toBe(202);
    expect(ok.headers.get("idempotent-replayed")).toBeNull();
  });

  it("JSON routes still fingerprint their body", async () => {
    const api = client(ws.key);
    const headers = { "idempotency-key": `c-${randomBase62(8)}` };
    expect((await api.post("/api/v1/contacts", { email: "dora@idem.test" }, { headers })).status).toBe(201);
    expect((await api.post("/api/v1/contacts", { email: "dora@idem.test" }, { headers })).headers.get("idempotent-replayed")).toBe("true");
    expect((await api.post("/api/v1/contacts", { email: "eve@idem.test" }, { headers })).status).toBe(422);
  });
});
