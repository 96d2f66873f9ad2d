// new Rolo({ apiKey, baseURL }): the client and its resources. Defaults come from ROLO_API_KEY and
// ROLO_BASE_URL (the server's origin; the SDK adds /api/v1).
import { RoloError } from "./core/errors.js";
import { Transport, type Fetch } from "./core/transport.js";
import { Contacts } from "./resources/contacts.js";
import { Segments } from "./resources/segments.js";
import { Webhooks } from "./resources/webhooks.js";

export interface ClientOptions {
  /** `sk_…`; default `process.env.ROLO_API_KEY`. */
  apiKey?: string;
  /** The server's origin, e.g. `https://rolo.example.com`; default `ROLO_BASE_URL` or `http://localhost:3000`. */
  baseURL?: string;
  /** Retries after the first attempt on connection errors, timeouts, 408, 429 and 5xx (default 2). */
  maxRetries?: number;
  /** Milliseconds per attempt (default 60 000). */
  timeout?: number;
  /** A fetch implementation (default: the global one). */
  fetch?: Fetch;
  /** Headers sent with every request; `null` removes a default one. */
  defaultHeaders?: Record<string, string | null | undefined>;
}

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name] || undefined;

export class Rolo {
  readonly contacts: Contacts;
  readonly segments: Segments;
  readonly webhooks: Webhooks;
  readonly baseURL: string;

  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? env("ROLO_API_KEY");
    if (!apiKey) throw new RoloError("Missing API key: pass new Rolo({ apiKey }) or set ROLO_API_KEY");
    const fetchImpl = options.fetch ?? (typeof fetch === "function" ? fetch.bind(globalThis) : undefined);
    if (!fetchImpl) throw new RoloError("No fetch implementation: pass new Rolo({ fetch }) on runtimes without a global fetch");
    // Accept the origin with or without a trailing slash or /api/v1.
    this.baseURL = (options.baseURL ?? env("ROLO_BASE_URL") ?? "http://localhost:3000")
      .replace(/\/+$/, "")
      .replace(/\/api\/v1$/, "");
    const transport = new Transport({
      apiKey,
      baseURL: this.baseURL,
      maxRetries: options.maxRetries ?? 2,
      timeout: options.timeout ?? 60_000,
      fetch: fetchImpl,
      defaultHeaders: options.defaultHeaders,
    });
    this.contacts = new Contacts(transport);
    this.segments = new Segments(transport);
    this.webhooks = new Webhooks(transport);
  }
}
