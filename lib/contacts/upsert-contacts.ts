// Upsert by email (else phone) for many contacts in one statement per round. Items that repeat a
// key within one request go into later rounds, so they apply in order (last one wins).
// Shared by PUT /contacts, the batch endpoint (explicit requests: a sent `status` applies) and
// imports (files: consent that a person withdrew is kept unless the import says `resubscribe`).
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { db } from "@/lib/db/client";
import { writeAs } from "@/lib/activity/context";
import { newId } from "@/lib/ids";
import { ApiError, sqlState, toApiError, zodIssues, type ErrorCode, type FieldIssue } from "@/lib/api/errors";
import { contactSchemasIn, type BatchResult, type Contact } from "./schemas";
import { phoneCountryFor } from "./parse-input";
import { MAX_METADATA_BYTES } from "./metadata";
import { emailKey, INSERT_COLUMNS, INSERT_VALUES, json, MERGED_METADATA_FITS, RECORD_COLUMNS, RETURNING, toRecord, UPDATE_CHANGES, UPDATE_SET, type ContactRecord } from "./sql";
import { serializeContact, type ContactRow } from "./serialize";
import { erasedFailure, findErased, type ErasedAmong } from "@/lib/erasure/tombstones";

const RECORD_FIELDS = RECORD_COLUMNS.split(",")
  .map((c) => c.trim().split(/\s+/)[0])
  .filter((name) => name !== "fields")
  .map((name) => `x.${name}`)
  .join(", ");
// The contact an item matches: by email, else (no email sent) by phone. LATERAL, so that an item
// with an email skips the phone lookup (a join's filter ran it, then threw the row away).
const MATCH = `
  LEFT JOIN contacts ce ON ce.workspace_id = $1 AND ${emailKey("ce.email")} = ${emailKey("x.email")}
  LEFT JOIN LATERAL (SELECT * FROM contacts WHERE x.email IS NULL AND workspace_id = $1 AND phone = x.phone OFFSET 0) cp ON true`;
const matched = (column: string) => `coalesce(ce.${column}, cp.${column})`;
const asksToSubscribe = `'status' = ANY(x.fields) AND x.status = 'subscribed'`;
const asksToUnsuppress = `'suppressed' = ANY(x.fields) AND x.suppressed IS FALSE`;

/**
 * One round's statement. `plain`: new contacts go in with a plain INSERT, leaving out items whose
 * phone another contact holds; at a million contacts, ON CONFLICT's speculative insertion into
 * three unique indexes cost an import as much again per row. A clash with a concurrent writer
 * then fails the statement, and the round runs again with ON CONFLICT (runRound).
 */
