// /api/v1/workspace: the caller's workspace and its settings (owners and admins change them).
import { apiRoute } from "@/lib/api/handler";
import { workspaceUpdateSchema } from "@/lib/workspaces/schemas";
import { getWorkspace, updateWorkspace } from "@/lib/workspaces/settings";

export const GET = apiRoute({ permission: "read" }, async ({ principal }) => ({
  data: await getWorkspace({ workspaceId: principal.workspaceId }),
}));

export const PATCH = apiRoute({ permission: "manage_keys", body: {} }, async ({ principal, body }) => ({
  data: await updateWorkspace({ workspaceId: principal.workspaceId, input: workspaceUpdateSchema.parse(body) }),
}));

export * from "@/lib/api/other-methods";
