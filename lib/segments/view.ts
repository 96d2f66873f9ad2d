import type { Segment } from "@/lib/generated/prisma/client";
import type { ContactFilter } from "@/lib/contacts/schemas";
import { countContacts } from "@/lib/contacts/list-contacts";
import type { SegmentView } from "./schemas";

/** The stored filter is the filter schema's own output, written only by create and update. */
export const storedFilter = (segment: Pick<Segment, "filter">) => segment.filter as ContactFilter;

/** A segment as the API shows it, with the exact count of its filter right now. */
export async function serializeSegment(segment: Segment): Promise<SegmentView> {
  return {
    id: segment.id,
    object: "segment",
    name: segment.name,
    filter: storedFilter(segment),
    count: await countContacts(segment.workspaceId, storedFilter(segment)),
    created_at: segment.createdAt.toISOString(),
    updated_at: segment.updatedAt.toISOString(),
  };
}
