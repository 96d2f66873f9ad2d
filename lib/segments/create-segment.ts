import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { ApiError } from "@/lib/api/errors";
import { MAX_SEGMENTS, type SegmentCreateInput } from "./schemas";
import { serializeSegment } from "./view";

export const nameTaken = (name: string) => new ApiError("conflict", `A segment named "${name}" already exists`);

export async function createSegment({ workspaceId, input }: { workspaceId: string; input: SegmentCreateInput }) {
  if ((await db.segment.count({ where: { workspaceId } })) >= MAX_SEGMENTS) {
    throw new ApiError("conflict", `A workspace holds at most ${MAX_SEGMENTS} segments; delete one first`);
  }
  const id = newId("seg");
  // ON CONFLICT DO NOTHING: a name taken (even by a concurrent request) is a 409, never a 500.
  const { count } = await db.segment.createMany({
    data: [{ workspaceId, id, name: input.name, filter: input.filter }],
    skipDuplicates: true,
  });
  if (!count) throw nameTaken(input.name);
  return serializeSegment(await db.segment.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id } } }));
}
