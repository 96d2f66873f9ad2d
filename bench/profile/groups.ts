// The per-request costs the report names one by one: each counts every sample with one of its
// frames anywhere on the (synchronous) stack, callees included.
import type { Group } from "./analyze";
import { COMPRESSION } from "./symbolize";

const file = (...sources: string[]) => (f: { source: string }) => sources.some((s) => (s.endsWith("/") ? f.source.startsWith(s) : f.source === s));
const fn = (re: RegExp) => (f: { key: string }) => re.test(f.key);

export const GROUPS: Group[] = [
  { name: "all of our code (app/, lib/, proxy.ts)", test: (f) => f.category.startsWith("ours:") },
  { name: "proxy.ts + Next's proxy/middleware machinery", test: (f) => f.source === "proxy.ts" || f.category.startsWith("next: proxy/middleware") },
  { name: "  of which proxy.ts + lib/http/security-headers.ts", test: file("proxy.ts", "lib/http/security-headers.ts") },
  { name: "gzip of responses (next.config `compress`, default on)", test: (f) => f.category === COMPRESSION },
  { name: "lib/api/handler.ts (apiRoute: the whole wrapper)", test: file("lib/api/handler.ts") },
  { name: "  respond(): new Response + headers", test: fn(/^respond \(lib\/api\/handler\.ts/) },
  { name: "  authenticate (lib/api/principal.ts, lib/api-keys/)", test: file("lib/api/principal.ts", "lib/api-keys/") },
  { name: "  runAs (lib/activity/context.ts, AsyncLocalStorage.run)", test: file("lib/activity/context.ts") },
  { name: "  newId (lib/ids.ts)", test: file("lib/ids.ts") },
  { name: "  rate limit (lib/api/rate-limit.ts)", test: file("lib/api/rate-limit.ts") },
  { name: "  clientAddress (lib/http/forwarded.ts)", test: file("lib/http/forwarded.ts") },
  { name: "parseQuery(listQuerySchema) (lib/api/body.ts + zod)", test: (f) => f.category === "zod" || /^(parseQuery|schema) \(lib\/api\/body\.ts/.test(f.key) },
  { name: "listContacts (lib/contacts/list-contacts.ts, callees included)", test: file("lib/contacts/list-contacts.ts") },
  { name: "  serializeContact (lib/contacts/serialize.ts)", test: file("lib/contacts/serialize.ts") },
  { name: "  quickTotal (lib/contacts/count-contacts.ts)", test: file("lib/contacts/count-contacts.ts") },
  { name: "  encodeCursor (lib/contacts/cursor.ts)", test: file("lib/contacts/cursor.ts") },
  { name: "Prisma ($queryRaw → client runtime → adapter-pg)", test: (f) => f.category.startsWith("@prisma") },
  { name: "pg (node-postgres; socket writes included)", test: (f) => f.category.startsWith("pg ") },
  { name: "Next's Date/crypto wrappers (under Prisma's and our `new Date`, randomBytes)", test: (f) => f.category.startsWith("next: Date/crypto") },
  { name: "web streams: the Response body piped into node's response (gzip and socket writes below it included)", test: (f) => f.category === "node: streams (node + web)" },
];
