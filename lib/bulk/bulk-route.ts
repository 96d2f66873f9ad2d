// The four bulk endpoints differ only in their action and body schema.
import type { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { withSegment } from "@/lib/segments/resolve-segment";
import { createBulkJob, previewBulk } from "./create-bulk-job";
import type { BulkActionName, BulkRequest } from "./schemas";

export function bulkRoute(action: BulkActionName, schema: z.ZodType<unknown>) {
  return apiRoute({ permission: "write", body: {} }, async ({ principal, body }) => {
    const request = await withSegment(principal.workspaceId, schema.parse(body) as BulkRequest);
    if (request.dry_run) return { data: await previewBulk({ workspaceId: principal.workspaceId, request }) };
    return { status: 202, data: await createBulkJob({ workspaceId: principal.workspaceId, action, request }) };
  });
}
