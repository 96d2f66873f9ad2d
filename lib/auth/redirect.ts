// Where to go after sign-in: only a path on our own origin. Shared by next-auth's redirect
// callback (server) and the login form (browser), so both read a hostile callbackUrl the same way.

/**
 * `raw` resolved the way a browser resolves a link on `origin`; the same-origin path, query and
 * hash it lands on, or `fallback`. `//evil.example`, `/\evil.example`, `https://evil.example`,
 * `javascript:…` and paths that normalise to `//…` all fall back.
 */
export function safeRedirectPath(raw: unknown, origin: string, fallback = "/contacts"): string {
  if (typeof raw !== "string" || !raw) return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // A path starting with // (or /\) would itself be read as another host when navigated to.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
