// An endpoint's delivery log (newest first), its test event, and replaying one delivery.
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { ApiError, notFound } from "@/lib/api/errors";
import { findEndpoint } from "./endpoints";
import { isDeliveryId, TEST_EVENT, type DeliveryQuery } from "./schemas";
import { serializeDelivery } from "./view";

type Ref = { workspaceId: string; id: string };

const invalidCursor = () => new ApiError("invalid_request", "The cursor is not valid for this list; start again without it");

function encodeCursor(createdAt: Date, id: string) {
  return Buffer.from(JSON.stringify({ t: createdAt.toISOString(), i: id })).toString("base64url");
}

function decodeCursor(cursor: string): { t: Date; i: string } {
  let parsed: { t?: unknown; i?: unknown } | null;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const t = typeof parsed?.t === "string" ? new Date(parsed.t) : null;
  if (!t || Number.isNaN(t.getTime()) || t.toISOString() !== parsed?.t || typeof parsed.i !== "string" || !isDeliveryId(parsed.i)) {
    throw invalidCursor();
  }
  return { t, i: parsed.i };
}

/** One page of the endpoint's deliveries, newest first (keyset on created_at, id). */
export async function listDeliveries({ workspaceId, id, query }: Ref & { query: DeliveryQuery }) {
  await findEndpoint({ workspaceId, id });
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db.webhookDelivery.findMany({
    where: {
      workspaceId,
      endpointId: id,
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.t } }, { createdAt: after.t, id: { lt: after.i } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const hasMore = rows.length > query.limit;
  return {
    object: "list" as const,
    data: page.map(serializeDelivery),
    has_more: hasMore,
    next_cursor: hasMore && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

const assertEnabled = (endpoint: { enabled: boolean }) => {
  if (!endpoint.enabled) throw new ApiError("conflict", "The endpoint is disabled; enable it first");
};

/** Queues a `webhook.test` message to the endpoint, whatever events it subscribes to. */
export async function sendTestEvent(ref: Ref) {
  const endpoint = await findEndpoint(ref);
  assertEnabled(endpoint);
  const delivery = await db.webhookDelivery.create({
    data: {
      workspaceId: ref.workspaceId,
      id: newId("msg"),
      endpointId: endpoint.id,
      eventType: TEST_EVENT,
      payload: {
        type: TEST_EVENT,
        timestamp: new Date().toISOString(),
        data: { message: "This is a test event from Rolo: your endpoint received it.", endpoint_id: endpoint.id },
      },
    },
  });
  return serializeDelivery(delivery);
}

/**
 * Sends a delivery again: pending, due now, with a fresh retry schedule. It keeps its id (the
 * `webhook-id` header), so receivers that already processed it can recognise the duplicate.
 */
export async function replayDelivery({ workspaceId, id, deliveryId }: Ref & { deliveryId: string }) {
  const endpoint = await findEndpoint({ workspaceId, id });
  if (!isDeliveryId(deliveryId)) throw notFound("Webhook delivery");
  assertEnabled(endpoint);
  const [row] = await db.$queryRaw<{ id: string }[]>`
    UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), delivered_at = NULL
     WHERE workspace_id = ${workspaceId} AND endpoint_id = ${id} AND id = ${deliveryId}
    RETURNING id`;
  if (!row) throw notFound("Webhook delivery");
  return serializeDelivery(
    await db.webhookDelivery.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id: deliveryId } } }),
  );
}
