// Calls the real route handlers in-process with real Request objects, as Next would.
import path from "node:path";
import { NextRequest } from "next/server";
import * as staticInfo from "next/dist/build/analysis/get-page-static-info";
import { getMiddlewareRouteMatcher } from "next/dist/shared/lib/router/utils/middleware-route-matcher";
import { matchRoute } from "@/lib/api/routes";
import { config, proxy } from "@/proxy";

/** Whether Next runs the proxy for a path: its own matcher, compiled from proxy.ts's config (not in Next's types). */
const { getMiddlewareMatchers } = staticInfo as unknown as { getMiddlewareMatchers: (m: string[], nextConfig: object) => Parameters<typeof getMiddlewareRouteMatcher>[0] };
const proxyMatcher = getMiddlewareRouteMatcher(getMiddlewareMatchers(config.matcher, {}));
export const proxyRuns = (pathname: string) => proxyMatcher(pathname, { headers: {} } as never, {});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

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
  // As in production, the proxy sees the requests its matcher takes first, and may answer them (bad paths).
  const answered = proxyRuns(url.pathname) ? proxy(new NextRequest(url, { method, headers })) : null; // it reads no body
  const res = !answered || answered.headers.get("x-middleware-next") ? await route(req, url, method) : answered;
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

/** Dispatches like Next: the route file named by the one route table (lib/api/routes.ts), else the catch-all. */
async function route(req: Request, url: URL, method: string): Promise<Response> {
  const match = matchRoute(url.pathname) ?? { pattern: "/api/v1/[...path]", params: {} };
  const mod = (await import(/* @vite-ignore */ path.resolve(`app${match.pattern}/route.ts`))) as Record<string, Handler | undefined>;
  const handler = mod[method] ?? (method === "HEAD" ? mod.GET : undefined); // Next answers HEAD with GET
  if (!handler) throw new Error(`${match.pattern} has no ${method}`);
  // Next hands handlers decoded path parameters.
  const params = Object.fromEntries(Object.entries(match.params).map(([k, v]) => [k, decodeURIComponent(v)]));
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

/** Polls a job (import or bulk) through the API until it is neither queued nor running. */
export async function settled(api: ReturnType<typeof client>, path: string) {
  for (let i = 0; i < 600; i++) {
    const res = await api.get(path);
    if (!["queued", "running"].includes(res.body.status)) return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} did not finish`);
}
