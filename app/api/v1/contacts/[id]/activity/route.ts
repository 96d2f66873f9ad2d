// /api/v1/contacts/:id/activity: the contact's timeline, newest first, cursor-paginated.
import { apiRoute } from "@/lib/api/handler";
import { listActivity } from "@/lib/activity/events";
import { activityQuerySchema } from "@/lib/activity/schemas";

export const GET = apiRoute<{ id: string }>({ permission: "read" }, async ({ principal, params, query }) => ({
  data: await listActivity({ workspaceId: principal.workspaceId, id: params.id, ...activityQuerySchema.parse(query) }),
}));

export * from "@/lib/api/other-methods";
