// rolo.webhooks: endpoints that receive signed events (Standard Webhooks), and their delivery log.
// Verify what they receive with `verifyWebhook` from "@rolo/sdk/webhooks".
import { PagePromise, type CursorPage } from "../core/pagination.js";
import type { RequestOptions, Transport } from "../core/transport.js";

/** The events an endpoint can subscribe to (more may be added). */
export type WebhookEventType =
  | "contact.created"
  | "contact.updated"
  | "contact.deleted"
  | "contact.unsubscribed"
  | "import.completed"
  | "bulk.completed"
  | (string & {});

export interface WebhookEndpoint {
  object: "webhook_endpoint";
  /** `whk_…` */
  id: string;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  enabled: boolean;
  created_at: string;
  updated_at: string;
}

/** The answer to `create`: the endpoint and its signing secret, which is shown this once. */
export interface WebhookEndpointWithSecret extends WebhookEndpoint {
  /** `whsec_…`: pass it to `verifyWebhook`. */
  secret: string;
}

export type WebhookEndpointList = CursorPage<WebhookEndpoint>;

export interface WebhookCreateParams {
  /** An https URL the server can reach; private, loopback and link-local targets are refused. */
  url: string;
  /** Default (or empty): every event type, including ones added later. */
  events?: WebhookEventType[];
  description?: string | null;
  /** Default true. */
  enabled?: boolean;
  [key: string]: unknown;
}

export interface WebhookUpdateParams {
  url?: string;
  /** Replaces the list; empty: every event type. */
  events?: WebhookEventType[];
  /** `null` clears it. */
  description?: string | null;
  enabled?: boolean;
  [key: string]: unknown;
}

export type WebhookDeliveryStatus = "pending" | "delivered" | "failed";

/** One message to one endpoint, with its attempts so far (retried with backoff for about a day). */
export interface WebhookDelivery {
  object: "webhook_delivery";
  /** `msg_…`, also sent as the `webhook-id` header. */
  id: string;
  endpoint_id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** The HTTP status of the last attempt, or null (none yet, or no answer). */
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
  /** The message body: `{ type, timestamp, data }`. */
  payload: unknown;
}

export type WebhookDeliveryList = CursorPage<WebhookDelivery>;

export interface WebhookDeliveryListParams {
  limit?: number;
  cursor?: string;
  status?: WebhookDeliveryStatus;
}

const webhookPath = (id: string) => `/webhooks/${encodeURIComponent(id)}`;

export class Webhooks {
  constructor(private readonly transport: Transport) {}

  /** GET /webhooks: every endpoint of the workspace (at most 20), oldest first, without secrets. */
  list(options?: RequestOptions): Promise<WebhookEndpointList> {
    return this.transport.request({ method: "GET", path: "/webhooks", options });
  }

  /**
   * POST /webhooks → 201 with the `secret` (shown only here). The secret is never answered twice:
   * a create replayed with the same Idempotency-Key is a ConflictError (list to find the endpoint).
   */
  create(body: WebhookCreateParams, options?: RequestOptions): Promise<WebhookEndpointWithSecret> {
    return this.transport.request({ method: "POST", path: "/webhooks", body, options });
  }

  get(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.transport.request({ method: "GET", path: webhookPath(id), options });
  }

  /** PATCH /webhooks/:id: only the fields sent change. */
  update(id: string, body: WebhookUpdateParams, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.transport.request({ method: "PATCH", path: webhookPath(id), body, options });
  }

  /** DELETE /webhooks/:id → 204. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: "DELETE", path: webhookPath(id), options });
  }

  /** GET /webhooks/:id/deliveries, newest first: await for one page; iterate with `for await` for all. */
  deliveries(
    id: string,
    params: WebhookDeliveryListParams = {},
    options?: RequestOptions,
  ): PagePromise<WebhookDelivery, WebhookDeliveryList> {
    return new PagePromise(async (cursor) =>
      this.transport.request<WebhookDeliveryList>({
        method: "GET",
        path: `${webhookPath(id)}/deliveries`,
        query: cursor ? { ...params, cursor } : params,
        options,
      }),
    );
  }

  /** POST /webhooks/:id/test → 202: queues a `webhook.test` message and returns its delivery (a disabled endpoint: ConflictError). */
  test(id: string, options?: RequestOptions): Promise<WebhookDelivery> {
    return this.transport.request({ method: "POST", path: `${webhookPath(id)}/test`, options });
  }

  /** POST /webhooks/:id/deliveries/:deliveryId/replay → 202: the same delivery (same id), pending again. */
  replay(id: string, deliveryId: string, options?: RequestOptions): Promise<WebhookDelivery> {
    return this.transport.request({
      method: "POST",
      path: `${webhookPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/replay`,
      options,
    });
  }
}
