// /api/v1/contacts: list, create, upsert by email (else phone).
import { apiRoute } from "@/lib/api/handler";
import { listContacts } from "@/lib/contacts/list-contacts";
import { createContact } from "@/lib/contacts/create-contact";
import { upsertContact } from "@/lib/contacts/upsert-contacts";
import { contactCreateSchema, listQuerySchema } from "@/lib/contacts/schemas";

export const GET = apiRoute({ permission: "read" }, async ({ principal, query }) => ({
  data: await listContacts({ workspaceId: principal.workspaceId, query: listQuerySchema.parse(query) }),
}));

export const POST = apiRoute({ permission: "write", body: {} }, async ({ principal, body }) => ({
  status: 201,
  data: await createContact({
    workspaceId: principal.workspaceId,
    input: contactCreateSchema.parse(body),
    source: principal.source,
  }),
}));

export const PUT = apiRoute({ permission: "write", body: {} }, async ({ principal, body }) => {
  const { created, contact } = await upsertContact({ workspaceId: principal.workspaceId, input: body, source: principal.source });
  return { status: created ? 201 : 200, data: contact };
});
