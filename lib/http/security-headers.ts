// Security headers. The ones that never change are set for every path by next.config.ts; the
// Content-Security-Policy carries a fresh nonce per request (Next puts it on its own inline
// scripts when the request holds the policy) and HSTS depends on the request, so the proxy sets
// those two.
import { servedOverHttps } from "./forwarded";

export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  // For browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];

/** API responses are JSON, never rendered: nothing may load or frame them (set by next.config.ts). */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Two years, subdomains included: sent only on responses served over https. */
export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Scripts only from our origin or with this request's nonce; inline styles are allowed (React
 * `style` attributes need them); no eval outside development; nobody may frame us.
 */
export function contentSecurityPolicy(nonce: string, { dev = process.env.NODE_ENV === "development", https = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** What the proxy adds: the policy goes on the response and on the request Next renders. */
export function perRequestSecurityHeaders(requestHeaders: Headers) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const https = servedOverHttps(requestHeaders);
  const policy = contentSecurityPolicy(nonce, { https });
  const forwarded = new Headers(requestHeaders);
  forwarded.set("content-security-policy", policy);
  const response: Record<string, string> = { "Content-Security-Policy": policy };
  if (https) response["Strict-Transport-Security"] = HSTS;
  return { nonce, forwarded, response };
}

/**
 * next-auth marks its cookies Secure only when NEXTAUTH_URL is https; behind a trusted proxy
 * that terminates TLS, a request can be https while NEXTAUTH_URL is not: mark them here too.
 */
export function secureCookies(req: Request, res: Response): Response {
  const cookies = res.headers.getSetCookie();
  if (!cookies.length || !servedOverHttps(req.headers)) return res;
  const headers = new Headers(res.headers);
  headers.delete("set-cookie");
  for (const cookie of cookies) headers.append("set-cookie", /;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
