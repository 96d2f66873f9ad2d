// Every failure is thrown as a RoloError: the API's error envelope
// `{"error":{"code","message","details"?,"request_id"}}` becomes a subclass per HTTP status, and
// failures without a response (connection, timeout, abort) have their own types.

export class RoloError extends Error {
  /** HTTP status; undefined when no response arrived. */
  readonly status: number | undefined;
  /** The API's error code, e.g. `not_found`, `validation_error`. */
  readonly code: string | undefined;
  /** Field issues (`[{ path, message }]`) or other structured detail. */
  readonly details: unknown;
  /** The `X-Request-Id` of the failed request: quote it when you contact support. */
  readonly requestId: string | undefined;
  readonly headers: Headers | undefined;
  /** The decoded response body (the whole envelope), or its text when it was not JSON. */
  readonly body: unknown;

  constructor(
    message: string,
    init: {
      status?: number;
      code?: string;
      details?: unknown;
      requestId?: string;
      headers?: Headers;
      body?: unknown;
      cause?: unknown;
    } = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
    this.headers = init.headers;
    this.body = init.body;
    if (init.cause !== undefined) Object.defineProperty(this, "cause", { value: init.cause, configurable: true, writable: true });
  }

  /** The right subclass for an HTTP error response. */
  static fromResponse(status: number, headers: Headers, body: unknown, statusText = ""): RoloError {
    const envelope = isObject(body) && isObject(body.error) ? body.error : undefined;
    const code = typeof envelope?.code === "string" ? envelope.code : undefined;
    const message =
      typeof envelope?.message === "string"
        ? envelope.message
        : `${status} ${statusText}`.trim() +
          (typeof body === "string" && body && !body.trimStart().startsWith("<") ? `: ${snippet(body)}` : "");
    const init = {
      status,
      code,
      details: envelope?.details,
      requestId:
        (typeof envelope?.request_id === "string" ? envelope.request_id : undefined) ?? headers.get("x-request-id") ?? undefined,
      headers,
      body,
    };
    const Class = errorClassFor(status, code);
    return new Class(message, init);
  }
}

export class BadRequestError extends RoloError {}
/** 400 with code `validation_error`; `details` lists `{ path, message }` per field. */
export class ValidationError extends BadRequestError {}
export class AuthenticationError extends RoloError {}
export class PermissionDeniedError extends RoloError {}
export class NotFoundError extends RoloError {}
export class ConflictError extends RoloError {}
export class UnprocessableEntityError extends RoloError {}
export class RateLimitError extends RoloError {}
export class InternalServerError extends RoloError {}

/** No response: DNS, refused or reset connection, TLS. Retried automatically. */
export class APIConnectionError extends RoloError {}
/** An attempt exceeded its timeout. Retried automatically. */
export class APIConnectionTimeoutError extends APIConnectionError {}
/** The caller's AbortSignal fired. Never retried. */
export class APIUserAbortError extends RoloError {}

/**
 * `verifyWebhook` refused a message. `code` says why: `missing_headers`, `invalid_timestamp`,
 * `timestamp_too_old`, `timestamp_too_new`, `invalid_signature`, `invalid_secret` or `invalid_payload`.
 * Answer such a request with a 400 and do not act on it.
 */
export class WebhookVerificationError extends RoloError {}

function errorClassFor(status: number, code: string | undefined): typeof RoloError {
  if (status === 400) return code === "validation_error" ? ValidationError : BadRequestError;
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 422) return UnprocessableEntityError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return InternalServerError;
  return RoloError;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// A proxy's plain-text error can be long; keep a readable start of it (HTML pages are left out).
function snippet(text: string) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
