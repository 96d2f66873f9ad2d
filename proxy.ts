// Runs before Next routes a request. For pages it sets the per-request security headers (the CSP
// nonce). Under /api it answers what Next itself would answer badly in the error envelope: a
// malformed percent-escape (Next: a 500 or an HTML 400) and paths outside /api/v1. Well-formed
// /api/v1 requests never come here (see `config`): the route layer answers their 404, 405 and 414
// (lib/api/fallback.ts), and skipping the proxy saves each of them ~12 % of the server's CPU.
import { NextResponse, type NextRequest } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { errorResponse } from "@/lib/api/fallback";
import { perRequestSecurityHeaders } from "@/lib/http/security-headers";

function isWellEncoded(pathname: string) {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest) {
  const security = perRequestSecurityHeaders(request.headers);
  const response = answer(request, { request: { headers: security.forwarded } });
  // API responses carry next.config's fixed API policy instead of a page's.
  const api = request.nextUrl.pathname.startsWith("/api/v1/");
  for (const [name, value] of Object.entries(security.response)) if (!(api && name === "Content-Security-Policy")) response.headers.set(name, value);
  return response;
}

/** `forward` passes the request on with its Content-Security-Policy, whose nonce Next puts on its scripts. */
function answer(request: NextRequest, forward: { request: { headers: Headers } }) {
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/") && !pathname.startsWith("/api/auth/");
  if (!isWellEncoded(pathname)) {
    if (isApi) return errorResponse(request, new ApiError("invalid_request", "The URL path has a malformed percent-escape"));
    return NextResponse.rewrite(new URL("/not-found", request.url), { ...forward, status: 404 });
  }
  // Under /api/v1 a route answers (the catch-all for unknown paths); elsewhere under /api, nothing would.
  if (isApi && !pathname.startsWith("/api/v1/")) {
    return errorResponse(request, new ApiError("not_found", `No API endpoint at ${pathname}`));
  }
  return NextResponse.next(forward);
}

// Every path except static files and /api/v1 paths without a "%" (those are well-formed, and the
// route layer answers all of their errors). Next also buffers the body of every request the proxy
// sees (up to 10 MB, truncating beyond): a CSV upload must stream to its route, and does.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|api/v1/[^%]*$).*)"],
};
