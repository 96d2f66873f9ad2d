// GET /api/v1/contacts/count: the exact number of contacts a list filter (and segment) matches.
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { withSegment } from "@/lib/segments/resolve-segment";
import { countContacts } from "@/lib/contacts/count-contacts";
import { countQuerySchema } from "@/lib/contacts/schemas";

export const GET = apiRoute({ permission: "read" }, async ({ principal, query, req }) => {
  const filter = await withSegment(principal.workspaceId, parseQuery(countQuerySchema, query));
  // A client that gives up (the dashboard moved on to another view) stops the count in the database too.
  return { data: { object: "count" as const, total: await countContacts(principal.workspaceId, filter, req.signal) } };
});

export * from "@/lib/api/other-methods";
