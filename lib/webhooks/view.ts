import type { WebhookDelivery, WebhookEndpoint } from "@/lib/generated/prisma/client";
import type { WebhookDeliveryView, WebhookEndpointView, WebhookEventType } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An endpoint as the API shows it: never with its secret (only creation answers that). */
export function serializeEndpoint(e: WebhookEndpoint): WebhookEndpointView {
  return {
    id: e.id,
    object: "webhook_endpoint",
    url: e.url,
    description: e.description,
    events: e.events as WebhookEventType[],
    enabled: e.enabled,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

export function serializeDelivery(d: WebhookDelivery): WebhookDeliveryView {
  return {
    id: d.id,
    object: "webhook_delivery",
    endpoint_id: d.endpointId,
    event_type: d.eventType,
    status: d.status as WebhookDeliveryView["status"],
    attempts: d.attempts,
    last_status: d.lastStatus,
    last_error: d.lastError,
    next_attempt_at: d.status === "pending" ? iso(d.nextAttemptAt) : null,
    created_at: d.createdAt.toISOString(),
    delivered_at: iso(d.deliveredAt),
    payload: d.payload as WebhookDeliveryView["payload"],
  };
}
