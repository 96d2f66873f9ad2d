// The one way a request leaves the SDK: build the URL → send → retry → decode → map the error.
import { VERSION } from "../version.js";
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, RoloError } from "./errors.js";

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Options every method takes as its last argument. */
export interface RequestOptions {
  /** Milliseconds per attempt (default: the client's, 60 000). */
  timeout?: number;
  /** Cancels the call, including the waits between retries. */
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key` on writes; one is generated per call when omitted. */
  idempotencyKey?: string;
  /** Retries after the first attempt (default: the client's, 2). */
  maxRetries?: number;
  /** Extra headers; `null` removes a default one. */
  headers?: Record<string, string | null | undefined>;
}

export interface TransportConfig {
  apiKey: string;
  baseURL: string;
  maxRetries: number;
  timeout: number;
  fetch: Fetch;
  defaultHeaders?: Record<string, string | null | undefined>;
}

/** A body that is not JSON (the multipart upload); only a replayable one may be retried. */
export interface RawBody {
  body: BodyInit;
  contentType: string;
  replayable: boolean;
}

export interface ApiRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: object;
  /** Sent as JSON, unless it is a RawBody. */
  body?: unknown;
  raw?: RawBody;
  /** How to decode a successful response (default json). */
  accept?: "json" | "text" | "stream";
  options?: RequestOptions;
}

const RETRY_AFTER_CAP_MS = 60_000;

export class Transport {
  constructor(readonly config: TransportConfig) {}

  async request<T>(req: ApiRequest): Promise<T> {
    const options = req.options ?? {};
    const url = buildURL(this.config.baseURL, req.path, req.query);
    // Writes carry one key for the whole call, so a retried write is applied at most once.
    const idempotencyKey = req.method === "GET" ? undefined : (options.idempotencyKey ?? randomKey());
    const headers = this.headers(req, idempotencyKey);
    const body = req.raw ? req.raw.body : req.body === undefined ? undefined : JSON.stringify(req.body);
    // A stream can be read once: retrying it would send a truncated or empty body.
    const maxRetries = req.raw && !req.raw.replayable ? 0 : (options.maxRetries ?? this.config.maxRetries);
    const timeout = options.timeout ?? this.config.timeout;

    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.attempt(
          url,
          { method: req.method, headers, body },
          req.accept ?? "json",
          timeout,
          options.signal,
        )) as T;
      } catch (error) {
        const delay = attempt < maxRetries ? retryDelay(error, attempt) : undefined;
        if (delay === undefined) throw error;
        await sleep(delay, options.signal);
      }
    }
  }

  private headers(req: ApiRequest, idempotencyKey: string | undefined): Headers {
    const headers = new Headers({
      Authorization: `Bearer ${this.config.apiKey}`,
      Accept: req.accept === "json" || !req.accept ? "application/json" : "text/csv, application/json",
      "User-Agent": `rolo-typescript/${VERSION}`,
    });
    if (req.raw) headers.set("Content-Type", req.raw.contentType);
    else if (req.body !== undefined) headers.set("Content-Type", "application/json");
    if (idempotencyKey) headers.set("Idempotency-Key", idempotencyKey);
    for (const extra of [this.config.defaultHeaders, req.options?.headers]) {
      for (const [name, value] of Object.entries(extra ?? {})) {
        if (value === null) headers.delete(name);
        else if (value !== undefined) headers.set(name, value);
      }
    }
    return headers;
  }

  /** One attempt; every failure comes out as a RoloError that retryDelay can judge. */
  private async attempt(
    url: string,
    init: RequestInit,
    accept: "json" | "text" | "stream",
    timeout: number,
    userSignal?: AbortSignal,
  ) {
    if (userSignal?.aborted) throw new APIUserAbortError("The request was aborted");
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const onAbort = () => controller.abort();
    userSignal?.addEventListener("abort", onAbort, { once: true });
    let keepSignal = false;
    const failure = (error: unknown) => {
      if (error instanceof RoloError) return error;
      if (userSignal?.aborted) return new APIUserAbortError("The request was aborted", { cause: error });
      if (timedOut) return new APIConnectionTimeoutError(`The request timed out after ${timeout} ms`, { cause: error });
      return new APIConnectionError(`Could not reach the Rolo API: ${(error as Error)?.message ?? error}`, { cause: error });
    };
    try {
      const isStream = typeof ReadableStream !== "undefined" && init.body instanceof ReadableStream;
      const response = await this.config.fetch(url, {
        ...init,
        signal: controller.signal,
        ...(isStream ? { duplex: "half" } : {}),
      } as RequestInit);
      if (!response.ok)
        throw RoloError.fromResponse(response.status, response.headers, await readErrorBody(response), response.statusText);
      if (accept === "stream") {
        // The timeout covers the wait for the response; the caller's signal still cancels the stream.
        clearTimeout(timer);
        keepSignal = true;
        return response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
      }
      const text = await response.text();
      if (accept === "text") return text;
      if (!text) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new RoloError("The API answered with a body that is not JSON", {
          status: response.status,
          headers: response.headers,
          body: text,
        });
      }
    } catch (error) {
      throw failure(error);
    } finally {
      clearTimeout(timer);
      if (!keepSignal) userSignal?.removeEventListener("abort", onAbort);
    }
  }
}

async function readErrorBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

/** Milliseconds to wait before the next attempt, or undefined when the error is final. */
function retryDelay(error: unknown, attempt: number): number | undefined {
  if (!(error instanceof RoloError) || error instanceof APIUserAbortError) return undefined;
  if (!(error instanceof APIConnectionError)) {
    const status = error.status ?? 0;
    // The first attempt with this Idempotency-Key is still running: its answer comes shortly. Any
    // other 409 is a conflict on the data and stays final.
    const inProgress = status === 409 && error.code === "idempotency_in_progress";
    if (!inProgress && status !== 408 && status !== 429 && status < 500) return undefined;
    const retryAfter = error.headers && retryAfterMs(error.headers.get("retry-after"));
    if (retryAfter !== undefined) return retryAfter;
  }
  return Math.min(0.5 * 2 ** attempt, 8) * (1 - Math.random() * 0.25) * 1000;
}

/** Retry-After in seconds or as an HTTP date; ignored beyond 60 s (then the backoff applies). */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value?.trim()) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Math.max(0, Date.parse(value) - now);
  return ms >= 0 && ms <= RETRY_AFTER_CAP_MS ? ms : undefined;
}

export function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError("The request was aborted"));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError("The request was aborted"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function buildURL(baseURL: string, path: string, query?: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) appendParam(params, key, value);
  const search = params.toString();
  return `${baseURL}/api/v1${path}${search ? `?${search}` : ""}`;
}

// Arrays repeat the key (tag=a&tag=b), objects nest with brackets (metadata[plan]=pro).
function appendParam(params: URLSearchParams, key: string, value: unknown) {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) for (const item of value) appendParam(params, key, item);
  else if (value instanceof Date) params.append(key, value.toISOString());
  else if (typeof value === "object") for (const [k, v] of Object.entries(value)) appendParam(params, `${key}[${k}]`, v);
  else params.append(key, String(value));
}

function randomKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  // Node 18 without the global crypto: a v4-shaped key from Math.random is unique enough per call.
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (ch) => {
    const r = (Math.random() * 16) | 0;
    return (ch === "x" ? r : (r & 0x3) | 0x8).toString(16);
  });
}
