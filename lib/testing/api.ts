// Calls the real route handlers in-process with real Request objects, as Next would.
import * as contacts from "@/app/api/v1/contacts/route";
import * as contact from "@/app/api/v1/contacts/[id]/route";
import * as batch from "@/app/api/v1/contacts/batch/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as apiKey from "@/app/api/v1/api-keys/[id]/route";
import * as imports from "@/app/api/v1/contacts/import/route";
import * as importOne from "@/app/api/v1/contacts/import/[id]/route";
import * as importErrors from "@/app/api/v1/contacts/import/[id]/errors/route";
import * as importCancel from "@/app/api/v1/contacts/import/[id]/cancel/route";
import * as bulkSubscribe from "@/app/api/v1/contacts/bulk-subscribe/route";
import * as bulkUnsubscribe from "@/app/api/v1/contacts/bulk-unsubscribe/route";
import * as bulkDelete from "@/app/api/v1/contacts/bulk-delete/route";
import * as bulkTag from "@/app/api/v1/contacts/bulk-tag/route";
import * as bulkJob from "@/app/api/v1/contacts/bulk/[jobId]/route";
import * as exportCsv from "@/app/api/v1/contacts/export/route";
import * as importMapping from "@/app/api/v1/contacts/import/mapping/route";
import * as workspace from "@/app/api/v1/workspace/route";
import * as segments from "@/app/api/v1/segments/route";
import * as segment from "@/app/api/v1/segments/[id]/route";
import * as metadataKeys from "@/app/api/v1/contacts/metadata-keys/route";

import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
type RouteModule = Partial<Record<string, unknown>>;

const ROUTES: [RegExp, RouteModule][] = [
  [/^\/api\/v1\/contacts$/, contacts],
  [/^\/api\/v1\/contacts\/batch$/, batch],
  [/^\/api\/v1\/contacts\/import$/, imports],
  [/^\/api\/v1\/contacts\/bulk-subscribe$/, bulkSubscribe],
  [/^\/api\/v1\/contacts\/bulk-unsubscribe$/, bulkUnsubscribe],
  [/^\/api\/v1\/contacts\/bulk-delete$/, bulkDelete],
  [/^\/api\/v1\/contacts\/bulk-tag$/, bulkTag],
  [/^\/api\/v1\/contacts\/bulk\/(?<jobId>[^/]+)$/, bulkJob],
  [/^\/api\/v1\/contacts\/export$/, exportCsv],
  [/^\/api\/v1\/contacts\/import\/mapping$/, importMapping],
  [/^\/api\/v1\/workspace$/, workspace],
  [/^\/api\/v1\/segments$/, segments],
  [/^\/api\/v1\/segments\/(?<id>[^/]+)$/, segment],
  [/^\/api\/v1\/contacts\/metadata-keys$/, metadataKeys],
  [/^\/api\/v1\/contacts\/import\/(?<id>[^/]+)$/, importOne],
  [/^\/api\/v1\/contacts\/import\/(?<id>[^/]+)\/errors$/, importErrors],
  [/^\/api\/v1\/contacts\/import\/(?<id>[^/]+)\/cancel$/, importCancel],
  [/^\/api\/v1\/openapi\.json$/, openapi],
  [/^\/api\/v1\/api-keys$/, apiKeys],
  [/^\/api\/v1\/api-keys\/(?<id>[^/]+)$/, apiKey],
  [/^\/api\/v1\/contacts\/(?<id>[^/]+)$/, contact],
];

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  /** Sent as-is (for malformed-body tests). */
  rawBody?: string | Uint8Array | FormData;
  headers?: Record<string, string>;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = any>(method: string, pathAndQuery: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const url = new URL(pathAndQuery, "http://localhost:3000");
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: BodyInit | undefined;
  if (options.rawBody !== undefined) body = options.rawBody as BodyInit;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new Request(url, { method, headers, body });
  // As in production, the proxy sees the request first and may answer it (404, 405, bad paths).
  const answered = proxy(new NextRequest(url, { method, headers })); // it reads no body
  const res = answered.headers.get("x-middleware-next") ? await route(req, url, method) : answered;
  // Keep a BOM if there is one (Response.text() would drop it).
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

async function route(req: Request, url: URL, method: string): Promise<Response> {
  const pathname = url.pathname.replace(/(.)\/+$/, "$1"); // Next redirects a trailing slash away
  const match = ROUTES.map(([re, mod]) => ({ m: re.exec(pathname), mod })).find((r) => r.m);
  if (!match) throw new Error(`No route for ${url.pathname} in lib/testing/api.ts`);
  const handler = match.mod[method] as Handler | undefined;
  if (!handler) throw new Error(`The proxy let ${method} ${url.pathname} through, but the route has no ${method}`);
  // Next hands handlers decoded path parameters.
  const params = Object.fromEntries(Object.entries(match.m!.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
  return handler(req, { params: Promise.resolve(params) });
}

/** A client bound to one API key. */
export const client = (key: string | null) => ({
  get: <T = any>(path: string, o: CallOptions = {}) => call<T>("GET", path, { key, ...o }),
  post: <T = any>(path: string, body?: unknown, o: CallOptions = {}) => call<T>("POST", path, { key, body, ...o }),
  put: <T = any>(path: string, body?: unknown, o: CallOptions = {}) => call<T>("PUT", path, { key, body, ...o }),
  patch: <T = any>(path: string, body?: unknown, o: CallOptions = {}) => call<T>("PATCH", path, { key, body, ...o }),
  delete: <T = any>(path: string, o: CallOptions = {}) => call<T>("DELETE", path, { key, ...o }),
});
