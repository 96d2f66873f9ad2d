// /api/v1/contacts/import: upload a CSV (202 with the queued job), or list past imports.
import { apiRoute } from "@/lib/api/handler";
import { createImport } from "@/lib/imports/create-import";
import { listImports } from "@/lib/imports/imports";

export const POST = apiRoute({ permission: "write", claimsIdempotency: true }, async ({ principal, req, claimIdempotency }) => ({
  status: 202,
  data: await createImport({ workspaceId: principal.workspaceId, req, claimIdempotency }),
}));

export const GET = apiRoute({ permission: "read" }, async ({ principal }) => ({
  data: await listImports({ workspaceId: principal.workspaceId }),
}));

export * from "@/lib/api/other-methods";
