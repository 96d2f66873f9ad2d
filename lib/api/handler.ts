// The one wrapper every /api/v1 route goes through: request id → authenticate → rate limit →
// authorize → (idempotent) handler → response, with every failure mapped to the error envelope.
import { newId } from "@/lib/ids";
import { ApiError, errorEnvelope, toApiError } from "./errors";
import { DEFAULT_BODY_LIMIT, readJson, readQuery } from "./body";
import { authenticate, authorize, type Permission, type Principal } from "./principal";
import { rateLimitHeaders, takeToken } from "./rate-limit";
import { withIdempotency, type ClaimIdempotency, type StoredResponse } from "./idempotency";
import { runAs, type WriteContext } from "@/lib/activity/context";
import { clientAddress } from "@/lib/http/forwarded";
import { baseHeaders, MAX_URL_BYTES } from "./fallback";
import { kickIfSubscribed } from "@/lib/webhooks/kick";

export interface ApiContext<P> {
  req: Request;
  url: URL;
  principal: Principal;
  params: P;
  query: Record<string, string | string[]>;
  /** Parsed JSON body (only for routes declared with `body`). */
  body: unknown;
  /** Routes with `claimsIdempotency` call this with their body's digest once it is read (no-op without a key). */
  claimIdempotency: ClaimIdempotency;
}

/**
 * A handler returns data (sent as JSON with `status`) or a ready Response (streams, 204). Data
 * holding a secret names the error an Idempotency-Key replay answers instead (`replay`), so the
 * secret is never stored.
 */
export type ApiResult = { status?: number; data: unknown; replay?: ApiError } | Response;

interface RouteOptions {
  permission: Permission;
  /** Read a JSON body up to this many bytes (default 1 MB). */
  body?: { maxBytes?: number };
  /** The body is streamed by the handler, which claims the Idempotency-Key with its digest. */
  claimsIdempotency?: boolean;
}

type RouteContext<P> = { params: Promise<P> };

export function apiRoute<P = Record<string, never>>(options: RouteOptions, handler: (ctx: ApiContext<P>) => Promise<ApiResult>) {
  const answer = answerWith(options, handler);
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    const started = performance.now();
    const res = await answer(req, route);
    // How long the server took until the answer started (a stream's body follows): a client, the
    // dashboard's bench or a browser's dev tools can tell the server's time from the network's.
    res.headers.set("Server-Timing", `app;dur=${(performance.now() - started).toFixed(1)}`);
    return res;
  };
}

function answerWith<P>(options: RouteOptions, handler: (ctx: ApiContext<P>) => Promise<ApiResult>) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    const requestId = newId("req");
    const headers = baseHeaders(req, requestId);
    try {
      if (req.url.length > MAX_URL_BYTES) {
        throw new ApiError("uri_too_long", `The URL must be at most ${MAX_URL_BYTES / 1024} KB; send long filters in a body`);
      }
      const principal = await authenticate(req);
      const limit = takeToken(principal.ownerId);
      Object.assign(headers, rateLimitHeaders(limit));
      if (!limit.allowed) throw new ApiError("rate_limited", `Too many requests; retry in ${limit.resetSeconds} s`);
      authorize(principal, options.permission);
      return await runAs(writer(principal, req, requestId), async () => {
        const url = new URL(req.url);
        const parsed = options.body ? await readJson(req, options.body.maxBytes ?? DEFAULT_BODY_LIMIT) : undefined;
        const ctx: ApiContext<P> = {
          req,
          url,
          principal,
          params: await route.params,
          query: readQuery(url),
          body: parsed?.value,
          claimIdempotency: async () => {},
        };

        const idempotencyKey = req.headers.get("idempotency-key");
        if (idempotencyKey && req.method !== "GET") {
          const fingerprint = `${req.method} ${url.pathname}${url.search}\n${parsed?.text ?? ""}`;
          const stored = await withIdempotency(
            { workspaceId: principal.workspaceId, ownerId: principal.ownerId, key: idempotencyKey },
            fingerprint,
            async (claim) => toStored(await handler({ ...ctx, claimIdempotency: claim }), requestId),
            { deferred: options.claimsIdempotency },
          );
          if (!stored.replayed) void kickIfSubscribed(principal.workspaceId).catch(() => {});
          if (stored.replayed) headers["Idempotent-Replayed"] = "true";
          return respond(stored.status, stored.body, headers);
        }
        const result = await handler(ctx);
        // A write may have queued webhook messages (the triggers on contacts): send them soon.
        if (req.method !== "GET") void kickIfSubscribed(principal.workspaceId).catch(() => {});
        if (result instanceof Response) {
          for (const [k, v] of Object.entries(headers)) result.headers.set(k, v);
          return result;
        }
        return respond(result.status ?? 200, JSON.stringify(result.data), headers);
      });
    } catch (error) {
      // The client went away and its work was stopped (a canceled count): nobody hears this answer,
      // and it is no bug. 499 as in nginx's "client closed request", for logs.
      if (req.signal.aborted) return new Response(null, { status: 499, headers });
      const apiError = toApiError(error);
      if (apiError.status >= 500) console.error(`[${requestId}]`, error);
      return respond(apiError.status, JSON.stringify(errorEnvelope(apiError, requestId)), headers);
    }
  };
}

/** The actor of this request's contact changes, with the consent provenance it can give. */
function writer(principal: Principal, req: Request, requestId: string): WriteContext {
  return {
    actor: { type: principal.kind, id: principal.ownerId, name: principal.name },
    request_id: requestId,
    source: principal.source,
    ip: clientAddress(req.headers),
    user_agent: req.headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}

async function toStored(result: ApiResult, requestId: string): Promise<StoredResponse> {
  if (result instanceof Response) return { status: result.status, body: await result.text() };
  const replayAs = result.replay && {
    status: result.replay.status,
    body: JSON.stringify(errorEnvelope(result.replay, requestId)),
  };
  return { status: result.status ?? 200, body: JSON.stringify(result.data), replayAs };
}

function respond(status: number, body: string, headers: Record<string, string>) {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(body, { status, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}
