import { writeAs } from "@/lib/activity/context";
import { ApiError, notFound } from "@/lib/api/errors";
import { getContact, looksLikeContactId } from "./get-contact";
import type { ContactUpdateInput } from "./schemas";
import { json, MERGED_METADATA_FITS, RECORD_COLUMNS, RETURNING, toRecord, UPDATE_CHANGES, UPDATE_SET } from "./sql";
import { MAX_METADATA_BYTES } from "./metadata";
import { serializeContact, type ContactRow } from "./serialize";
import { conflictWith } from "./conflict";
import { guardErased } from "@/lib/erasure/tombstones";

// A patch that changes nothing answers the contact as it is (UPDATE_CHANGES).
const UPDATE_ONE = `WITH x AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(${RECORD_COLUMNS})),
upd AS (
  UPDATE contacts c SET ${UPDATE_SET} FROM x
  WHERE c.workspace_id = $1 AND c.id = $2 AND ${MERGED_METADATA_FITS} AND ${UPDATE_CHANGES} RETURNING ${RETURNING}
)
SELECT * FROM upd
UNION ALL
SELECT ${RETURNING} FROM contacts c CROSS JOIN x WHERE c.workspace_id = $1 AND c.id = $2 AND NOT ${UPDATE_CHANGES}`;

/** Partial update: only sent fields change, metadata merges key by key, tags are replaced. */
export async function updateContact({ workspaceId, id, input: { allow_erased: allowErased, ...input } }: { workspaceId: string; id: string; input: ContactUpdateInput }) {
  if (!looksLikeContactId(id)) throw notFound();
  const rows = await writeAs(async (tx) => {
    const patch = () => tx.$queryRawUnsafe<ContactRow[]>(UPDATE_ONE, workspaceId, id, json([toRecord(input)]));
    // No row: unknown, too large, or a concurrent write made this patch a no-op after our snapshot
    // (the update re-checked the row and found nothing to change; the snapshot saw a change). A
    // second statement sees that write.
    const first = await patch();
    const updated = first[0] ? first : await patch();
    // After the update, so that an unknown id stays a 404; a refusal rolls the update back.
    if (updated[0]) await guardErased(tx, workspaceId, input, allowErased);
    return updated;
  }).catch(async (error) => {
      throw await conflictWith(error, workspaceId, input);
    });
  if (rows[0]) return serializeContact(rows[0]);
  await getContact({ workspaceId, id }); // 404 when it does not exist; else the merge was too large
  throw new ApiError("validation_error", "The request is invalid", [
    { path: "metadata", message: `Metadata after merging must be at most ${MAX_METADATA_BYTES / 1024} KB; delete keys with null` },
  ]);
}
