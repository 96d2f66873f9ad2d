// The shapes of a contact's activity timeline, its consent record and an erasure
// (rolo.contacts.activity / consent / erase).
import type { CursorPage } from "../core/pagination.js";
import type { ContactStatus } from "./contacts.js";

export type EventType =
  | "contact.created"
  | "contact.updated"
  | "contact.deleted"
  | "contact.subscribed"
  | "contact.unsubscribed"
  | "contact.suppressed";

/** Who made a change. */
export interface Actor {
  type: "user" | "api_key" | "import" | "bulk" | "system";
  id: string | null;
  /** The user's email, the key's name, the import's file name or the bulk action. */
  name: string | null;
}

/** One changed field; metadata keys appear as `metadata.<key>`. */
export interface Change {
  from: unknown;
  to: unknown;
}

/** Where a consent change came from. */
export interface Provenance {
  /** `api`, `dashboard`, `import`, `bulk` or `system`. */
  source: string;
  ip: string | null;
  user_agent: string | null;
  /** The imported file's own consent columns (Mailchimp `OPTIN_TIME`, `OPTIN_IP`, `CONFIRM_TIME`, `CONFIRM_IP`). */
  evidence: Record<string, string> | null;
}

/** One entry of a contact's timeline. (Import it under another name if you also use the DOM's `Event`.) */
export interface Event {
  object: "event";
  /** `evt_…` */
  id: string;
  type: EventType;
  contact_id: string;
  changes: Record<string, Change>;
  actor: Actor;
  request_id: string | null;
  /** Consent provenance, on events that set or change consent fields; else null. */
  context: Provenance | null;
  created_at: string;
}

export type EventList = CursorPage<Event>;

export interface ActivityListParams {
  /** 1–100, default 25. */
  limit?: number;
  cursor?: string;
}

export type ConsentField = "status" | "suppressed" | "suppressed_reason" | "email_ok" | "sms_ok" | "whatsapp_ok" | "voice_ok";

/** A consent field's current value with the change that set it. */
export interface ConsentFieldRecord extends Provenance {
  value: unknown;
  changed_at: string;
  event_id: string;
  actor: Actor;
}

export interface ConsentHistoryEntry extends Provenance {
  event_id: string;
  type: EventType;
  /** Consent fields only. */
  changes: Record<string, Change>;
  actor: Actor;
  created_at: string;
}

export interface Consent {
  object: "consent";
  contact_id: string;
  status: ContactStatus;
  suppressed: boolean;
  suppressed_reason: string | null;
  email_ok: boolean;
  sms_ok: boolean;
  whatsapp_ok: boolean;
  voice_ok: boolean;
  /** Each field with the change that set it; null: its default since before records were kept. */
  fields: Partial<Record<ConsentField, ConsentFieldRecord | null>>;
  /** Consent changes, newest first (at most 100). */
  history: ConsentHistoryEntry[];
}

export interface Erasure {
  object: "erasure";
  contact_id: string;
  erased: true;
  /** What is kept as a keyed hash, so that the address cannot come back without `allow_erased`. */
  tombstones: Array<"email" | "phone">;
  erased_at: string;
}
