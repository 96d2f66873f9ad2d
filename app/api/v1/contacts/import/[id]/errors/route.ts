// GET /api/v1/contacts/import/:id/errors: rejected rows as CSV (line, row, reason).
import { apiRoute } from "@/lib/api/handler";
import { importErrorsCsv } from "@/lib/imports/imports";

export const GET = apiRoute<{ id: string }>({ permission: "read" }, async ({ principal, params }) => {
  const body = await importErrorsCsv({ workspaceId: principal.workspaceId, id: params.id });
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${params.id}-errors.csv"` },
  });
});

export * from "@/lib/api/other-methods";
