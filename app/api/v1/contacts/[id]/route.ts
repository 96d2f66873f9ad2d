// /api/v1/contacts/:id: read, partial update (PATCH and PUT), delete.
import { apiRoute } from "@/lib/api/handler";
import { getContact } from "@/lib/contacts/get-contact";
import { updateContact } from "@/lib/contacts/update-contact";
import { deleteContact } from "@/lib/contacts/delete-contact";
import { parseContactUpdate } from "@/lib/contacts/parse-input";

type Params = { id: string };

export const GET = apiRoute<Params>({ permission: "read" }, async ({ principal, params }) => ({
  data: await getContact({ workspaceId: principal.workspaceId, id: params.id }),
}));

export const PATCH = apiRoute<Params>({ permission: "write", body: {} }, async ({ principal, params, body }) => ({
  data: await updateContact({ workspaceId: principal.workspaceId, id: params.id, input: await parseContactUpdate(principal.workspaceId, body) }),
}));

export const PUT = PATCH;

export const DELETE = apiRoute<Params>({ permission: "write" }, async ({ principal, params }) => {
  await deleteContact({ workspaceId: principal.workspaceId, id: params.id });
  return new Response(null, { status: 204 });
});

export * from "@/lib/api/other-methods";
