// /api/v1/webhooks/:id: get, change (url, events, description, enabled) or delete an endpoint.
import { apiRoute } from "@/lib/api/handler";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/webhooks/endpoints";
import { webhookUpdateSchema } from "@/lib/webhooks/schemas";

type Params = { id: string };

export const GET = apiRoute<Params>({ permission: "manage_webhooks" }, async ({ principal, params }) => ({
  data: await getWebhook({ workspaceId: principal.workspaceId, id: params.id }),
}));

export const PATCH = apiRoute<Params>({ permission: "manage_webhooks", body: {} }, async ({ principal, params, body }) => ({
  data: await updateWebhook({ workspaceId: principal.workspaceId, id: params.id, input: webhookUpdateSchema.parse(body) }),
}));

export const DELETE = apiRoute<Params>({ permission: "manage_webhooks" }, async ({ principal, params }) => {
  await deleteWebhook({ workspaceId: principal.workspaceId, id: params.id });
  return new Response(null, { status: 204 });
});

export * from "@/lib/api/other-methods";
