// The metadata keys a workspace uses most, for the dashboard's filter builder. Counted over the
// most recently updated contacts (an index range, so it stays fast at any size), not every row.
import { db } from "@/lib/db/client";
import { METADATA_KEYS_SAMPLE, type MetadataKeyView } from "./schemas";

const MAX_KEYS = 50;

export async function listMetadataKeys({ workspaceId }: { workspaceId: string }) {
  const rows = await db.$queryRaw<MetadataKeyView[]>`
    SELECT k AS key, count(*)::int AS count
      FROM (SELECT c.metadata FROM contacts c WHERE c.workspace_id = ${workspaceId} ORDER BY c.updated_at DESC, c.id DESC LIMIT ${METADATA_KEYS_SAMPLE}) recent
     CROSS JOIN LATERAL jsonb_object_keys(CASE WHEN jsonb_typeof(recent.metadata) = 'object' THEN recent.metadata ELSE '{}' END) AS k
     GROUP BY k ORDER BY count(*) DESC, k LIMIT ${MAX_KEYS}`;
  return { object: "list" as const, data: rows };
}
