// One operation of the document from a short spec. What every route gets from lib/api (auth, rate
// limit, JSON body reading, Idempotency-Key, the proxy's URL checks) is added here from the
// operation's shape, so a new endpoint declares only what is particular to it.
import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";
import { KEY_PERMISSIONS, type Permission } from "@/lib/api/principal";
import { ROLES, ROLE_PERMISSIONS } from "@/lib/auth/roles";
import { componentId, queryParameters, schemaRef, type JsonSchema } from "./json-schema";
import { codesByStatus, errorResponseName, headerRefs, RATE_LIMIT_HEADERS, type HeaderName } from "./components";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** A list response: `{ object: "list", data: [...] }` of a registered schema, as component `<Id>List`. */
export interface ListOf {
  listOf: z.ZodType;
}
export type Body = z.ZodType | ListOf | JsonSchema;

export interface SuccessSpec {
  description: string;
  /** A registered zod schema, `{ listOf: schema }`, or a JSON Schema. */
  json?: Body;
  /** A CSV download: the columns it starts with. */
  csv?: string;
}

export interface OperationSpec {
  method: Method;
  /** Under the server URL, with `{param}` placeholders. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  /** The permission the route's apiRoute checks, or "public" for routes outside apiRoute. */
  permission: Permission | "public";
  pathParams?: Record<string, { prefix: string; description: string }>;
  /** The zod schema the route parses its query with. */
  query?: z.ZodType;
  /** A JSON body parsed with this registered schema, or a multipart form. */
  body?: { json: z.ZodType } | { multipart: JsonSchema; encoding?: Record<string, { contentType: string }> };
  responses: Record<number, SuccessSpec>;
  /** Errors particular to this operation; the ones every route of this shape can answer are added. */
  errors?: ErrorCode[];
}

const keyScopesWith = (p: Permission) =>
  Object.entries(KEY_PERMISSIONS)
    .filter(([, set]) => set.has(p))
    .map(([scope]) => scope);
const rolesWith = (p: Permission) => ROLES.filter((role) => ROLE_PERMISSIONS[role].has(p));
/** True when an API key of any scope can hold the permission (else only a dashboard session can). */
export const keysCan = (p: Permission) => keyScopesWith(p).length > 0;

function whoMayCall(p: Permission) {
  const scopes = keyScopesWith(p).map((s) => `\`${s}\``);
  const roles = rolesWith(p);
  const sessions = `dashboard sessions of an ${roles.length > 1 ? `${roles.slice(0, -1).join(", ")} or ${roles.at(-1)}` : roles[0]}`;
  return scopes.length
    ? `Allowed for API keys with scope ${scopes.join(" or ")} and for ${sessions}.`
    : `Allowed only for ${sessions}: API keys cannot call this.`;
}

/**
 * The error statuses a route of this shape can answer, from what lib/api does: 400 on anything it
 * parses; 401/429 after authentication; 403 when some key scope or role lacks the permission or a
 * cookie write comes from another site; 404 on ids; 409/422 from Idempotency-Key on writes;
 * 413/415 from reading a body; 414 from the proxy on any URL; 500 on anything.
 */
function standardStatuses(spec: OperationSpec): number[] {
  const write = spec.method !== "get";
  const statuses = [414, 500];
  if (write || spec.query || spec.body || spec.pathParams) statuses.push(400);
  if (spec.permission !== "public") {
    statuses.push(401, 429);
    const someoneLacks =
      Object.values(KEY_PERMISSIONS).some((s) => !s.has(spec.permission as Permission)) ||
      rolesWith(spec.permission).length < ROLES.length;
    if (write || someoneLacks) statuses.push(403);
    if (write) statuses.push(409, 422);
  }
  if (spec.pathParams) statuses.push(404);
  if (spec.body) statuses.push(413, 415);
  return statuses;
}

export interface BuiltOperation {
  operation: JsonSchema;
  /** Error statuses it references (components.responses to emit). */
  errorStatuses: number[];
  /** `<Id>List` components it references, by item component id. */
  lists: string[];
}

export function buildOperation(spec: OperationSpec): BuiltOperation {
  const write = spec.method !== "get";
  const authenticated = spec.permission !== "public";
  const lists: string[] = [];
  const content = (body: Body) => {
    if ("listOf" in body && !("_zod" in body)) {
      const id = componentId((body as ListOf).listOf);
      lists.push(id);
      return schemaRef(`${id}List`);
    }
    return "_zod" in body ? schemaRef(componentId(body as z.ZodType)) : body;
  };

  const successHeaders: HeaderName[] = [
    "X-Request-Id",
    ...(authenticated ? RATE_LIMIT_HEADERS : []),
    ...(write ? (["Idempotent-Replayed"] as HeaderName[]) : []),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    const headers = [...successHeaders, ...(r.csv ? (["Content-Disposition"] as HeaderName[]) : [])];
    responses[status] = {
      description: r.description,
      ...(headers.length ? { headers: headerRefs(...headers) } : {}),
      ...(r.json ? { content: { "application/json": { schema: content(r.json) } } } : {}),
      ...(r.csv
        ? {
            content: {
              "text/csv": {
                schema: { type: "string", description: `UTF-8 CSV with a header row: ${r.csv}` },
                example: `${r.csv}\r\n`,
              },
            },
          }
        : {}),
    };
  }
  const errorStatuses = [...new Set([...standardStatuses(spec), ...(spec.errors ?? []).map((c) => ERROR_STATUS[c])])]
    .filter((s) => codesByStatus(s).length > 0)
    .sort((a, b) => a - b);
  for (const status of errorStatuses) responses[status] = { $ref: `#/components/responses/${errorResponseName(status)}` };

  const parameters = [
    ...Object.entries(spec.pathParams ?? {}).map(([name, p]) => ({
      name,
      in: "path",
      required: true,
      description: p.description,
      schema: { type: "string", pattern: `^${p.prefix}_[0-9A-Za-z]+$`, examples: [`${p.prefix}_7mKpLvRw9nQx8a2B`] },
    })),
    ...(spec.query ? queryParameters(spec.query) : []),
    ...(write && authenticated ? [{ $ref: "#/components/parameters/IdempotencyKey" }] : []),
  ];
  const body = spec.body;
  const requestBody = !body
    ? undefined
    : "json" in body
      ? { required: true, content: { "application/json": { schema: schemaRef(componentId(body.json)) } } }
      : {
          required: true,
          content: { "multipart/form-data": { schema: body.multipart, ...(body.encoding ? { encoding: body.encoding } : {}) } },
        };

  const operation = {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    description: authenticated ? `${spec.description}\n\n${whoMayCall(spec.permission as Permission)}` : spec.description,
    ...(spec.permission === "public" ? { security: [] } : keysCan(spec.permission) ? {} : { security: [{ sessionCookie: [] }] }),
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
  return { operation, errorStatuses, lists };
}
