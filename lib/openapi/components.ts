// What every operation shares: the error envelope, the response headers, the Idempotency-Key
// parameter and one error response per HTTP status, all derived from lib/api's tables.
import { STATUS_CODES } from "node:http";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";
import { rateLimitPerMinute } from "@/lib/api/rate-limit";
import { schemaRef, type JsonSchema } from "./json-schema";

/** What each error code means to a client; a code missing here is still documented by name. */
const CODE_MEANING: Partial<Record<ErrorCode, string>> = {
  invalid_request: "the JSON, query, header or URL is malformed",
  validation_error: "a field is invalid; `details` lists each field path and message",
  unauthorized: "the API key or session is missing, malformed or revoked",
  forbidden:
    "the key's scope or the member's role does not allow this, or a request with a session cookie came from another site",
  not_found: "no such resource in this workspace",
  conflict:
    "the email or phone belongs to another contact (`existing_id` names it), the resource's state refuses this, or a request with the same Idempotency-Key is still running",
  erased:
    "the email or phone belongs to a contact that was erased; send `allow_erased: true` if the person asked to be added again",
  payload_too_large: "the body is larger than this endpoint accepts",
  unsupported_media_type: "the body is not in the media type this endpoint reads",
  idempotency_mismatch: "this Idempotency-Key was used with a different request",
  rate_limited: "too many requests for this key or user; retry after `Retry-After` seconds",
  internal_error: "something failed on our side; it is safe to retry",
};
const CODE_MEANING_FALLBACK = (code: string) => code.replace(/_/g, " ");

export const ERROR_SCHEMAS: Record<string, JsonSchema> = {
  Error: {
    type: "object",
    description: "The one envelope every failure answers with.",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message", "request_id"],
        properties: {
          code: {
            type: "string",
            enum: Object.keys(ERROR_STATUS),
            description: "Stable, machine-readable; the HTTP status follows from it.",
          },
          message: { type: "string", description: "For humans; may change." },
          details: {
            description: "`validation_error`: one entry per invalid field. Other codes: an object with context.",
            anyOf: [
              { type: "array", items: schemaRef("FieldIssue") },
              { type: "object", additionalProperties: true },
            ],
          },
          request_id: { type: "string", description: "The response's `X-Request-Id`; quote it to support." },
          existing_id: { type: "string", description: "On a 409 about an email or phone: the contact that holds it." },
        },
      },
    },
  },
  FieldIssue: {
    type: "object",
    required: ["path", "message"],
    properties: {
      path: { type: "string", description: "Dotted path of the field, e.g. `contacts.3.email`, or `(root)`." },
      message: { type: "string" },
    },
  },
};

const header = (description: string, schema: JsonSchema, required = false) => ({ description, required, schema });

export const HEADERS = {
  "X-Request-Id": header(
    "Identifies this request in our logs; also in every error body as `request_id`.",
    { type: "string", pattern: "^req_" },
    true,
  ),
  "RateLimit-Limit": header(`Requests allowed per minute for this key or user (default ${rateLimitPerMinute()}).`, {
    type: "integer",
    minimum: 0,
  }),
  "RateLimit-Remaining": header("Requests left in the current one-minute window.", { type: "integer", minimum: 0 }),
  "RateLimit-Reset": header("Seconds until the window resets.", { type: "integer", minimum: 0 }),
  "Retry-After": header("Seconds to wait before retrying.", { type: "integer", minimum: 0 }, true),
  "Idempotent-Replayed": header("`true` when this is the stored response of an earlier request with the same Idempotency-Key.", {
    type: "string",
    enum: ["true"],
  }),
  "Content-Disposition": header("`attachment` with a file name.", { type: "string" }, true),
} as const;
export type HeaderName = keyof typeof HEADERS;

export const headerRefs = (...names: HeaderName[]) =>
  Object.fromEntries(names.map((n) => [n, { $ref: `#/components/headers/${n}` }]));
export const RATE_LIMIT_HEADERS: HeaderName[] = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

export const IDEMPOTENCY_KEY_PARAMETER = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Any unique string (≤ 255 characters), e.g. a UUID. The first response is stored for 24 hours per key owner: the same request again gets it back (with `Idempotent-Replayed: true`), a different request with this key gets 422, and one sent while the first still runs gets 409. For a CSV import the request is the uploaded file's content (sha256), its name and the options. A response holding a secret is never stored (see createApiKey).",
  schema: { type: "string", minLength: 1, maxLength: 255 },
};

/** Error codes by HTTP status, from the one code → status table. */
export const codesByStatus = (status: number) =>
  (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).filter(([, s]) => s === status).map(([code]) => code);

/** `#/components/responses/<name>`: the status's reason phrase in PascalCase (400 → BadRequest). */
export const errorResponseName = (status: number) =>
  (STATUS_CODES[status] ?? `Status ${status}`).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string = "") => c.toUpperCase());

export function errorResponse(status: number) {
  const codes = codesByStatus(status);
  // 401 comes before the rate limit is counted; a 409 can be the stored answer to a replay (a new
  // API key's secret is never stored, so its replay is a conflict).
  const names: HeaderName[] =
    status === 401
      ? ["X-Request-Id"]
      : [
          "X-Request-Id",
          ...RATE_LIMIT_HEADERS,
          ...(status === 429 ? (["Retry-After"] as const) : []),
          ...(status === 409 ? (["Idempotent-Replayed"] as const) : []),
        ];
  return {
    description: `${STATUS_CODES[status]}: ${codes.map((c) => `\`${c}\` — ${CODE_MEANING[c] ?? CODE_MEANING_FALLBACK(c)}`).join("; ")}.`,
    headers: headerRefs(...names),
    content: { "application/json": { schema: schemaRef("Error") } },
  };
}
