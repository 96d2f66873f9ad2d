// What a request says about where it came from. `X-Forwarded-*` headers are set by whoever is
// in front of us: a client talking to `next start` directly can send any of them (Next keeps a
// client's value), so they are believed only when TRUST_PROXY=1 says a proxy overwrites them.

export const trustProxy = () => process.env.TRUST_PROXY === "1";

/** The first value of a comma-separated header (the one the nearest proxy wrote, for proto/host). */
const first = (value: string | null) => value?.split(",")[0]?.trim() || null;

/** The configured public origin (NEXTAUTH_URL), if any. */
function configuredOrigin(): URL | null {
  try {
    return process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL) : null;
  } catch {
    return null;
  }
}

/**
 * The origin (scheme://host[:port]) the browser used to reach us, or null when unknown. Behind a
 * trusted proxy it comes from X-Forwarded-Proto/Host; else the Host header, with the scheme of
 * NEXTAUTH_URL when that names the same host (TLS ends in front of us), else http.
 */
export function requestOrigin(headers: Headers): string | null {
  if (trustProxy()) {
    const host = first(headers.get("x-forwarded-host")) ?? headers.get("host");
    const proto = first(headers.get("x-forwarded-proto")) ?? "http";
    return host && /^https?$/.test(proto) ? `${proto}://${host}`.toLowerCase() : null;
  }
  const host = headers.get("host")?.toLowerCase();
  if (!host) return null;
  const configured = configuredOrigin();
  if (configured && configured.host === host) return configured.origin;
  return `http://${host}`;
}

/** Is this request served over https (HSTS, Secure cookies)? */
export function servedOverHttps(headers: Headers): boolean {
  if (configuredOrigin()?.protocol === "https:") return true;
  return trustProxy() && first(headers.get("x-forwarded-proto")) === "https";
}

/**
 * The client's address for per-address throttling: the last X-Forwarded-For entry, which is the
 * one our proxy appended (TRUST_PROXY=1) or the socket address Next itself sets. Without a proxy a
 * client that sends its own X-Forwarded-For chooses this value, so it only narrows throttling
 * (per-email throttling does not depend on it).
 */
export function clientAddress(headers: Headers): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return entries.at(-1)?.slice(0, 100) ?? null;
}
