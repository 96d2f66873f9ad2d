import { db } from "@/lib/db/client";
import { findSegment } from "./find-segment";
import { nameTaken } from "./create-segment";
import type { SegmentUpdateInput } from "./schemas";
import { serializeSegment } from "./view";

/** Renames the segment and/or replaces its filter; its count follows the new filter at once. */
export async function updateSegment({ workspaceId, id, input }: { workspaceId: string; id: string; input: SegmentUpdateInput }) {
  const segment = await db.$transaction(async (tx) => {
    await findSegment({ workspaceId, id }, tx);
    if (input.name !== undefined) {
      const holder = await tx.segment.findUnique({ where: { workspaceId_name: { workspaceId, name: input.name } } });
      if (holder && holder.id !== id) throw nameTaken(input.name);
    }
    return tx.segment.update({
      where: { workspaceId_id: { workspaceId, id } },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.filter ? { filter: input.filter } : {}),
        updatedAt: new Date(),
      },
    });
  });
  return serializeSegment(segment);
}
