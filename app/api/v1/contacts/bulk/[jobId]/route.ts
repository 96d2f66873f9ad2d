// GET /api/v1/contacts/bulk/:jobId: status, counts and progress of a bulk job.
import { apiRoute } from "@/lib/api/handler";
import { getBulkJob } from "@/lib/bulk/create-bulk-job";

export const GET = apiRoute<{ jobId: string }>({ permission: "read" }, async ({ principal, params }) => ({
  data: await getBulkJob({ workspaceId: principal.workspaceId, id: params.jobId }),
}));

export * from "@/lib/api/other-methods";
