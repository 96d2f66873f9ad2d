// Summary events (an import or a bulk job announces itself once, not once per row): one outbox
// row per enabled endpoint that subscribes to the type, written in the caller's transaction so
// the announcement commits (or rolls back) with the change it announces.
import type { db } from "@/lib/db/client";
import type { WebhookEventType } from "./schemas";

type Tx = Pick<typeof db, "$executeRaw">;

/**
 * Queues `{ type, timestamp, data }` for every enabled endpoint of the workspace that takes
 * `type`; answers how many deliveries it queued. Call kickWebhookDrain() after the commit.
 */
export function queueWebhookEvent(tx: Tx, workspaceId: string, type: WebhookEventType, data: object): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO webhook_deliveries (workspace_id, id, endpoint_id, event_type, payload)
    SELECT w.workspace_id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), w.id, ${type},
           jsonb_build_object('type', ${type}::text, 'timestamp', rolo_iso(now()), 'data', ${JSON.stringify(data)}::jsonb)
      FROM webhook_endpoints w
     WHERE w.workspace_id = ${workspaceId} AND w.enabled AND (cardinality(w.events) = 0 OR ${type} = ANY (w.events))`;
}
