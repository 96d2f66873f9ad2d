// /api/v1/segments: list the workspace's saved segments (with counts) and save a new one.
import { apiRoute } from "@/lib/api/handler";
import { createSegment } from "@/lib/segments/create-segment";
import { listSegments } from "@/lib/segments/list-segments";
import { segmentCreateSchema } from "@/lib/segments/schemas";

export const GET = apiRoute({ permission: "read" }, async ({ principal }) => ({
  data: await listSegments({ workspaceId: principal.workspaceId }),
}));

export const POST = apiRoute({ permission: "write", body: {} }, async ({ principal, body }) => ({
  status: 201,
  data: await createSegment({ workspaceId: principal.workspaceId, input: segmentCreateSchema.parse(body) }),
}));

export * from "@/lib/api/other-methods";
