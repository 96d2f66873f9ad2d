// Every /api/v1 route and the methods it answers: the Allow header of a 405 and of OPTIONS
// (lib/api/fallback.ts) comes from here; routes.test.ts proves it matches the route files exactly.
export const API_ROUTES: Record<string, readonly string[]> = {
  "/api/v1/api-keys": ["GET", "POST"],
  "/api/v1/api-keys/[id]": ["DELETE"],
  "/api/v1/contacts": ["GET", "POST", "PUT"],
  "/api/v1/contacts/[id]": ["GET", "PATCH", "PUT", "DELETE"],
  "/api/v1/contacts/[id]/activity": ["GET"],
  "/api/v1/contacts/[id]/consent": ["GET"],
  "/api/v1/contacts/[id]/erase": ["POST"],
  "/api/v1/contacts/batch": ["POST"],
  "/api/v1/contacts/bulk-delete": ["POST"],
  "/api/v1/contacts/count": ["GET"],
  "/api/v1/contacts/bulk-subscribe": ["POST"],
  "/api/v1/contacts/bulk-tag": ["POST"],
  "/api/v1/contacts/bulk-unsubscribe": ["POST"],
  "/api/v1/contacts/bulk/[jobId]": ["GET"],
  "/api/v1/contacts/export": ["GET"],
  "/api/v1/contacts/import": ["GET", "POST"],
  "/api/v1/contacts/import/[id]": ["GET"],
  "/api/v1/contacts/import/[id]/cancel": ["POST"],
  "/api/v1/contacts/import/mapping": ["POST"],
  "/api/v1/contacts/import/[id]/errors": ["GET"],
  "/api/v1/contacts/metadata-keys": ["GET"],
  "/api/v1/openapi.json": ["GET"],
  "/api/v1/segments": ["GET", "POST"],
  "/api/v1/segments/[id]": ["GET", "PATCH", "DELETE"],
  "/api/v1/webhooks": ["GET", "POST"],
  "/api/v1/webhooks/[id]": ["GET", "PATCH", "DELETE"],
  "/api/v1/webhooks/[id]/deliveries": ["GET"],
  "/api/v1/webhooks/[id]/deliveries/[deliveryId]/replay": ["POST"],
  "/api/v1/webhooks/[id]/test": ["POST"],
  "/api/v1/workspace": ["GET", "PATCH"],
};

const compiled = Object.entries(API_ROUTES).map(([pattern, methods]) => ({
  pattern,
  methods,
  segments: pattern.split("/").slice(1),
}));

/** The route a path belongs to, with its raw (still percent-encoded) parameters, or null. */
export function matchRoute(pathname: string): { pattern: string; methods: readonly string[]; params: Record<string, string> } | null {
  const parts = pathname.replace(/(.)\/+$/, "$1").split("/").slice(1);
  // A static segment beats a dynamic one at the same position, from the left (`/contacts/batch` is
  // not `/contacts/[id]`; `/contacts/import/x` is `/contacts/import/[id]`, not `/contacts/[id]/x`), as in Next.
  let best: { route: (typeof compiled)[number]; rank: string } | null = null;
  for (const route of compiled) {
    if (route.segments.length !== parts.length) continue;
    const matches = route.segments.every((segment, i) => (segment.startsWith("[") ? parts[i] !== "" : segment === parts[i]));
    const rank = route.segments.map((segment) => (segment.startsWith("[") ? "1" : "0")).join("");
    if (matches && (!best || rank < best.rank)) best = { route, rank };
  }
  if (!best) return null;
  const params: Record<string, string> = Object.create(null);
  best.route.segments.forEach((segment, i) => {
    if (segment.startsWith("[")) params[segment.slice(1, -1)] = parts[i];
  });
  return { pattern: best.route.pattern, methods: best.route.methods, params };
}

/** The methods a path answers (HEAD and OPTIONS come with GET and any method), or null for no route. */
export function allowedMethods(pathname: string): readonly string[] | null {
  const methods = matchRoute(pathname)?.methods;
  return methods ? [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"] : null;
}
