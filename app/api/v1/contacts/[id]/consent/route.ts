// /api/v1/contacts/:id/consent: current consent with its provenance, and its history.
import { apiRoute } from "@/lib/api/handler";
import { getConsent } from "@/lib/activity/consent";

export const GET = apiRoute<{ id: string }>({ permission: "read" }, async ({ principal, params }) => ({
  data: await getConsent({ workspaceId: principal.workspaceId, id: params.id }),
}));

export * from "@/lib/api/other-methods";
