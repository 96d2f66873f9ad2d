// Seeds straight into the e2e database (like a logged-in user fixture), never through the UI.
import { createHash, randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { E2E, e2eDatabaseUrl } from "./env";

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

export async function withDb<T>(fn: (db: pg.Client) => Promise<T>) {
  const db = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

export type Role = "owner" | "admin" | "member" | "viewer";

/** A new workspace with one user of the given role and a full API key. */
export async function seedWorkspace(role: Role = "owner") {
  const suffix = randomBytes(4).toString("hex");
  const workspace = { id: id("ws"), slug: `e2e-${suffix}`, name: `E2E ${suffix}` };
  const user = { id: id("usr"), email: `${role}-${suffix}@example.com`, password: `pw-${suffix}-secret` };
  const apiKey = `sk_live_${randomBytes(32).toString("base64url")}`;
  await withDb(async (db) => {
    await db.query(`INSERT INTO workspaces (id, name, slug) VALUES ($1, $2, $3)`, [workspace.id, workspace.name, workspace.slug]);
    await db.query(`INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3)`, [user.id, user.email, await hash(user.password)]);
    await db.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)`, [workspace.id, user.id, role]);
    await db.query(`INSERT INTO api_keys (workspace_id, id, name, key_hash, last4, scope) VALUES ($1, $2, 'e2e', $3, $4, 'full')`, [
      workspace.id,
      id("key"),
      createHash("sha256").update(apiKey).digest("hex"),
      apiKey.slice(-4),
    ]);
  });
  return { workspace, user, apiKey };
}

/** Creates contacts through the public API, as an integration would. */
export async function seedContacts(apiKey: string, contacts: object[]) {
  const res = await fetch(`${E2E.baseURL}/api/v1/contacts/batch`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ contacts }),
  });
  const body = await res.json();
  if (body.failed) throw new Error(`seeding failed: ${JSON.stringify(body.results.filter((r: { status: string }) => r.status === "failed"))}`);
  return body.results.map((r: { id: string }) => r.id) as string[];
}

/** Makes an existing user a member of a second, new workspace. */
export async function addSecondWorkspace(userEmail: string, role: Role = "member") {
  const suffix = randomBytes(4).toString("hex");
  const workspace = { id: id("ws"), slug: `e2e-second-${suffix}`, name: `Second ${suffix}` };
  await withDb(async (db) => {
    await db.query(`INSERT INTO workspaces (id, name, slug) VALUES ($1, $2, $3)`, [workspace.id, workspace.name, workspace.slug]);
    await db.query(
      `INSERT INTO memberships (workspace_id, user_id, role, created_at) SELECT $1, id, $2, now() + interval '1 second' FROM users WHERE email = $3`,
      [workspace.id, role, userEmail],
    );
    await db.query(`INSERT INTO contacts (workspace_id, id, email) VALUES ($1, $2, 'only.in.second@people.test')`, [workspace.id, id("con")]);
  });
  return workspace;
}
