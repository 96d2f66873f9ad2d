import { db } from "@/lib/db/client";
import { notFound } from "@/lib/api/errors";
import { isSegmentId } from "./schemas";

type Client = Pick<typeof db, "segment">;

/** The workspace's segment with this id; other workspaces' ids answer 404 like missing ones. */
export async function findSegment({ workspaceId, id }: { workspaceId: string; id: string }, client: Client = db) {
  const segment = isSegmentId(id) ? await client.segment.findUnique({ where: { workspaceId_id: { workspaceId, id } } }) : null;
  if (!segment) throw notFound("Segment");
  return segment;
}
