import type { Segment } from "@/lib/generated/prisma/client";
import type { ContactFilter } from "@/lib/contacts/schemas";
import { countContacts, quickTotal } from "@/lib/contacts/count-contacts";
import type { SegmentView } from "./schemas";

/** The stored filter is the filter schema's own output, written only by create and update. */
export const storedFilter = (segment: Pick<Segment, "filter">) => segment.filter as ContactFilter;

/**
 * A segment as the API shows it, with the exact count of its filter right now; in a list
 * (`quick`), a count that would hold up the page becomes `count_estimate`.
 */
export async function serializeSegment(segment: Segment, { quick = false } = {}): Promise<SegmentView> {
  const filter = storedFilter(segment);
  let counted: Pick<SegmentView, "count" | "count_estimate">;
  if (quick) {
    const total = await quickTotal(segment.workspaceId, filter);
    counted = "total" in total ? { count: total.total } : { count_estimate: total.total_estimate };
  } else counted = { count: await countContacts(segment.workspaceId, filter) };
  return {
    id: segment.id,
    object: "segment",
    name: segment.name,
    filter,
    ...counted,
    created_at: segment.createdAt.toISOString(),
    updated_at: segment.updatedAt.toISOString(),
  };
}
