import { db } from "@/lib/db/client";
import { serializeSegment } from "./view";

/** Every segment of the workspace by name, each counted in parallel (exactly where that is quick). */
export async function listSegments({ workspaceId }: { workspaceId: string }) {
  const segments = await db.segment.findMany({ where: { workspaceId }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return { object: "list" as const, data: await Promise.all(segments.map((s) => serializeSegment(s, { quick: true }))) };
}
