// /api/v1/api-keys: list and create the workspace's keys (owners and admins).
import { apiRoute } from "@/lib/api/handler";
import { createApiKey, listApiKeys, secretShownOnce } from "@/lib/api-keys/api-keys";
import { apiKeyCreateSchema } from "@/lib/api-keys/schemas";

export const GET = apiRoute({ permission: "manage_keys" }, async ({ principal }) => ({
  data: { object: "list", data: await listApiKeys({ workspaceId: principal.workspaceId }) },
}));

export const POST = apiRoute({ permission: "manage_keys", body: {} }, async ({ principal, body }) => ({
  status: 201,
  data: await createApiKey({ workspaceId: principal.workspaceId, input: apiKeyCreateSchema.parse(body) }),
  replay: secretShownOnce(),
}));

export * from "@/lib/api/other-methods";
