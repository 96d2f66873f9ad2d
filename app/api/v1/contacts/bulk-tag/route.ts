// POST /api/v1/contacts/bulk-tag: {add, remove} tags on a selection.
import { bulkRoute } from "@/lib/bulk/bulk-route";
import { bulkTagSchema } from "@/lib/bulk/schemas";

export const POST = bulkRoute("tag", bulkTagSchema);

export * from "@/lib/api/other-methods";
