// Tombstones of erased contacts: an HMAC-SHA256 of each email and phone they had, keyed by the
// workspace's own erasure key, so a later write of the same address can be refused without the
// address being kept. Every contact write that could bring an address back asks here first: one
// query per request, batch round or import chunk, and none at all in a workspace that never erased.
import { createHmac, randomBytes } from "node:crypto";
import { ApiError, type FieldIssue } from "@/lib/api/errors";
import type { db } from "@/lib/db/client";

type Client = Pick<typeof db, "$queryRawUnsafe">;
export type IdentityKind = "email" | "phone";
/** An email or phone as stored: emails compare case-insensitively, phones are E.164. */
export interface Identity {
  email?: unknown;
  phone?: unknown;
}

export const ERASED_MESSAGE = "This address belongs to a contact that was erased; send allow_erased: true if the person asked to be added again";

// A workspace's key never changes once made, so a key read from the database is kept for good.
// (One made by an erasure is not: that transaction may still roll back.)
const knownKeys = new Map<string, Buffer>();

/** The workspace's erasure key, or null when it never erased anyone. */
export async function erasureKey(client: Client, workspaceId: string): Promise<Buffer | null> {
  const known = knownKeys.get(workspaceId);
  if (known) return known;
  const [row] = await client.$queryRawUnsafe<{ key: string | null }[]>(`SELECT erasure_key AS key FROM workspaces WHERE id = $1`, workspaceId);
  if (!row?.key) return null;
  const key = Buffer.from(row.key, "base64");
  knownKeys.set(workspaceId, key);
  return key;
}

/** Makes the key on the first erasure; `coalesce` lets concurrent first erasures agree on one. */
export async function ensureErasureKey(client: Client, workspaceId: string): Promise<Buffer> {
  const existing = await erasureKey(client, workspaceId);
  if (existing) return existing;
  const [row] = await client.$queryRawUnsafe<{ key: string }[]>(
    `UPDATE workspaces SET erasure_key = coalesce(erasure_key, $2) WHERE id = $1 RETURNING erasure_key AS key`,
    workspaceId,
    randomBytes(32).toString("base64"),
  );
  return Buffer.from(row.key, "base64");
}

const hashOf = (key: Buffer, kind: IdentityKind, value: string) =>
  createHmac("sha256", key)
    .update(`${kind}:${kind === "email" ? value.toLowerCase() : value}`)
    .digest("hex");

/** The keyed hashes of a contact's email and phone (those it has). */
export function identityHashes(key: Buffer, contact: Identity): { kind: IdentityKind; hash: string }[] {
  return (["email", "phone"] as const)
    .filter((kind) => typeof contact[kind] === "string" && contact[kind] !== "")
    .map((kind) => ({ kind, hash: hashOf(key, kind, contact[kind] as string) }));
}

export interface ErasedAmong {
  /** Items (by idx) that would bring back an erased email or phone without leave: the fields that would. */
  refused: Map<number, IdentityKind[]>;
  /** Drops the tombstones that the allowed items among `written` bring back; call it in their transaction. */
  forget: (client: Client, written: number[]) => Promise<void>;
}

/**
 * Which items would write an erased email or phone. Only the addresses an item sends are checked:
 * no live contact holds a tombstoned address (erasure deletes its holder, and a write that brings
 * one back drops its tombstone), so an address that is already a contact's never counts as erased.
 * Null when nothing is erased among them.
 */
export async function findErased(
  client: Client,
  workspaceId: string,
  items: (Identity & { idx: number })[],
  allowed: (idx: number) => boolean,
): Promise<ErasedAmong | null> {
  if (!items.length) return null;
  const key = await erasureKey(client, workspaceId);
  if (!key) return null;
  const hashed = items.map((item) => ({ idx: item.idx, identities: identityHashes(key, item) }));
  const all = [...new Set(hashed.flatMap((h) => h.identities.map((i) => i.hash)))];
  if (!all.length) return null;
  const rows = await client.$queryRawUnsafe<{ hash: string }[]>(
    `SELECT hash FROM erased_identities WHERE workspace_id = $1 AND hash = ANY($2::text[])`,
    workspaceId,
    all,
  );
  if (!rows.length) return null;
  const erased = new Set(rows.map((r) => r.hash));
  const refused = new Map<number, IdentityKind[]>();
  const returning = new Map<number, string[]>();
  for (const { idx, identities } of hashed) {
    const hits = identities.filter((i) => erased.has(i.hash));
    if (!hits.length) continue;
    if (allowed(idx)) returning.set(idx, hits.map((h) => h.hash));
    else refused.set(idx, hits.map((h) => h.kind));
  }
  const forget = async (c: Client, written: number[]) => {
    const hashes = written.flatMap((idx) => returning.get(idx) ?? []);
    if (hashes.length) {
      await c.$queryRawUnsafe(`DELETE FROM erased_identities WHERE workspace_id = $1 AND hash = ANY($2::text[])`, workspaceId, hashes);
    }
  };
  return { refused, forget };
}

const erasedIssues = (kinds: IdentityKind[]): FieldIssue[] =>
  kinds.map((kind) => ({ path: kind, message: `Belongs to a contact that was erased (allow_erased lets it in again)` }));

/** A batch item's or import row's failure. */
export const erasedFailure = (kinds: IdentityKind[]) => ({ code: "erased" as const, message: ERASED_MESSAGE, details: erasedIssues(kinds) });

/**
 * One contact's write (create, PATCH): refused with 409 `erased`, or, when the request allows it,
 * the tombstones it brings back are dropped. Runs in the write's own transaction.
 */
export async function guardErased(tx: Client, workspaceId: string, contact: Identity, allowErased = false) {
  const found = await findErased(tx, workspaceId, [{ ...contact, idx: 0 }], () => allowErased);
  if (!found) return;
  const refused = found.refused.get(0);
  if (refused) throw new ApiError("erased", ERASED_MESSAGE, erasedIssues(refused));
  await found.forget(tx, [0]);
}