const upsertRound = (returning: string, plain: boolean) => `
WITH x AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(${RECORD_COLUMNS})),
m AS (
  SELECT x.idx, ${matched("id")} AS cid,
    -- $5 (imports): someone who unsubscribed or was suppressed is not subscribed again by a file.
    CASE WHEN NOT $5 THEN NULL
      WHEN ${matched("suppressed")} AND (${asksToSubscribe} OR ${asksToUnsuppress})
        THEN 'suppressed' || coalesce(' (' || ${matched("suppressed_reason")} || ')', '')
      WHEN ${matched("status")} = 'unsubscribed' AND ${asksToSubscribe} THEN 'unsubscribed'
    END AS kept
  FROM x ${MATCH}
  WHERE ${matched("id")} IS NOT NULL
),
-- What each matched item may change: a kept contact's consent fields are left out.
g AS (
  SELECT ${RECORD_FIELDS}, m.cid, m.kept,
    CASE WHEN m.kept IS NULL THEN x.fields ELSE ARRAY(
      SELECT f FROM unnest(x.fields) f
       WHERE NOT (f = 'status' AND x.status = 'subscribed' OR f IN ('suppressed', 'suppressed_reason') AND x.suppressed IS FALSE))
    END AS fields
  FROM x JOIN m ON m.idx = x.idx
),
upd AS (
  UPDATE contacts c SET ${UPDATE_SET}
  FROM g AS x
  WHERE c.workspace_id = $1 AND c.id = x.cid
    AND ($4 = 'update' OR c.import_id = $3)
    AND NOT ('phone' = ANY(x.fields) AND EXISTS (
      SELECT 1 FROM contacts o WHERE o.workspace_id = $1 AND o.phone = x.phone AND o.id <> x.cid))
    AND ${MERGED_METADATA_FITS}
    AND ${UPDATE_CHANGES}
  RETURNING x.idx, 'updated' AS outcome, x.kept, ${returning}
),
-- Matched contacts the item would not change: reported as updated, left as they are.
same AS (
  SELECT x.idx, 'updated' AS outcome, x.kept, ${returning}
  FROM g AS x JOIN contacts c ON c.workspace_id = $1 AND c.id = x.cid
  WHERE ($4 = 'update' OR c.import_id = $3) AND NOT ${UPDATE_CHANGES}
),
ins AS (
  INSERT INTO contacts AS c (${INSERT_COLUMNS}, import_id)
  SELECT ${INSERT_VALUES}, $3 FROM x WHERE NOT EXISTS (SELECT 1 FROM m WHERE m.idx = x.idx)
  ${
    plain
      ? "AND NOT (x.phone IS NOT NULL AND EXISTS (SELECT 1 FROM contacts o WHERE o.workspace_id = $1 AND o.phone = x.phone))"
      : "ON CONFLICT DO NOTHING"
  }
  RETURNING ${returning}
)
SELECT * FROM upd
UNION ALL
SELECT * FROM same
UNION ALL
SELECT x.idx, 'created' AS outcome, NULL AS kept, ins.* FROM ins JOIN x ON x.id = ins.id`;
// Imports only need to know what happened to each row, not the rows themselves (minimal).
const ROUND_SQL = {
  full: { plain: upsertRound(RETURNING, true), onConflict: upsertRound(RETURNING, false) },
  minimal: { plain: upsertRound("c.id", true), onConflict: upsertRound("c.id", false) },
};
type Client = Pick<typeof db, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** The round with plain inserts; after a unique violation (a concurrent writer), again with ON CONFLICT. */
async function roundStatement(client: Client, sql: { plain: string; onConflict: string }, args: unknown[]) {
  await client.$executeRawUnsafe("SAVEPOINT rolo_round");
  try {
    const outcomes = await client.$queryRawUnsafe<Outcome[]>(sql.plain, ...args);
    await client.$executeRawUnsafe("RELEASE SAVEPOINT rolo_round");
    return outcomes;
  } catch (error) {
    if (sqlState(error) !== "23505") throw error;
    await client.$executeRawUnsafe("ROLLBACK TO SAVEPOINT rolo_round");
    return client.$queryRawUnsafe<Outcome[]>(sql.onConflict, ...args);
  }
}

// Items the round left alone (rare): which of them would have grown metadata past its cap.
const METADATA_TOO_LARGE = `
WITH x AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(${RECORD_COLUMNS}))
SELECT x.idx FROM x CROSS JOIN LATERAL (
  SELECT c.metadata FROM contacts c
   WHERE c.workspace_id = $1 AND (${emailKey("c.email")} = ${emailKey("x.email")} OR x.email IS NULL AND c.phone = x.phone) LIMIT 1) c
WHERE NOT ${MERGED_METADATA_FITS}`;

type Outcome = ContactRow & { idx: number; outcome: "created" | "updated"; kept: string | null };
type ItemResult = (BatchResult["results"][number] | { index: number; id: null; status: "skipped" }) & {
  contact?: Contact;
  /** Set when the item asked to subscribe someone who had opted out, and was not allowed to. */
  kept?: string;
  /** What was left out of an item that was otherwise written (an invalid phone). */
  notes?: string[];
};

/** How items are validated: phones read in a country; imports keep a row whose phone alone is wrong. */
export interface ValidateOptions {
  source: string;
  /** National phone numbers are read in this country. */
  defaultCountry: string;
  /** Imports: an invalid phone is left out, and noted, when the item has an email. */
  dropInvalidPhones?: boolean;
}

/**
 * Where the statements run and how clashes resolve. Without `client`, each round is its own
 * transaction recorded as the current writer; an import passes its chunk's transaction, which has
 * declared the import as the writer.
 */
