import { findSegment } from "./find-segment";
import { serializeSegment } from "./view";

export async function getSegment({ workspaceId, id }: { workspaceId: string; id: string }) {
  return serializeSegment(await findSegment({ workspaceId, id }));
}
