// DELETE /api/v1/api-keys/:id: revoke a key at once.
import { apiRoute } from "@/lib/api/handler";
import { revokeApiKey } from "@/lib/api-keys/api-keys";

export const DELETE = apiRoute<{ id: string }>({ permission: "manage_keys" }, async ({ principal, params }) => {
  await revokeApiKey({ workspaceId: principal.workspaceId, id: params.id });
  return new Response(null, { status: 204 });
});

export * from "@/lib/api/other-methods";
