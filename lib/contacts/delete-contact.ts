import { writeAs } from "@/lib/activity/context";
import { notFound } from "@/lib/api/errors";
import { looksLikeContactId } from "./get-contact";

/** Permanent delete (as in every seed API); ids of other workspaces are simply not found. */
export async function deleteContact({ workspaceId, id }: { workspaceId: string; id: string }) {
  if (!looksLikeContactId(id)) throw notFound();
  const count = await writeAs((tx) => tx.$executeRaw`DELETE FROM contacts WHERE workspace_id = ${workspaceId} AND id = ${id}`);
  if (count === 0) throw notFound();
}
