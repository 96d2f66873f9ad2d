// `segment=seg_…` in a list, export or bulk request: the segment's stored filter joins the
// request's own filter (both must match). Resolved once, when the request arrives.
import type { ContactFilter } from "@/lib/contacts/schemas";
import { findSegment } from "./find-segment";
import { storedFilter } from "./view";

export async function withSegment<T extends { segment?: string }>(
  workspaceId: string,
  request: T,
): Promise<T & { segmentFilter?: ContactFilter }> {
  if (!request.segment) return request;
  return { ...request, segmentFilter: storedFilter(await findSegment({ workspaceId, id: request.segment })) };
}
