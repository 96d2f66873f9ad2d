import { db } from "@/lib/db/client";
import { notFound } from "@/lib/api/errors";
import { looksLikeContactId } from "./get-contact";
import type { ContactUpdateInput } from "./schemas";
import { json, RECORD_COLUMNS, RETURNING, toRecord, UPDATE_SET } from "./sql";
import { serializeContact, type ContactRow } from "./serialize";
import { conflictWith } from "./conflict";

const UPDATE_ONE = `UPDATE contacts c SET ${UPDATE_SET}
  FROM jsonb_to_recordset($3::jsonb) AS x(${RECORD_COLUMNS})
  WHERE c.workspace_id = $1 AND c.id = $2 RETURNING ${RETURNING}`;

/** Partial update: only sent fields change, metadata merges key by key, tags are replaced. */
export async function updateContact({ workspaceId, id, input }: { workspaceId: string; id: string; input: ContactUpdateInput }) {
  if (!looksLikeContactId(id)) throw notFound();
  const rows = await db
    .$queryRawUnsafe<ContactRow[]>(UPDATE_ONE, workspaceId, id, json([toRecord(input)]))
    .catch(async (error) => {
      throw await conflictWith(error, workspaceId, input);
    });
  if (!rows[0]) throw notFound();
  return serializeContact(rows[0]);
}
