// /api/v1/segments/:id: get (with its count), rename or refilter, delete.
import { apiRoute } from "@/lib/api/handler";
import { getSegment } from "@/lib/segments/get-segment";
import { updateSegment } from "@/lib/segments/update-segment";
import { deleteSegment } from "@/lib/segments/delete-segment";
import { segmentUpdateSchema } from "@/lib/segments/schemas";

type Params = { id: string };

export const GET = apiRoute<Params>({ permission: "read" }, async ({ principal, params }) => ({
  data: await getSegment({ workspaceId: principal.workspaceId, id: params.id }),
}));

export const PATCH = apiRoute<Params>({ permission: "write", body: {} }, async ({ principal, params, body }) => ({
  data: await updateSegment({ workspaceId: principal.workspaceId, id: params.id, input: segmentUpdateSchema.parse(body) }),
}));

export const DELETE = apiRoute<Params>({ permission: "write" }, async ({ principal, params }) => {
  await deleteSegment({ workspaceId: principal.workspaceId, id: params.id });
  return new Response(null, { status: 204 });
});

export * from "@/lib/api/other-methods";
