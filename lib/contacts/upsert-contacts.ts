// Upsert by email (else phone) for many contacts in one statement per round. Items that repeat a
// key within one request go into later rounds, so they apply in order (last one wins).
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { ApiError, toApiError, zodIssues } from "@/lib/api/errors";
import { contactCreateSchema, type BatchResult, type Contact } from "./schemas";
import { INSERT_COLUMNS, INSERT_VALUES, json, RECORD_COLUMNS, RETURNING, toRecord, UPDATE_SET, type ContactRecord } from "./sql";
import { serializeContact, type ContactRow } from "./serialize";

const upsertRound = (returning: string) => `
WITH x AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(${RECORD_COLUMNS})),
m AS (
  SELECT x.idx, coalesce(ce.id, cp.id) AS cid FROM x
  LEFT JOIN contacts ce ON ce.workspace_id = $1 AND ce.email = x.email
  LEFT JOIN contacts cp ON cp.workspace_id = $1 AND x.email IS NULL AND cp.phone = x.phone
  WHERE coalesce(ce.id, cp.id) IS NOT NULL
),
upd AS (
  UPDATE contacts c SET ${UPDATE_SET}
  FROM x JOIN m ON m.idx = x.idx
  WHERE c.workspace_id = $1 AND c.id = m.cid
    AND ($4 = 'update' OR c.import_id = $3)
    AND NOT ('phone' = ANY(x.fields) AND EXISTS (
      SELECT 1 FROM contacts o WHERE o.workspace_id = $1 AND o.phone = x.phone AND o.id <> m.cid))
  RETURNING x.idx, 'updated' AS outcome, ${returning}
),
ins AS (
  INSERT INTO contacts AS c (${INSERT_COLUMNS}, import_id)
  SELECT ${INSERT_VALUES}, $3 FROM x WHERE NOT EXISTS (SELECT 1 FROM m WHERE m.idx = x.idx)
  ON CONFLICT DO NOTHING
  RETURNING ${returning}
)
SELECT * FROM upd
UNION ALL
SELECT x.idx, 'created' AS outcome, ins.* FROM ins JOIN x ON x.id = ins.id`;
const UPSERT_ROUND = upsertRound(RETURNING);
// Imports only need to know what happened to each row, not the rows themselves.
const UPSERT_ROUND_MINIMAL = upsertRound("c.id");

type Outcome = ContactRow & { idx: number; outcome: "created" | "updated" };
type ItemResult = (BatchResult["results"][number] | { index: number; id: null; status: "skipped" }) & { contact?: Contact };

/** Where the statements run (the pool, or an import chunk's transaction) and how clashes resolve. */
export interface UpsertOptions {
  client?: Pick<typeof db, "$queryRawUnsafe">;
  /** `skip`: contacts that already exist are left as they are (import's on_conflict). */
  onConflict?: "update" | "skip";
  /** Contacts created by this import stay updatable under `skip` (duplicates in one file). */
  importId?: string | null;
  /** Skip returning the contacts (imports): results carry ids and outcomes only. */
  minimal?: boolean;
}

async function runRound(workspaceId: string, records: ContactRecord[], o: Required<UpsertOptions>): Promise<Outcome[]> {
  try {
    const sql = o.minimal ? UPSERT_ROUND_MINIMAL : UPSERT_ROUND;
    return await o.client.$queryRawUnsafe<Outcome[]>(sql, workspaceId, json(records), o.importId, o.onConflict);
  } catch (error) {
    // A concurrent writer took an email or phone between our check and our write: retry the
    // round item by item so that only the clashing items fail.
    if (toApiError(error).code !== "conflict" || records.length === 1) throw error;
    const outcomes: Outcome[] = [];
    for (const record of records) outcomes.push(...(await runRound(workspaceId, [record], o).catch(() => [])));
    return outcomes;
  }
}

function rounds(records: ContactRecord[]) {
  const seen = new Map<string, number>();
  const out: ContactRecord[][] = [];
  for (const record of records) {
    const key = record.email ? `e:${String(record.email).toLowerCase()}` : `p:${String(record.phone)}`;
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    (out[round] ??= []).push(record);
  }
  return out;
}

export async function upsertContacts({
  workspaceId,
  items,
  source,
  ...options
}: { workspaceId: string; items: unknown[]; source: string } & UpsertOptions) {
  const o: Required<UpsertOptions> = { client: db, onConflict: "update", importId: null, minimal: false, ...options };
  const results: ItemResult[] = new Array(items.length);
  const records: ContactRecord[] = [];
  items.forEach((item, index) => {
    const parsed = contactCreateSchema.safeParse(item);
    if (parsed.success) records.push(toRecord({ source, ...parsed.data }, index, newId("con")));
    else
      results[index] = {
        index,
        id: null,
        status: "failed",
        error: { code: "validation_error", message: "The contact is invalid", details: zodIssues(parsed.error) },
      };
  });
  for (const round of rounds(records)) {
    const outcomes = new Map((await runRound(workspaceId, round, o)).map((row) => [row.idx, row]));
    for (const record of round) {
      const row = outcomes.get(record.idx);
      results[record.idx] = row
        ? { index: record.idx, id: row.id, status: row.outcome, ...(o.minimal ? {} : { contact: serializeContact(row) }) }
        : o.onConflict === "skip"
          ? { index: record.idx, id: null, status: "skipped" }
          : {
              index: record.idx,
              id: null,
              status: "failed",
              error: { code: "conflict", message: "The phone number belongs to another contact" },
            };
    }
  }
  const count = (s: string) => results.filter((r) => r.status === s).length;
  return { created: count("created"), updated: count("updated"), skipped: count("skipped"), failed: count("failed"), results };
}

/** PUT /contacts: the batch path with one item, failures raised as errors. */
export async function upsertContact({ workspaceId, input, source }: { workspaceId: string; input: unknown; source: string }) {
  const { results } = await upsertContacts({ workspaceId, items: [input], source });
  const result = results[0];
  if (result.status === "failed") {
    const e = result.error!;
    throw new ApiError(e.code as "conflict", e.code === "conflict" ? e.message : "The request is invalid", e.details as never);
  }
  return { created: result.status === "created", contact: result.contact! };
}
