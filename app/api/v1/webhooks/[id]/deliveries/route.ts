// /api/v1/webhooks/:id/deliveries: the endpoint's delivery log, newest first, by status.
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { deliveryQuerySchema } from "@/lib/webhooks/schemas";

export const GET = apiRoute<{ id: string }>({ permission: "manage_webhooks" }, async ({ principal, params, query }) => ({
  data: await listDeliveries({ workspaceId: principal.workspaceId, id: params.id, query: parseQuery(deliveryQuerySchema, query) }),
}));

export * from "@/lib/api/other-methods";
