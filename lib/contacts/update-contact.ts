import { db } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/api/errors";
import { getContact, looksLikeContactId } from "./get-contact";
import type { ContactUpdateInput } from "./schemas";
import { json, MERGED_METADATA_FITS, RECORD_COLUMNS, RETURNING, toRecord, UPDATE_SET } from "./sql";
import { MAX_METADATA_BYTES } from "./metadata";
import { serializeContact, type ContactRow } from "./serialize";
import { conflictWith } from "./conflict";

const UPDATE_ONE = `UPDATE contacts c SET ${UPDATE_SET}
  FROM jsonb_to_recordset($3::jsonb) AS x(${RECORD_COLUMNS})
  WHERE c.workspace_id = $1 AND c.id = $2 AND ${MERGED_METADATA_FITS} RETURNING ${RETURNING}`;

/** Partial update: only sent fields change, metadata merges key by key, tags are replaced. */
export async function updateContact({ workspaceId, id, input }: { workspaceId: string; id: string; input: ContactUpdateInput }) {
  if (!looksLikeContactId(id)) throw notFound();
  const rows = await db
    .$queryRawUnsafe<ContactRow[]>(UPDATE_ONE, workspaceId, id, json([toRecord(input)]))
    .catch(async (error) => {
      throw await conflictWith(error, workspaceId, input);
    });
  if (rows[0]) return serializeContact(rows[0]);
  await getContact({ workspaceId, id }); // 404 when it does not exist; else the merge was too large
  throw new ApiError("validation_error", "The request is invalid", [
    { path: "metadata", message: `Metadata after merging must be at most ${MAX_METADATA_BYTES / 1024} KB; delete keys with null` },
  ]);
}
