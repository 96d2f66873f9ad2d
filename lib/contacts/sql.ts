// SQL fragments shared by every contact write. Contact writes are raw SQL so that one statement
// can create or update many rows (batch, import, bulk) with the same semantics as a single write.
import type { ContactCreateInput, ContactUpdateInput } from "./schemas";
import { METADATA_FITS_SQL } from "./metadata";

/** Columns a client may write, in table order. */
export const WRITABLE = [
  "email",
  "phone",
  "first_name",
  "last_name",
  "status",
  "suppressed",
  "suppressed_reason",
  "email_ok",
  "sms_ok",
  "whatsapp_ok",
  "voice_ok",
  "tags",
  "metadata",
  "source",
] as const;

/**
 * The email as contacts are unique by it: lower-cased, compared byte by byte. Must stay identical
 * to the expression of the unique index contacts_email_key, so lookups use it.
 */
export const emailKey = (expr: string) => `lower(${expr}) COLLATE "C"`;

/** `jsonb_to_recordset` column list: one input record per contact, `fields` = keys the client sent. */
export const RECORD_COLUMNS = `idx int, id text, email text, phone text, first_name text, last_name text,
  status "ContactStatus", suppressed boolean, suppressed_reason text, email_ok boolean, sms_ok boolean,
  whatsapp_ok boolean, voice_ok boolean, tags text[], metadata jsonb, source text, fields text[]`;

export const RETURNING = `c.id, c.email::text AS email, c.phone, c.first_name, c.last_name, c.status::text AS status,
  c.suppressed, c.suppressed_reason, c.email_ok, c.sms_ok, c.whatsapp_ok, c.voice_ok, c.tags, c.metadata,
  c.source, c.created_at, c.updated_at`;

/** New-row values: what the client sent, else the column default. */
export const INSERT_COLUMNS = `workspace_id, id, ${WRITABLE.join(", ")}`;
export const INSERT_VALUES = `$1, x.id, x.email, x.phone, x.first_name, x.last_name,
  coalesce(x.status, 'subscribed'), coalesce(x.suppressed, false), x.suppressed_reason,
  coalesce(x.email_ok, true), coalesce(x.sms_ok, true), coalesce(x.whatsapp_ok, true), coalesce(x.voice_ok, true),
  coalesce(x.tags, ARRAY[]::text[]), coalesce(x.metadata, '{}'::jsonb), coalesce(x.source, 'api')`;

/** Metadata after merging the sent keys into the stored ones; a `null` value deletes its key. */
export const MERGED_METADATA = `((c.metadata || x.metadata) - ARRAY(SELECT key FROM jsonb_each(x.metadata) WHERE value = 'null'::jsonb))`;

/** True when the update leaves metadata within its size cap (the incoming check alone lets merges grow it). */
export const MERGED_METADATA_FITS = `(NOT 'metadata' = ANY(x.fields) OR ${METADATA_FITS_SQL(MERGED_METADATA)})`;

/**
 * A column's value after an update of `contacts c` by record `x`: it changes only when the client
 * sent it; metadata is merged key by key and a `null` value deletes its key; `source` never changes.
 */
function updatedValue(col: (typeof WRITABLE)[number]) {
  const sent = `'${col}' = ANY(x.fields)`;
  if (col === "metadata") return `CASE WHEN ${sent} THEN ${MERGED_METADATA} ELSE c.metadata END`;
  if (col === "source") return "c.source";
  return `CASE WHEN ${sent} THEN x.${col} ELSE c.${col} END`;
}

/** Update assignments for `UPDATE contacts c … FROM (records) x`. */
export const UPDATE_SET = WRITABLE.map((col) => `${col} = ${updatedValue(col)}`).join(",\n  ") + ",\n  updated_at = now()";

/**
 * True when the update would change the contact. A write that changes nothing leaves the row (and
 * its `updated_at`) alone: `updated_at` says when the contact last changed, as its activity does,
 * and re-importing a list that did not change rewrites nothing.
 */
export const UPDATE_CHANGES = `(${WRITABLE.map((col) => `${updatedValue(col)} IS DISTINCT FROM c.${col}`).join(" OR ")})`;

export type ContactRecord = Partial<Record<(typeof WRITABLE)[number], unknown>> & {
  idx: number;
  id: string | null;
  fields: string[];
};

/** Turns validated input into a record for `jsonb_to_recordset`, remembering which keys were sent. */
export function toRecord(input: (ContactCreateInput | ContactUpdateInput) & { source?: string }, idx = 0, id: string | null = null): ContactRecord {
  // Copied key by key, not spread: an import makes one per row, and the spread of zod's output
  // cost ~6 µs a row against ~1.5 µs (a microbenchmark over 200,000 validated rows).
  const record: ContactRecord = { idx, id, fields: [] };
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    (record as Record<string, unknown>)[key] = value;
    record.fields.push(key);
  }
  return record;
}

export const json = (value: unknown) => JSON.stringify(value);
