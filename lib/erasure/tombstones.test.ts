// The tombstone check on the real database: keyed hashes, and a cost per set, never per item.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { ensureErasureKey, findErased, identityHashes } from "./tombstones";

/** The real client, counting the statements sent through it. */
function counting() {
  const counter = {
    statements: 0,
    $queryRawUnsafe: ((sql: string, ...values: unknown[]) => {
      counter.statements++;
      return db.$queryRawUnsafe(sql, ...values);
    }) as typeof db.$queryRawUnsafe,
  };
  return counter;
}

const items = (n: number) => Array.from({ length: n }, (_, idx) => ({ idx, email: `person${idx}@tomb.test`, phone: `+1415555${String(idx).padStart(4, "0")}` }));

describe("identityHashes", () => {
  it("hashes emails case-insensitively, with the workspace's key, and only the fields a contact has", () => {
    const key = Buffer.alloc(32, 1);
    const [upper] = identityHashes(key, { email: "Ann@Example.COM" });
    const [lower] = identityHashes(key, { email: "ann@example.com" });
    expect(upper).toEqual(lower);
    expect(identityHashes(Buffer.alloc(32, 2), { email: "ann@example.com" })[0].hash).not.toBe(lower.hash);
    expect(identityHashes(key, { email: null, phone: "+14155550100" }).map((i) => i.kind)).toEqual(["phone"]);
    // The kind is part of what is hashed: an email and a phone never share a tombstone.
    expect(identityHashes(key, { email: "x", phone: "x" }).map((i) => i.hash)).toHaveLength(2);
    expect(new Set(identityHashes(key, { email: "x", phone: "x" }).map((i) => i.hash)).size).toBe(2);
  });
});

describe("findErased", () => {
  it("costs one key lookup and nothing else in a workspace that never erased anyone", async () => {
    const { workspace } = await createTestWorkspace();
    const client = counting();
    expect(await findErased(client, workspace.id, items(1000), () => false)).toBeNull();
    expect(client.statements).toBe(1);
  });

  it("checks 1,000 items with one query, and tells refused from allowed items", async () => {
    const { workspace } = await createTestWorkspace();
    const key = await ensureErasureKey(db, workspace.id);
    const [email, phone] = [identityHashes(key, { email: "person7@tomb.test" })[0], identityHashes(key, { phone: "+14155550900" })[0]];
    await db.erasedIdentity.createMany({ data: [email, phone].map((t) => ({ workspaceId: workspace.id, ...t })) });

    const client = counting();
    const found = await findErased(client, workspace.id, items(1000), (idx) => idx === 900);
    expect(client.statements).toBe(2); // the key and the hashes
    expect([...found!.refused]).toEqual([[7, ["email"]]]);
    await found!.forget(db, [7, 900]);
    expect(await db.erasedIdentity.findMany({ where: { workspaceId: workspace.id } })).toEqual([expect.objectContaining({ kind: "email" })]);
  });
});
