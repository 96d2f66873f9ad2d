// POST /api/v1/contacts/bulk-delete: permanent, like DELETE /contacts/:id.
import { bulkRoute } from "@/lib/bulk/bulk-route";
import { bulkDeleteSchema } from "@/lib/bulk/schemas";

export const POST = bulkRoute("delete", bulkDeleteSchema);

export * from "@/lib/api/other-methods";
