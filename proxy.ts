// Runs before Next routes a request: answers what Next itself would answer badly (a 500 on a
// malformed percent-escape, an HTML 404 or an empty 405 under /api) in the error envelope.
import { NextResponse, type NextRequest } from "next/server";
import { ApiError, errorEnvelope } from "@/lib/api/errors";
import { allowedMethods } from "@/lib/api/routes";
import { newId } from "@/lib/ids";
import { perRequestSecurityHeaders } from "@/lib/http/security-headers";

/** Longest URL the API accepts; Node refuses request heads over 16 KB before we see them. */
export const MAX_URL_BYTES = 8 * 1024;

function isWellEncoded(pathname: string) {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function apiError(error: ApiError, headers: Record<string, string> = {}) {
  const requestId = newId("req");
  return NextResponse.json(errorEnvelope(error, requestId), {
    status: error.status,
    headers: { "X-Request-Id": requestId, ...headers },
  });
}

export function proxy(request: NextRequest) {
  const security = perRequestSecurityHeaders(request.headers);
  const response = answer(request, { request: { headers: security.forwarded } });
  for (const [name, value] of Object.entries(security.response)) response.headers.set(name, value);
  return response;
}

/** `forward` passes the request on with its Content-Security-Policy, whose nonce Next puts on its scripts. */
function answer(request: NextRequest, forward: { request: { headers: Headers } }) {
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/") && !pathname.startsWith("/api/auth/");
  if (!isWellEncoded(pathname)) {
    if (isApi) return apiError(new ApiError("invalid_request", "The URL path has a malformed percent-escape"));
    return NextResponse.rewrite(new URL("/not-found", request.url), { ...forward, status: 404 });
  }
  if (!isApi) return NextResponse.next(forward);
  if (request.url.length > MAX_URL_BYTES) {
    return apiError(new ApiError("uri_too_long", `The URL must be at most ${MAX_URL_BYTES / 1024} KB; send long filters in a body`));
  }
  const methods = allowedMethods(pathname);
  if (!methods) return apiError(new ApiError("not_found", `No API endpoint at ${pathname}`));
  if (!methods.includes(request.method)) {
    return apiError(new ApiError("method_not_allowed", `${request.method} is not allowed here; use ${methods.join(", ")}`), {
      Allow: methods.join(", "),
    });
  }
  return NextResponse.next(forward);
}

// Next buffers the body of every request the proxy sees (up to experimental.proxyClientMaxBodySize,
// 10 MB, truncating beyond). A CSV upload must stream straight to its route, so the proxy skips
// the import endpoint when it carries a multipart body; the proxy never reads bodies anyway.
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|icon.svg|api/v1/contacts/import$).*)",
    { source: "/api/v1/contacts/import", missing: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }] },
  ],
};
