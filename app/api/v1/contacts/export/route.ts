// GET /api/v1/contacts/export: the list filter (or a segment) as a streamed CSV (bom=true for Excel).
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { withSegment } from "@/lib/segments/resolve-segment";
import { exportContacts } from "@/lib/contacts/export-contacts";
import { exportQuerySchema } from "@/lib/contacts/schemas";

export const GET = apiRoute({ permission: "read" }, async ({ principal, query }) => {
  const { bom, ...filter } = await withSegment(principal.workspaceId, parseQuery(exportQuerySchema, query));
  const body = await exportContacts({ workspaceId: principal.workspaceId, filter, bom: bom === "true" });
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="contacts-${new Date().toISOString().slice(0, 10)}.csv"` },
  });
});

export * from "@/lib/api/other-methods";