export interface WriteOptions {
  client?: Client | null;
  /** `skip`: contacts that already exist are left as they are (import's on_conflict). */
  onConflict?: "update" | "skip";
  /** Contacts created by this import stay updatable under `skip` (duplicates in one file). */
  importId?: string | null;
  /** Skip returning the contacts (imports): results carry ids and outcomes only. */
  minimal?: boolean;
  /** Imports: never subscribe or unsuppress a contact who unsubscribed or was suppressed. */
  keepConsent?: boolean;
  /** Every item may bring back the email or phone of an erased contact (`allow_erased`). */
  allowErased?: boolean;
}

export type UpsertOptions = WriteOptions & Partial<Omit<ValidateOptions, "source">>;

/** `forget` drops, in the round's transaction, the tombstones of erased addresses it brought back. */
async function runRound(workspaceId: string, records: ContactRecord[], o: Required<WriteOptions>, forget?: ErasedAmong["forget"]): Promise<Outcome[]> {
  try {
    const sql = o.minimal ? ROUND_SQL.minimal : ROUND_SQL.full;
    const args = [workspaceId, json(records), o.importId, o.onConflict, o.keepConsent];
    const write = async (client: Client) => {
      const outcomes = await roundStatement(client, sql, args);
      await forget?.(client, outcomes.map((row) => row.idx));
      return outcomes;
    };
    return await (o.client ? write(o.client) : writeAs(write));
  } catch (error) {
    // A concurrent writer took an email or phone between our check and our write: retry the
    // round item by item so that only the clashing items fail.
    if (toApiError(error).code !== "conflict" || records.length === 1) throw error;
    const outcomes: Outcome[] = [];
    for (const record of records) outcomes.push(...(await runRound(workspaceId, [record], o, forget).catch(() => [])));
    return outcomes;
  }
}

/** The name of a person as a write reaches them: by email (case-insensitive), or by phone. */
export const emailMatchKey = (email: string) => `e:${email.toLowerCase()}`;
export const phoneMatchKey = (phone: string) => `p:${phone}`;

function rounds(records: ContactRecord[]) {
  const seen = new Map<string, number>();
  const out: ContactRecord[][] = [];
  for (const record of records) {
    const key = record.email ? emailMatchKey(String(record.email)) : phoneMatchKey(String(record.phone));
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    (out[round] ??= []).push(record);
  }
  return out;
}

const invalid = (index: number, details: FieldIssue[]): ItemResult => ({
  index,
  id: null,
  status: "failed",
  error: { code: "validation_error", message: "The contact is invalid", details },
});

/** Items checked against the contact schema, ready to write: the CPU half of an upsert. */
export interface ValidatedItems {
  size: number;
  records: ContactRecord[];
  failed: Map<number, ItemResult>;
  notes: Map<number, string[]>;
  /** Items that said `allow_erased: true` themselves (not a contact field: kept out of the record). */
  allowErased: Set<number>;
}

/** Validates items[from, to) into `validated`. */
function validateRange(validated: ValidatedItems, items: unknown[], from: number, to: number, o: ValidateOptions) {
  const schema = contactSchemasIn(o.defaultCountry).create;
  for (let index = from; index < to; index++) {
    const item = items[index];
    let parsed = schema.safeParse(item);
    const fields = item !== null && typeof item === "object" ? (item as Record<string, unknown>) : null;
    if (!parsed.success && o.dropInvalidPhones && fields?.email && parsed.error.issues.every((i) => i.path[0] === "phone")) {
      // Keep the rest of the row: only the phone is wrong, and the email identifies the contact.
      const { phone: _phone, ...withoutPhone } = fields;
      const retried = schema.safeParse(withoutPhone);
      if (retried.success) {
        validated.notes.set(index, [`phone: ${parsed.error.issues[0].message} (the phone was not stored)`]);
        parsed = retried;
      }
    }
    if (parsed.success) {
      const { allow_erased: allowErased, ...data } = parsed.data;
      if (allowErased) validated.allowErased.add(index);
      validated.records.push(toRecord({ source: o.source, ...data }, index, newId("con")));
    } else validated.failed.set(index, invalid(index, zodIssues(parsed.error)));
  }
}

const emptyValidated = (size: number): ValidatedItems => ({ size, records: [], failed: new Map(), notes: new Map(), allowErased: new Set() });

/** Validates items without touching the database: the CPU half of an upsert. */
export function validateItems(items: unknown[], o: ValidateOptions): ValidatedItems {
  const validated = emptyValidated(items.length);
  validateRange(validated, items, 0, items.length, o);
  return validated;
}

