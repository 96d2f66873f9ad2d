// "@rolo/sdk/webhooks": checks that a webhook message came from Rolo (Standard Webhooks). A
// subpath of its own because it needs node:crypto, which the API client does not (it runs on
// any runtime with fetch, node:crypto or not). Node, Deno and Bun have node:crypto.
import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookVerificationError } from "./core/errors.js";
import type { Event } from "./resources/activity.js";
import type { BulkJob } from "./resources/bulk.js";
import type { Contact } from "./resources/contacts.js";
import type { Import } from "./resources/imports.js";

export { WebhookVerificationError };

/** `data` of a contact event: the timeline event with the contact as it is after the change. */
export interface ContactEventData extends Omit<Event, "type" | "contact_id" | "context"> {
  type: "contact.created" | "contact.updated" | "contact.deleted" | "contact.unsubscribed";
  contact: Contact;
}

/** The body of a webhook message. */
export type WebhookMessage =
  | { type: ContactEventData["type"]; timestamp: string; data: ContactEventData }
  | { type: "import.completed"; timestamp: string; data: Import }
  | { type: "bulk.completed"; timestamp: string; data: BulkJob }
  | { type: "webhook.test"; timestamp: string; data: Record<string, unknown> };

/** Request headers as Node (`req.headers`), fetch (`Headers`) or a plain object give them. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** Seconds a message's timestamp may be from now (default 300). */
  tolerance?: number;
  /** The moment to check the timestamp against (default: now). */
  now?: Date | number;
}

const DEFAULT_TOLERANCE = 5 * 60;
const encoder = new TextEncoder();

/**
 * Verifies a webhook message and returns its parsed body; throws a WebhookVerificationError when
 * it is not from the endpoint's secret, or its timestamp is more than 5 minutes from now.
 * `payload` must be the raw body exactly as received (not re-serialized JSON).
 *
 *     const message = verifyWebhook(rawBody, req.headers, process.env.ROLO_WEBHOOK_SECRET!);
 *     if (message.type === "contact.updated") console.log(message.data.contact.id, message.data.changes);
 */
export function verifyWebhook(
  payload: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyWebhookOptions = {},
): WebhookMessage {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError("Missing webhook-id, webhook-timestamp or webhook-signature header", {
      code: "missing_headers",
    });
  }
  checkTimestamp(timestamp, options);

  const body = typeof payload === "string" ? encoder.encode(payload) : payload instanceof ArrayBuffer ? new Uint8Array(payload) : payload;
  const expected = createHmac("sha256", secretKey(secret))
    .update(encoder.encode(`${id}.${timestamp}.`))
    .update(body)
    .digest();
  // Several space-separated signatures while a secret rotates; any v1 one that matches will do.
  // (fetch's Headers joins repeated headers with ", ": a trailing comma is not part of a signature.)
  const matched = signatures.split(" ").some((entry) => {
    const [version, signature] = entry.replace(/,$/, "").split(",", 2);
    if (version !== "v1" || !signature) return false;
    const given = base64(signature);
    return given !== undefined && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matched) throw new WebhookVerificationError("No matching webhook signature", { code: "invalid_signature" });

  try {
    return JSON.parse(new TextDecoder().decode(body)) as WebhookMessage;
  } catch (cause) {
    throw new WebhookVerificationError("The signed webhook body is not JSON", { code: "invalid_payload", cause });
  }
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(" ") : value;
  }
  return undefined;
}

function checkTimestamp(value: string, options: VerifyWebhookOptions) {
  if (!/^\d+$/.test(value)) {
    throw new WebhookVerificationError("The webhook-timestamp header is not a number of seconds", { code: "invalid_timestamp" });
  }
  const now = Math.floor((options.now === undefined ? Date.now() : Number(options.now)) / 1000);
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const seconds = Number(value);
  if (now - seconds > tolerance) {
    throw new WebhookVerificationError("The webhook timestamp is too old", { code: "timestamp_too_old" });
  }
  if (seconds - now > tolerance) {
    throw new WebhookVerificationError("The webhook timestamp is too far in the future", { code: "timestamp_too_new" });
  }
}

function secretKey(secret: string): Uint8Array {
  const key = typeof secret === "string" ? base64(secret.startsWith("whsec_") ? secret.slice(6) : secret) : undefined;
  if (!key?.length) throw new WebhookVerificationError("The webhook secret must be whsec_ and base64", { code: "invalid_secret" });
  return key;
}

/** Strict base64 (standard alphabet, padding optional), or undefined. */
function base64(text: string): Uint8Array | undefined {
  const bare = text.replace(/={0,2}$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(bare) || bare.length % 4 === 1) return undefined;
  const binary = atob(bare.padEnd(Math.ceil(bare.length / 4) * 4, "="));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
