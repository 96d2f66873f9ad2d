// GET /api/v1/contacts/import/:id: status, progress and counts.
import { apiRoute } from "@/lib/api/handler";
import { getImport } from "@/lib/imports/imports";

export const GET = apiRoute<{ id: string }>({ permission: "read" }, async ({ principal, params }) => ({
  data: await getImport({ workspaceId: principal.workspaceId, id: params.id }),
}));

export * from "@/lib/api/other-methods";
