// A contact's consent record: the current subscription, suppression and channel opt-ins, each with
// the change that set it (when, by whom, from where, with the file's own evidence), and the history.
// Everything is read from the event stream; nothing is stored twice.
import { db } from "@/lib/db/client";
import { getContact } from "@/lib/contacts/get-contact";
import { actorOf, EVENT_COLUMNS, provenanceOf, type EventRow } from "./events";
import { CONSENT_FIELDS, type ConsentField, type ConsentView } from "./schemas";

const HISTORY = 100;

export async function getConsent({ workspaceId, id }: { workspaceId: string; id: string }): Promise<ConsentView> {
  const contact = await getContact({ workspaceId, id });
  const rows = await db.$queryRawUnsafe<EventRow[]>(
    `SELECT ${EVENT_COLUMNS} FROM contact_events WHERE workspace_id = $1 AND contact_id = $2 AND context IS NOT NULL
      ORDER BY seq DESC LIMIT $3`,
    workspaceId,
    id,
    HISTORY,
  );
  const fields = Object.fromEntries(CONSENT_FIELDS.map((f) => [f, null])) as ConsentView["fields"];
  for (const field of CONSENT_FIELDS) {
    // The newest event that set this field; a creation sets every field (defaults included).
    const row = rows.find((r) => field in r.changes || r.type === "contact.created");
    if (row) fields[field] = { value: contact[field], changed_at: row.created_at.toISOString(), event_id: `evt_${row.seq}`, actor: actorOf(row), ...provenanceOf(row) };
  }
  return {
    object: "consent",
    contact_id: contact.id,
    ...(Object.fromEntries(CONSENT_FIELDS.map((f) => [f, contact[f]])) as Pick<ConsentView, ConsentField>),
    fields,
    history: rows.map((row) => ({
      event_id: `evt_${row.seq}`,
      type: row.type as ConsentView["history"][number]["type"],
      changes: Object.fromEntries(Object.entries(row.changes).filter(([k]) => (CONSENT_FIELDS as readonly string[]).includes(k))),
      actor: actorOf(row),
      created_at: row.created_at.toISOString(),
      ...provenanceOf(row),
    })),
  };
}
