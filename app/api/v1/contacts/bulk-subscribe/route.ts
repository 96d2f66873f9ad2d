// POST /api/v1/contacts/bulk-subscribe: {ids} or {filter, exclude_ids} → 202 job (dry_run: count + sample).
import { bulkRoute } from "@/lib/bulk/bulk-route";
import { bulkStatusSchema } from "@/lib/bulk/schemas";

export const POST = bulkRoute("subscribe", bulkStatusSchema);

export * from "@/lib/api/other-methods";
