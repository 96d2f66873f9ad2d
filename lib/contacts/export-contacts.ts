// CSV export of any list filter: streamed page by page in id order (constant memory at any size),
// every field plus one column per metadata key, formula-looking cells neutralised.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterSql, type ContactSelectionFilter } from "./filters";
import { RETURNING } from "./sql";
import { serializeContact, type ContactRow } from "./serialize";
import { csvCell } from "@/lib/csv";

const PAGE = 2000;
const FIELDS = ["id", "email", "phone", "first_name", "last_name", "status", "suppressed", "suppressed_reason", "email_ok", "sms_ok", "whatsapp_ok", "voice_ok", "tags", "source", "created_at", "updated_at"] as const;
/** Where the current consent came from (api, dashboard, import, bulk) and when: the newest consent event. */
const CONSENT = ["consent_source", "consent_at"] as const;
const LATEST_CONSENT = Prisma.sql`LEFT JOIN LATERAL (
    SELECT e.context ->> 'source' AS source, e.created_at FROM contact_events e
     WHERE e.workspace_id = c.workspace_id AND e.contact_id = c.id AND e.context IS NOT NULL
     ORDER BY e.seq DESC LIMIT 1) consent ON true`;

export async function exportContacts({ workspaceId, filter, bom }: { workspaceId: string; filter: ContactSelectionFilter; bom: boolean }) {
  const where = filterSql(workspaceId, filter);
  const keys = (
    await db.$queryRaw<{ key: string }[]>`SELECT DISTINCT jsonb_object_keys(c.metadata) AS key FROM contacts c WHERE ${where} ORDER BY 1 LIMIT 500`
  ).map((r) => r.key);
  const encoder = new TextEncoder();
  let after = "";
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        const header = [...FIELDS, ...CONSENT, ...keys.map((k) => `metadata.${k}`)].map(csvCell).join(",") + "\r\n";
        controller.enqueue(encoder.encode((bom ? "\uFEFF" : "") + header));
      }
      const rows = await db.$queryRaw<(ContactRow & { consent_source: string | null; consent_at: Date | null })[]>`
        SELECT ${Prisma.raw(RETURNING)}, consent.source AS consent_source, consent.created_at AS consent_at
          FROM contacts c ${LATEST_CONSENT} WHERE ${where} AND c.id > ${after} ORDER BY c.id LIMIT ${PAGE}`;
      if (!rows.length) return controller.close();
      after = rows[rows.length - 1].id;
      const lines = rows.map((row) => {
        const c = serializeContact(row);
        return [...FIELDS.map((f) => c[f]), row.consent_source, row.consent_at?.toISOString() ?? null, ...keys.map((k) => c.metadata[k])].map(csvCell).join(",");
      });
      controller.enqueue(encoder.encode(lines.join("\r\n") + "\r\n"));
    },
  });
}
