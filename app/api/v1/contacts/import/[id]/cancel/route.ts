// POST /api/v1/contacts/import/:id/cancel: stop a queued or running import.
import { apiRoute } from "@/lib/api/handler";
import { cancelImport } from "@/lib/imports/imports";

export const POST = apiRoute<{ id: string }>({ permission: "write" }, async ({ principal, params }) => ({
  data: await cancelImport({ workspaceId: principal.workspaceId, id: params.id }),
}));

export * from "@/lib/api/other-methods";
