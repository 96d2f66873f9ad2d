// Drains the webhook outbox: claims due deliveries a few at a time, sends them, records each
// attempt, and schedules retries (about a day in all) until delivered or out of attempts.
//
// Claiming is one statement: FOR UPDATE SKIP LOCKED picks rows no other drainer is claiming, and
// pushing next_attempt_at past the send (a lease) keeps them from being claimed again meanwhile.
// A drainer that dies mid-send leaves the lease to run out; the row is then due again and sent
// again (at least once, never lost). Results are recorded only while the lease is this drainer's,
// so a late drainer never overwrites the outcome of the one that took over.
import { db } from "@/lib/db/client";
import { sendMessage, SEND_TIMEOUT_MS, type AttemptResult } from "./send";

export const WEBHOOK_QUEUE = "webhooks";

/** Waits after failed attempts 1…7 (Standard Webhooks' schedule); the 8th failure is final. */
export const RETRY_DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600];
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

const BATCH = Number(process.env.WEBHOOK_DRAIN_BATCH ?? 10);
/** Long enough for a whole batch (sent in parallel, each within the send timeout) to finish. */
export const LEASE_SECONDS = Math.ceil((SEND_TIMEOUT_MS / 1000) * 3 + 30);

/** The wait before the next attempt after `attempts` failed ones, or null when there is none. */
export const retryDelaySeconds = (attempts: number): number | null => RETRY_DELAYS_SECONDS[attempts - 1] ?? null;

export interface Claimed {
  workspace_id: string;
  id: string;
  attempts: number;
  payload: unknown;
  url: string;
  secret: string;
  enabled: boolean;
  /** The lease: next_attempt_at as this claim set it. */
  lease: Date;
}

/** Whether anything is due (one probe of the partial index of pending rows): the sweep drains only then. */
export async function hasDueDeliveries() {
  const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now() LIMIT 1`;
  return rows.length > 0;
}

/** Claims up to `limit` due deliveries for this drainer (see the top of the file). */
export function claimDue(limit = BATCH): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT workspace_id, id FROM webhook_deliveries
       WHERE status = 'pending' AND next_attempt_at <= now()
       ORDER BY next_attempt_at
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
        FROM due WHERE d.workspace_id = due.workspace_id AND d.id = due.id
      RETURNING d.workspace_id, d.id, d.endpoint_id, d.attempts, d.payload, d.next_attempt_at
    )
    SELECT c.workspace_id, c.id, c.attempts, c.payload, c.next_attempt_at AS lease, w.url, w.secret, w.enabled
      FROM claimed c JOIN webhook_endpoints w ON w.workspace_id = c.workspace_id AND w.id = c.endpoint_id`;
}

/** Records one attempt's outcome, if this drainer still holds the lease; true when it did. */
export async function recordAttempt(row: Claimed, result: AttemptResult): Promise<boolean> {
  const attempts = row.attempts + 1;
  const delay = retryDelaySeconds(attempts);
  const status = result.ok ? "delivered" : delay === null ? "failed" : "pending";
  const n = await db.$executeRaw`
    UPDATE webhook_deliveries
       SET status = ${status}, attempts = ${attempts}, last_status = ${result.status}, last_error = ${result.error},
           delivered_at = CASE WHEN ${result.ok} THEN now() END,
           next_attempt_at = CASE WHEN ${status} = 'pending' THEN now() + make_interval(secs => ${delay ?? 0}) END
     WHERE workspace_id = ${row.workspace_id} AND id = ${row.id} AND status = 'pending' AND next_attempt_at = ${row.lease}`;
  return n === 1;
}

/** Gives up a claimed delivery of an endpoint disabled since it was queued (without an attempt). */
async function abandon(row: Claimed) {
  await db.$executeRaw`
    UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = 'The endpoint was disabled'
     WHERE workspace_id = ${row.workspace_id} AND id = ${row.id} AND status = 'pending' AND next_attempt_at = ${row.lease}`;
}

async function deliver(row: Claimed) {
  if (!row.enabled) return abandon(row);
  await recordAttempt(row, await sendMessage({ id: row.id, url: row.url, secret: row.secret, payload: row.payload }));
}

/**
 * Sends everything due, batch after batch, for at most `budgetMs` (the queue sends another drain
 * job every sweep); answers how many deliveries it attempted.
 */
export async function drainWebhooks({ budgetMs = 60_000, limit = BATCH } = {}): Promise<number> {
  const deadline = Date.now() + budgetMs;
  let attempted = 0;
  while (Date.now() < deadline) {
    const batch = await claimDue(limit);
    if (!batch.length) break;
    await Promise.all(batch.map(deliver));
    attempted += batch.length;
  }
  return attempted;
}
