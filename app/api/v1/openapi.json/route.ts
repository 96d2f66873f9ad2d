// GET /api/v1/openapi.json: public, generated from the zod schemas once per process.
import { newId } from "@/lib/ids";
import { baseHeaders } from "@/lib/api/fallback";
import { openApiDocument } from "@/lib/openapi/document";

let document: ReturnType<typeof openApiDocument> | undefined;

export function GET(req: Request) {
  document ??= openApiDocument();
  return Response.json(document, { headers: { ...baseHeaders(req, newId("req")), "Cache-Control": "public, max-age=300" } });
}

export * from "@/lib/api/other-methods";
