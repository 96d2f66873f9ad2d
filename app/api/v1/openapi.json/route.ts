// GET /api/v1/openapi.json: public, generated from the zod schemas once per process.
import { newId } from "@/lib/ids";
import { openApiDocument } from "@/lib/openapi/document";

let document: ReturnType<typeof openApiDocument> | undefined;

export function GET() {
  document ??= openApiDocument();
  return Response.json(document, { headers: { "X-Request-Id": newId("req"), "Cache-Control": "public, max-age=300" } });
}
