import { db } from "@/lib/db/client";
import { hashSecret } from "./secret";

export interface KeyIdentity {
  workspaceId: string;
  keyId: string;
  scope: "full" | "read_only";
  name: string;
}

// Verified keys are remembered briefly so that a busy integration costs no extra query, and no
// hash, per request (the cache is keyed by the secret as sent). A revoke clears the entry at once
// in this process; other replicas see it within TTL.
const CACHE_TTL_MS = 5_000;
const LAST_USED_RESOLUTION_MS = 60_000;
const cache = new Map<string, { identity: KeyIdentity | null; expires: number; hash: string }>();
const lastUsedWritten = new Map<string, number>();

export function forgetKey(hash: string) {
  for (const [secret, entry] of cache) if (entry.hash === hash) cache.delete(secret);
}

export async function authenticateKey(secret: string): Promise<KeyIdentity | null> {
  if (!/^sk_(live|test)_[A-Za-z0-9_-]{20,100}$/.test(secret)) return null;
  const now = Date.now();
  const cached = cache.get(secret);
  let identity = cached && cached.expires > now ? cached.identity : undefined;
  if (identity === undefined) {
    const hash = hashSecret(secret);
    const key = await db.apiKey.findUnique({ where: { keyHash: hash } });
    identity = key && !key.revokedAt ? { workspaceId: key.workspaceId, keyId: key.id, scope: key.scope, name: key.name } : null;
    if (cache.size > 10_000) cache.clear();
    cache.set(secret, { identity, expires: now + CACHE_TTL_MS, hash });
  }
  if (identity && (lastUsedWritten.get(identity.keyId) ?? 0) < now - LAST_USED_RESOLUTION_MS) {
    lastUsedWritten.set(identity.keyId, now);
    // last_used_at is kept to the minute: one write per key per minute, not one per request.
    await db.apiKey.update({
      where: { workspaceId_id: { workspaceId: identity.workspaceId, id: identity.keyId } },
      data: { lastUsedAt: new Date(now) },
    });
  }
  return identity;
}
