// POST /api/v1/contacts/bulk-unsubscribe: as bulk-subscribe, with an optional reason.
import { bulkRoute } from "@/lib/bulk/bulk-route";
import { bulkStatusSchema } from "@/lib/bulk/schemas";

export const POST = bulkRoute("unsubscribe", bulkStatusSchema);

export * from "@/lib/api/other-methods";
