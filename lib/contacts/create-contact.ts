import { writeAs } from "@/lib/activity/context";
import { newId } from "@/lib/ids";
import { ApiError } from "@/lib/api/errors";
import type { ContactCreateInput } from "./schemas";
import { INSERT_COLUMNS, INSERT_VALUES, json, RECORD_COLUMNS, RETURNING, toRecord } from "./sql";
import { serializeContact, type ContactRow } from "./serialize";
import { conflictWith } from "./conflict";
import { guardErased } from "@/lib/erasure/tombstones";

const INSERT_ONE = `INSERT INTO contacts AS c (${INSERT_COLUMNS})
  SELECT ${INSERT_VALUES} FROM jsonb_to_recordset($2::jsonb) AS x(${RECORD_COLUMNS})
  RETURNING ${RETURNING}`;

/** Creates a contact; an email or phone already in the workspace is a 409 naming `existing_id`. */
export async function createContact({ workspaceId, input: { allow_erased: allowErased, ...input }, source }: { workspaceId: string; input: ContactCreateInput; source: string }) {
  const record = toRecord({ source, ...input }, 0, newId("con"));
  const rows = await writeAs(async (tx) => {
    await guardErased(tx, workspaceId, input, allowErased); // 409 `erased` unless allowed
    return tx.$queryRawUnsafe<ContactRow[]>(INSERT_ONE, workspaceId, json([record]));
  }).catch(async (error) => {
    throw await conflictWith(error, workspaceId, input);
  });
  if (!rows[0]) throw new ApiError("internal_error", "The contact was not created");
  return serializeContact(rows[0]);
}
