// One zod schema per webhook shape, shared by the API, the dashboard and the OpenAPI document.
import { z } from "zod";
import { oneParam } from "@/lib/contacts/schemas";

/** The events an endpoint can subscribe to (contact.subscribed / contact.suppressed reach receivers as contact.updated). */
export const EVENT_TYPES = [
  "contact.created",
  "contact.updated",
  "contact.deleted",
  "contact.unsubscribed",
  "import.completed",
  "bulk.completed",
] as const;
export type WebhookEventType = (typeof EVENT_TYPES)[number];
/** The event POST /webhooks/:id/test sends; not subscribable. */
export const TEST_EVENT = "webhook.test";

/** Keeps the fan-out of one change (one delivery per endpoint) small. */
export const MAX_ENDPOINTS = 20;
export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

const url = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((value) => /^https?:$/.test(URL.parse(value)?.protocol ?? ""), { error: "Must be an http:// or https:// URL" })
  .meta({
    description:
      "Where messages are POSTed: an http(s) URL up to 2,048 characters. Hosts that are or resolve to private, loopback, link-local or other non-public addresses are refused unless the server allows them (ROLO_WEBHOOKS_ALLOW_PRIVATE).",
  });
const events = z
  .array(z.enum(EVENT_TYPES))
  .max(EVENT_TYPES.length * 4)
  .transform((list) => [...new Set(list)])
  .meta({ description: "The event types to send; an empty list (the default) sends every type, including ones added later." });
const description = z.string().trim().max(200).nullable();
const enabled = z.boolean().meta({ description: "Disabled endpoints receive nothing; their pending messages are marked failed." });

export const webhookCreateSchema = z
  .strictObject({
    url,
    events: events.default([]),
    description: description.optional(),
    enabled: enabled.default(true),
  })
  .meta({ id: "WebhookEndpointCreate" });
export type WebhookCreateInput = z.output<typeof webhookCreateSchema>;

/** PATCH /webhooks/:id: any of the fields; `events` replaces the list, `description: null` clears it. */
export const webhookUpdateSchema = z
  .strictObject({ url: url.optional(), events: events.optional(), description: description.optional(), enabled: enabled.optional() })
  .refine((s) => Object.values(s).some((v) => v !== undefined), { error: "Send at least one of url, events, description, enabled", path: ["url"] })
  .meta({ id: "WebhookEndpointUpdate" });
export type WebhookUpdateInput = z.output<typeof webhookUpdateSchema>;

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    object: z.literal("webhook_endpoint"),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.enum(EVENT_TYPES)).meta({ description: "Empty: every event type." }),
    enabled: z.boolean(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });
export type WebhookEndpointView = z.infer<typeof webhookEndpointSchema>;

/** POST /webhooks: the endpoint with its signing secret, the only time the API shows it. */
export const webhookEndpointCreatedSchema = webhookEndpointSchema
  .extend({
    secret: z.string().meta({
      description: "`whsec_…`: verify each message's `webhook-signature` with it (Standard Webhooks). Shown once; store it now.",
    }),
  })
  .meta({ id: "WebhookEndpointCreated" });

export const webhookEndpointListSchema = z
  .object({
    object: z.literal("list"),
    data: z.array(webhookEndpointSchema),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: "WebhookEndpointList" });

export const webhookDeliverySchema = z
  .object({
    id: z.string().meta({ description: "`msg_…`: the `webhook-id` header, the same on every retry and replay." }),
    object: z.literal("webhook_delivery"),
    endpoint_id: z.string(),
    event_type: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    last_status: z.number().int().nullable().meta({ description: "The HTTP status of the last attempt; null when no response came." }),
    last_error: z.string().nullable(),
    next_attempt_at: z.iso.datetime().nullable().meta({ description: "When the next attempt is due (pending only)." }),
    created_at: z.iso.datetime(),
    delivered_at: z.iso.datetime().nullable(),
    payload: z
      .object({ type: z.string(), timestamp: z.string(), data: z.record(z.string(), z.unknown()) })
      .meta({ description: "The message body as sent: `{ type, timestamp, data }`." }),
  })
  .meta({ id: "WebhookDelivery" });
export type WebhookDeliveryView = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListSchema = z
  .object({
    object: z.literal("list"),
    data: z.array(webhookDeliverySchema),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: "WebhookDeliveryList" });

export const deliveryQuerySchema = z.strictObject({
  limit: oneParam(z.coerce.number().int().min(1).max(100)).default(25),
  cursor: oneParam(z.string().max(200)).optional(),
  status: oneParam(z.enum(DELIVERY_STATUSES)).optional(),
});
export type DeliveryQuery = z.output<typeof deliveryQuerySchema>;

/** Ids as the API hands them out; anything else cannot exist, so it is answered 404 without a query. */
export const isEndpointId = (id: string) => /^whk_[0-9A-Za-z]{1,64}$/.test(id);
export const isDeliveryId = (id: string) => /^msg_[0-9A-Za-z]{1,64}$/.test(id);
