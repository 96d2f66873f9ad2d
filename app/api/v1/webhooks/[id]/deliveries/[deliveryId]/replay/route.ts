// /api/v1/webhooks/:id/deliveries/:deliveryId/replay: send a delivery again (same id, fresh retries).
import { apiRoute } from "@/lib/api/handler";
import { replayDelivery } from "@/lib/webhooks/deliveries";
import { kickWebhookDrain } from "@/lib/webhooks/kick";

type Params = { id: string; deliveryId: string };

export const POST = apiRoute<Params>({ permission: "manage_webhooks" }, async ({ principal, params }) => {
  const delivery = await replayDelivery({ workspaceId: principal.workspaceId, id: params.id, deliveryId: params.deliveryId });
  void kickWebhookDrain();
  return { status: 202, data: delivery };
});

export * from "@/lib/api/other-methods";
