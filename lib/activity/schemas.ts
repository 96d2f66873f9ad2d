// The shapes of the activity timeline and the consent record: one zod schema per shape, read by
// the handlers and by the OpenAPI document.
import { z } from "zod";
import { oneParam } from "@/lib/contacts/schemas";

export const EVENT_TYPES = [
  "contact.created",
  "contact.updated",
  "contact.deleted",
  "contact.subscribed",
  "contact.unsubscribed",
  "contact.suppressed",
] as const;

/** The fields whose changes are consent: subscription, suppression and the channel opt-ins. */
export const CONSENT_FIELDS = ["status", "suppressed", "suppressed_reason", "email_ok", "sms_ok", "whatsapp_ok", "voice_ok"] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

export const activityQuerySchema = z.strictObject({
  limit: oneParam(z.coerce.number().int().min(1).max(100)).default(25),
  cursor: oneParam(z.string().max(200)).optional(),
});

const actorSchema = z
  .object({
    type: z.enum(["user", "api_key", "import", "bulk", "system"]),
    id: z.string().nullable(),
    name: z.string().nullable().meta({ description: "The user's email, the key's name, the import's file name or the bulk action." }),
  })
  .meta({ id: "Actor" });

const provenance = {
  source: z.string().meta({ description: "api, dashboard, import, bulk or system" }),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  evidence: z
    .record(z.string(), z.string())
    .nullable()
    .meta({ description: "The imported file's own consent columns (Mailchimp OPTIN_TIME, OPTIN_IP, CONFIRM_TIME, CONFIRM_IP)." }),
};

const changeSchema = z.object({ from: z.unknown(), to: z.unknown() });

export const eventSchema = z
  .object({
    object: z.literal("event"),
    id: z.string().meta({ example: "evt_1042" }),
    type: z.enum(EVENT_TYPES),
    contact_id: z.string(),
    changes: z.record(z.string(), changeSchema).meta({ description: 'Changed fields; metadata keys as "metadata.<key>".' }),
    actor: actorSchema,
    request_id: z.string().nullable(),
    context: z
      .object(provenance)
      .nullable()
      .meta({ description: "Consent provenance, on events that set or change consent fields." }),
    created_at: z.string(),
  })
  .meta({ id: "Event" });
export type EventView = z.output<typeof eventSchema>;

export const eventListSchema = z
  .object({ object: z.literal("list"), data: z.array(eventSchema), has_more: z.boolean(), next_cursor: z.string().nullable() })
  .meta({ id: "EventList" });

const fieldProvenance = z
  .object({ value: z.unknown(), changed_at: z.string(), event_id: z.string(), actor: actorSchema, ...provenance })
  .nullable();

export const consentSchema = z
  .object({
    object: z.literal("consent"),
    contact_id: z.string(),
    status: z.enum(["subscribed", "unsubscribed"]),
    suppressed: z.boolean(),
    suppressed_reason: z.string().nullable(),
    email_ok: z.boolean(),
    sms_ok: z.boolean(),
    whatsapp_ok: z.boolean(),
    voice_ok: z.boolean(),
    fields: z
      .object(Object.fromEntries(CONSENT_FIELDS.map((f) => [f, fieldProvenance])) as Record<ConsentField, typeof fieldProvenance>)
      .meta({ description: "Each consent field's current value with the change that set it (null: default since before records were kept)." }),
    history: z
      .array(
        z.object({
          event_id: z.string(),
          type: z.enum(EVENT_TYPES),
          changes: z.record(z.string(), changeSchema),
          actor: actorSchema,
          created_at: z.string(),
          ...provenance,
        }),
      )
      .meta({ description: "Consent changes, newest first (at most 100)." }),
  })
  .meta({ id: "Consent" });
export type ConsentView = z.output<typeof consentSchema>;
