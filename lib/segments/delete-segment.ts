import { db } from "@/lib/db/client";
import { notFound } from "@/lib/api/errors";
import { isSegmentId } from "./schemas";

/** Deletes the segment; contacts are untouched, and bulk jobs made from it keep their frozen selection. */
export async function deleteSegment({ workspaceId, id }: { workspaceId: string; id: string }) {
  const { count } = isSegmentId(id) ? await db.segment.deleteMany({ where: { workspaceId, id } }) : { count: 0 };
  if (!count) throw notFound("Segment");
}
