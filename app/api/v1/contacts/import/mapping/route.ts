// POST /api/v1/contacts/import/mapping: what an import would make of a header row — the source
// recognised, and the mapping it would use (the one saved for this layout, else the proposal).
// For those who may import (write), though it stores nothing.
import { apiRoute } from "@/lib/api/handler";
import { importMappingRequestSchema } from "@/lib/imports/schemas";
import { proposeImportMapping } from "@/lib/imports/saved-mappings";

export const POST = apiRoute({ permission: "write", body: {} }, async ({ principal, body }) => ({
  data: await proposeImportMapping({ workspaceId: principal.workspaceId, headers: importMappingRequestSchema.parse(body).headers }),
}));

export * from "@/lib/api/other-methods";