/**
 * The same, giving the event loop a turn every `every` items. An import validates its next chunk
 * while the database writes the previous one; without the turns, the replies of those writes
 * (and the next statement) waited for the whole chunk's validation, and the database sat idle.
 */
export async function validateItemsYielding(items: unknown[], o: ValidateOptions, every = 50): Promise<ValidatedItems> {
  const validated = emptyValidated(items.length);
  for (let from = 0; from < items.length; from += every) {
    validateRange(validated, items, from, Math.min(items.length, from + every), o);
    await yieldToEventLoop();
  }
  return validated;
}

/** Writes validated items: one statement per round. */
export async function writeItems(workspaceId: string, validated: ValidatedItems, options: WriteOptions = {}) {
  const o: Required<WriteOptions> = { client: null, onConflict: "update", importId: null, minimal: false, keepConsent: false, allowErased: false, ...options };
  const results: ItemResult[] = new Array(validated.size);
  for (const [index, result] of validated.failed) results[index] = result;
  // One query for the whole set: items that would bring back an erased email or phone fail alone.
  const erased = await findErased(o.client ?? db, workspaceId, validated.records, (idx) => o.allowErased || validated.allowErased.has(idx));
  for (const [index, kinds] of erased?.refused ?? []) results[index] = { index, id: null, status: "failed", error: erasedFailure(kinds) };
  const records = erased?.refused.size ? validated.records.filter((r) => !erased.refused.has(r.idx)) : validated.records;
  for (const round of rounds(records)) {
    const outcomes = new Map((await runRound(workspaceId, round, o, erased?.forget)).map((row) => [row.idx, row]));
    if (o.onConflict === "update") {
      // Another writer (a concurrent import or batch) created one of these contacts between our
      // match and our insert: the insert waited for it, then did nothing. Write those items once
      // more; now they match, and update as they should. (Under `skip`, leaving them is right.)
      const raced = round.filter((r) => !outcomes.has(r.idx));
      if (raced.length) for (const row of await runRound(workspaceId, raced, o, erased?.forget)) outcomes.set(row.idx, row);
    }
    const missing = round.filter((r) => !outcomes.has(r.idx));
    const tooLarge = new Set(
      missing.length ? (await (o.client ?? db).$queryRawUnsafe<{ idx: number }[]>(METADATA_TOO_LARGE, workspaceId, json(missing))).map((r) => r.idx) : [],
    );
    for (const record of round) {
      const row = outcomes.get(record.idx);
      const index = record.idx;
      const notes = validated.notes.get(index);
      results[index] = row
        ? {
            index,
            id: row.id,
            status: row.outcome,
            ...(o.minimal ? {} : { contact: serializeContact(row) }),
            ...(row.kept ? { kept: row.kept } : {}),
            ...(notes ? { notes } : {}),
          }
        : tooLarge.has(index)
          ? invalid(index, [{ path: "metadata", message: `Metadata after merging must be at most ${MAX_METADATA_BYTES / 1024} KB` }])
          : o.onConflict === "skip"
            ? { index, id: null, status: "skipped" }
            : { index, id: null, status: "failed", error: { code: "conflict", message: "The phone number belongs to another contact" } };
    }
  }
  const count = (s: string) => results.filter((r) => r.status === s).length;
  return { created: count("created"), updated: count("updated"), skipped: count("skipped"), failed: count("failed"), results };
}

export async function upsertContacts({
  workspaceId,
  items,
  source,
  defaultCountry,
  dropInvalidPhones,
  ...options
}: { workspaceId: string; items: unknown[]; source: string } & UpsertOptions) {
  const country = defaultCountry ?? (await phoneCountryFor(workspaceId, items));
  return writeItems(workspaceId, validateItems(items, { source, defaultCountry: country, dropInvalidPhones }), options);
}

/** PUT /contacts: the batch path with one item, failures raised as errors. */
export async function upsertContact({ workspaceId, input, source }: { workspaceId: string; input: unknown; source: string }) {
  const { results } = await upsertContacts({ workspaceId, items: [input], source });
  const result = results[0];
  if (result.status === "failed") {
    const e = result.error!;
    throw new ApiError(e.code as ErrorCode, e.code === "validation_error" ? "The request is invalid" : e.message, e.details as never);
  }
  return { created: result.status === "created", contact: result.contact! };
}
