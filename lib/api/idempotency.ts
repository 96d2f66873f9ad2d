// Idempotency-Key for writes: the first request's response is stored for 24 h per key owner; a
// replay gets it back, a different body gets 422, a replay while the first still runs gets 409.
// A response holding a secret (a new API key) is stored as what its replay answers instead.
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { ApiError } from "./errors";

export interface StoredResponse {
  status: number;
  body: string;
  /** What a replay answers instead of `body`, when `body` holds a secret: secrets are never stored. */
  replayAs?: { status: number; body: string };
}

/** Claims the key for this request; `digest` adds what only the handler can read (an upload's sha256). */
export type ClaimIdempotency = (digest?: string) => Promise<void>;

/** Thrown out of the handler by a claim that found a stored response (its transaction rolls back). */
class Replay {
  constructor(readonly stored: StoredResponse) {}
}

const TTL = "24 hours";

/**
 * Runs `run` once per key. The key is claimed before `run` starts, or, with `deferred`, when `run`
 * calls `claim` after reading its body (a streamed upload is fingerprinted by its content, which
 * is only known once it is stored); a replay then aborts `run` and answers the stored response.
 */
export async function withIdempotency(
  scope: { workspaceId: string; ownerId: string; key: string },
  fingerprint: string,
  run: (claim: ClaimIdempotency) => Promise<StoredResponse>,
  { deferred = false }: { deferred?: boolean } = {},
): Promise<StoredResponse & { replayed: boolean }> {
  if (scope.key.length > 255) throw new ApiError("invalid_request", "Idempotency-Key must be at most 255 characters");
  const where = { workspaceId_ownerId_key: scope };
  let claimed = false;
  const claim: ClaimIdempotency = async (digest) => {
    if (claimed) return;
    const stored = await claimKey(scope, digest === undefined ? fingerprint : `${fingerprint}\n${digest}`);
    if (stored) throw new Replay(stored);
    claimed = true;
  };
  try {
    if (!deferred) await claim();
    const response = await run(claim);
    if (claimed) {
      const kept = response.replayAs ?? response;
      if (response.status >= 500) await db.idempotencyRecord.delete({ where });
      else await db.idempotencyRecord.update({ where, data: { status: kept.status, responseBody: kept.body } });
    }
    return { status: response.status, body: response.body, replayed: false };
  } catch (error) {
    if (error instanceof Replay) return { ...error.stored, replayed: true };
    // A failed attempt must not pin its error: a retry with the same key runs again.
    if (claimed) await db.idempotencyRecord.delete({ where }).catch(() => {});
    throw error;
  }
}

/** Inserts the record for this key, or returns the stored response of an earlier identical request. */
async function claimKey(scope: { workspaceId: string; ownerId: string; key: string }, fingerprint: string): Promise<StoredResponse | null> {
  const requestHash = createHash("sha256").update(fingerprint).digest("hex");
  const { workspaceId, ownerId, key } = scope;
  // Expired records are replaced as if absent.
  const claimed = await db.$executeRaw`
    INSERT INTO idempotency_records (workspace_id, owner_id, key, request_hash)
    VALUES (${workspaceId}, ${ownerId}, ${key}, ${requestHash})
    ON CONFLICT (workspace_id, owner_id, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, status = NULL, response_body = NULL, created_at = now()
      WHERE idempotency_records.created_at < now() - ${TTL}::interval`;
  if (claimed === 1) return null;
  const rec = await db.idempotencyRecord.findUnique({ where: { workspaceId_ownerId_key: { workspaceId, ownerId, key } } });
  if (!rec || rec.requestHash !== requestHash) {
    throw new ApiError("idempotency_mismatch", "This Idempotency-Key was used with a different request");
  }
  if (rec.status === null || rec.responseBody === null) {
    // Its own code, so a client can tell "retry shortly" from a conflict on the data.
    throw new ApiError("idempotency_in_progress", "A request with this Idempotency-Key is still being processed; retry shortly");
  }
  return { status: rec.status, body: rec.responseBody };
}

export async function purgeExpiredIdempotencyRecords() {
  return db.$executeRaw`DELETE FROM idempotency_records WHERE created_at < now() - ${TTL}::interval`;
}
