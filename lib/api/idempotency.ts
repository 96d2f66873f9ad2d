// Idempotency-Key for writes: the first request's response is stored for 24 h per key owner; a
// replay gets it back, a different body gets 422, a replay while the first still runs gets 409.
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { ApiError } from "./errors";

export interface StoredResponse {
  status: number;
  body: string;
}

const TTL = "24 hours";

export async function withIdempotency(
  scope: { workspaceId: string; ownerId: string; key: string },
  fingerprint: string,
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  if (scope.key.length > 255) throw new ApiError("invalid_request", "Idempotency-Key must be at most 255 characters");
  const requestHash = createHash("sha256").update(fingerprint).digest("hex");
  const { workspaceId, ownerId, key } = scope;
  // Expired records are replaced as if absent.
  const claimed = await db.$executeRaw`
    INSERT INTO idempotency_records (workspace_id, owner_id, key, request_hash)
    VALUES (${workspaceId}, ${ownerId}, ${key}, ${requestHash})
    ON CONFLICT (workspace_id, owner_id, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, status = NULL, response_body = NULL, created_at = now()
      WHERE idempotency_records.created_at < now() - ${TTL}::interval`;
  if (claimed === 0) {
    const rec = await db.idempotencyRecord.findUnique({ where: { workspaceId_ownerId_key: { workspaceId, ownerId, key } } });
    if (!rec || rec.requestHash !== requestHash) {
      throw new ApiError("idempotency_mismatch", "This Idempotency-Key was used with a different request");
    }
    if (rec.status === null || rec.responseBody === null) {
      throw new ApiError("conflict", "A request with this Idempotency-Key is still being processed");
    }
    return { status: rec.status, body: rec.responseBody, replayed: true };
  }
  const where = { workspaceId_ownerId_key: { workspaceId, ownerId, key } };
  try {
    const response = await run();
    if (response.status >= 500) await db.idempotencyRecord.delete({ where });
    else await db.idempotencyRecord.update({ where, data: { status: response.status, responseBody: response.body } });
    return { ...response, replayed: false };
  } catch (error) {
    // A failed attempt must not pin its error: a retry with the same key runs again.
    await db.idempotencyRecord.delete({ where }).catch(() => {});
    throw error;
  }
}

export async function purgeExpiredIdempotencyRecords() {
  return db.$executeRaw`DELETE FROM idempotency_records WHERE created_at < now() - ${TTL}::interval`;
}
