// /api/v1/webhooks: list the workspace's webhook endpoints and add one (owners, admins, full keys).
import { apiRoute } from "@/lib/api/handler";
import { createWebhook, listWebhooks, secretShownOnce } from "@/lib/webhooks/endpoints";
import { webhookCreateSchema } from "@/lib/webhooks/schemas";

export const GET = apiRoute({ permission: "manage_webhooks" }, async ({ principal }) => ({
  data: await listWebhooks({ workspaceId: principal.workspaceId }),
}));

export const POST = apiRoute({ permission: "manage_webhooks", body: {} }, async ({ principal, body }) => ({
  status: 201,
  data: await createWebhook({ workspaceId: principal.workspaceId, input: webhookCreateSchema.parse(body) }),
  replay: secretShownOnce(),
}));

export * from "@/lib/api/other-methods";
