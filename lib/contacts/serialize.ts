// The only way a contact row leaves the server: an explicit mapping to the public object.
import type { Contact } from "./schemas";

export interface ContactRow {
  id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  status: string;
  suppressed: boolean;
  suppressed_reason: string | null;
  email_ok: boolean;
  sms_ok: boolean;
  whatsapp_ok: boolean;
  voice_ok: boolean;
  tags: string[];
  metadata: unknown;
  source: string;
  created_at: Date;
  updated_at: Date;
}

const iso = (t: Date | string) => (t instanceof Date ? t : new Date(t)).toISOString();
const fullName = (first: string | null, last: string | null) => (first && last ? `${first} ${last}` : first || last || null);

export function serializeContact(row: ContactRow): Contact {
  const name = fullName(row.first_name, row.last_name);
  return {
    id: row.id,
    object: "contact",
    email: row.email,
    phone: row.phone,
    first_name: row.first_name,
    last_name: row.last_name,
    name,
    status: row.status as Contact["status"],
    suppressed: row.suppressed,
    suppressed_reason: row.suppressed_reason,
    email_ok: row.email_ok,
    sms_ok: row.sms_ok,
    whatsapp_ok: row.whatsapp_ok,
    voice_ok: row.voice_ok,
    tags: row.tags ?? [],
    metadata: (typeof row.metadata === "string" ? JSON.parse(row.metadata) : row.metadata) as Record<string, unknown>,
    source: row.source,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}
