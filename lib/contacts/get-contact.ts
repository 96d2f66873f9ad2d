import { db } from "@/lib/db/client";
import { notFound } from "@/lib/api/errors";
import { RETURNING } from "./sql";
import { serializeContact, type ContactRow } from "./serialize";

export const looksLikeContactId = (id: string) => /^con_[0-9A-Za-z]{1,64}$/.test(id);

export async function getContact({ workspaceId, id }: { workspaceId: string; id: string }) {
  if (!looksLikeContactId(id)) throw notFound();
  const rows = await db.$queryRawUnsafe<ContactRow[]>(
    `SELECT ${RETURNING} FROM contacts c WHERE c.workspace_id = $1 AND c.id = $2`,
    workspaceId,
    id,
  );
  if (!rows[0]) throw notFound();
  return serializeContact(rows[0]);
}
