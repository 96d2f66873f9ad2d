// /api/v1/webhooks/:id/test: queue a `webhook.test` message to the endpoint and have it sent now.
import { apiRoute } from "@/lib/api/handler";
import { sendTestEvent } from "@/lib/webhooks/deliveries";
import { kickWebhookDrain } from "@/lib/webhooks/kick";

export const POST = apiRoute<{ id: string }>({ permission: "manage_webhooks" }, async ({ principal, params }) => {
  const delivery = await sendTestEvent({ workspaceId: principal.workspaceId, id: params.id });
  void kickWebhookDrain();
  return { status: 202, data: delivery };
});

export * from "@/lib/api/other-methods";
