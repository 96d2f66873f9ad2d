import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { ApiError, notFound } from "@/lib/api/errors";
import { generateSecret } from "./secret";
import type { ApiKeyCreateInput, ApiKeyView } from "./schemas";
import { forgetKey } from "./authenticate";

function view(k: { id: string; name: string; last4: string; scope: "full" | "read_only"; createdAt: Date; lastUsedAt: Date | null }): ApiKeyView {
  return {
    id: k.id,
    object: "api_key",
    name: k.name,
    last4: k.last4,
    scope: k.scope,
    created_at: k.createdAt.toISOString(),
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
  };
}

/** Creates a key and returns its secret, the only time the secret exists outside the client. */
export async function createApiKey({ workspaceId, input }: { workspaceId: string; input: ApiKeyCreateInput }) {
  const { secret, hash, last4 } = generateSecret();
  const key = await db.apiKey.create({
    data: { workspaceId, id: newId("key"), name: input.name, scope: input.scope, keyHash: hash, last4 },
  });
  return { ...view(key), secret };
}

/**
 * What an Idempotency-Key replay of a key creation answers: the secret is never stored (not even
 * in the idempotency record), so it cannot be shown again, whether or not the key was revoked since.
 */
export const secretShownOnce = () =>
  new ApiError(
    "conflict",
    "This Idempotency-Key already created an API key. Its secret is shown only once and is not stored; if it was lost, revoke that key and create a new one.",
  );

export async function listApiKeys({ workspaceId }: { workspaceId: string }) {
  const keys = await db.apiKey.findMany({ where: { workspaceId, revokedAt: null }, orderBy: { createdAt: "desc" } });
  return keys.map(view);
}

export async function revokeApiKey({ workspaceId, id }: { workspaceId: string; id: string }) {
  const key = await db.apiKey.findFirst({ where: { workspaceId, id, revokedAt: null } });
  if (!key) throw notFound("API key");
  await db.apiKey.update({ where: { workspaceId_id: { workspaceId, id } }, data: { revokedAt: new Date() } });
  forgetKey(key.keyHash);
}
