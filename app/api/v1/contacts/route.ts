// /api/v1/contacts: list, create, upsert by email (else phone).
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { withSegment } from "@/lib/segments/resolve-segment";
import { listContacts } from "@/lib/contacts/list-contacts";
import { createContact } from "@/lib/contacts/create-contact";
import { upsertContact } from "@/lib/contacts/upsert-contacts";
import { listQuerySchema } from "@/lib/contacts/schemas";
import { parseContactCreate } from "@/lib/contacts/parse-input";

export const GET = apiRoute({ permission: "read" }, async ({ principal, query, req }) => ({
  data: await listContacts({
    workspaceId: principal.workspaceId,
    query: await withSegment(principal.workspaceId, parseQuery(listQuerySchema, query)),
    signal: req.signal,
  }),
}));

export const POST = apiRoute({ permission: "write", body: {} }, async ({ principal, body }) => ({
  status: 201,
  data: await createContact({
    workspaceId: principal.workspaceId,
    input: await parseContactCreate(principal.workspaceId, body),
    source: principal.source,
  }),
}));

export const PUT = apiRoute({ permission: "write", body: {} }, async ({ principal, body }) => {
  const { created, contact } = await upsertContact({ workspaceId: principal.workspaceId, input: body, source: principal.source });
  return { status: created ? 201 : 200, data: contact };
});

export * from "@/lib/api/other-methods";
