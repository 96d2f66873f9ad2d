// What Next itself would answer badly under /api/v1 (an HTML 404, an empty 405), answered in the
// error envelope instead. These run in the route layer, not in proxy.ts: the proxy sees an API
// request only when its path holds a percent-escape, because running it costs every request
// ~12 % of the server's CPU (bench/profile).
import { newId } from "@/lib/ids";
import { servedOverHttps } from "@/lib/http/forwarded";
import { HSTS } from "@/lib/http/security-headers";
import { ApiError, errorEnvelope } from "./errors";
import { allowedMethods } from "./routes";

/** Longest URL the API accepts; Node refuses request heads over 16 KB before we see them. */
export const MAX_URL_BYTES = 8 * 1024;

/** Headers of every API response: its request id, and HSTS when it was served over https. */
export function baseHeaders(req: Request, requestId: string): Record<string, string> {
  return servedOverHttps(req.headers) ? { "X-Request-Id": requestId, "Strict-Transport-Security": HSTS } : { "X-Request-Id": requestId };
}

/** An error in the envelope, outside the route wrapper (here and in proxy.ts). */
export function errorResponse(req: Request, error: ApiError, headers: Record<string, string> = {}) {
  const requestId = newId("req");
  return Response.json(errorEnvelope(error, requestId), { status: error.status, headers: { ...baseHeaders(req, requestId), ...headers } });
}

const allowOf = (req: Request) => allowedMethods(new URL(req.url).pathname) ?? [];

/** The catch-all route: no API endpoint at this path. */
export function noSuchEndpoint(req: Request) {
  return errorResponse(req, new ApiError("not_found", `No API endpoint at ${new URL(req.url).pathname}`));
}

/** A method the route file does not define (see other-methods.ts). */
export function methodNotAllowed(req: Request) {
  const allow = allowOf(req);
  return errorResponse(req, new ApiError("method_not_allowed", `${req.method} is not allowed here; use ${allow.join(", ")}`), { Allow: allow.join(", ") });
}

/** OPTIONS: which methods this path answers. */
export function allowedOptions(req: Request) {
  return new Response(null, { status: 204, headers: { Allow: allowOf(req).join(", ") } });
}
