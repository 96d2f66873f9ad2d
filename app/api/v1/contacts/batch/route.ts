// POST /api/v1/contacts/batch: upsert up to 1,000 contacts; each item succeeds or fails alone.
import { apiRoute } from "@/lib/api/handler";
import { upsertContacts } from "@/lib/contacts/upsert-contacts";
import { batchSchema } from "@/lib/contacts/schemas";

export const POST = apiRoute({ permission: "write", body: { maxBytes: 20 * 1024 * 1024 } }, async ({ principal, body }) => {
  const { contacts, allow_erased: allowErased } = batchSchema.parse(body);
  const result = await upsertContacts({ workspaceId: principal.workspaceId, items: contacts, source: principal.source, allowErased });
  const { skipped: _skipped, ...counts } = result; // batch always updates, so nothing is skipped
  return { data: { ...counts, results: result.results.map(({ contact: _contact, ...r }) => r) } };
});

export * from "@/lib/api/other-methods";
