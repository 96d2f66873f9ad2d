// GET /api/v1/contacts/export: the list filter as a streamed CSV (bom=true for Excel).
import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { exportContacts } from "@/lib/contacts/export-contacts";
import { contactFilterSchema } from "@/lib/contacts/schemas";

const exportQuerySchema = contactFilterSchema.extend({ bom: z.enum(["true", "false"]).optional() });

export const GET = apiRoute({ permission: "read" }, async ({ principal, query }) => {
  const { bom, ...filter } = exportQuerySchema.parse(query);
  const body = await exportContacts({ workspaceId: principal.workspaceId, filter, bom: bom === "true" });
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="contacts-${new Date().toISOString().slice(0, 10)}.csv"` },
  });
});
