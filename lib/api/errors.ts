// The one error type of the API, the one table from code to HTTP status, and the one place
// that maps database and validation failures onto it.
import { ZodError } from "zod";

export const ERROR_STATUS = {
  invalid_request: 400,
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_in_progress: 409,
  /** The email or phone belongs to an erased contact; send allow_erased: true to write it anyway. */
  erased: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  /** Answered by scripts/http-client-errors.mjs, before any route runs. */
  headers_too_large: 431,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  rate_limited: 429,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[] | Record<string, unknown>,
    /** Extra top-level fields of the error object, e.g. `existing_id` on a conflict. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
  get status() {
    return ERROR_STATUS[this.code];
  }
}

/** The error envelope every API failure answers with. */
export function errorEnvelope(error: ApiError, requestId: string) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      ...error.extra,
      request_id: requestId,
    },
  };
}

export const notFound = (what = "Contact") => new ApiError("not_found", `${what} not found`);

/** A query parameter as the client wrote it: `metadata[score][gte]`, and `tag` rather than `tag.1`. */
function queryParameterName(path: PropertyKey[]) {
  const [name, ...rest] = path.filter((p) => typeof p !== "number").map(String);
  return name === undefined ? "(root)" : name + rest.map((p) => `[${p}]`).join("");
}

export function zodIssues(error: ZodError, style: "body" | "query" = "body"): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: style === "query" ? queryParameterName(issue.path) : issue.path.map(String).join(".") || "(root)",
    message: issue.message,
  }));
}

interface DbErrorShape {
  code?: string;
  message?: string;
  meta?: { driverAdapterError?: { cause?: { originalCode?: string; kind?: string; constraint?: unknown } } };
  cause?: { originalCode?: string; code?: string; constraint?: unknown };
}

/** Postgres SQLSTATE of an error thrown by Prisma (through the pg adapter) or by pg itself. */
export function sqlState(unknownError: unknown): string | undefined {
  const error = (unknownError ?? {}) as DbErrorShape;
  return (
    error.meta?.driverAdapterError?.cause?.originalCode ??
    error.cause?.originalCode ??
    (typeof error.code === "string" && /^[0-9A-Z]{5}$/.test(error.code) ? error.code : undefined)
  );
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return new ApiError("validation_error", "The request is invalid", zodIssues(error));
  const e = (error ?? {}) as DbErrorShape;
  if (e.code === "P2002") return new ApiError("conflict", "A contact with this email or phone already exists");
  if (e.code === "P2025") return notFound("Resource");
  switch (sqlState(e)) {
    case "23505":
      return new ApiError("conflict", "A record with this email or phone already exists");
    case "23514":
      return new ApiError("validation_error", "A contact needs an email or a phone", [
        { path: "email", message: "Either email or phone is required" },
      ]);
    case "22P02":
    case "22021":
    case "22P05":
    case "54000":
      return new ApiError("invalid_request", "The request contains a value the database cannot store");
  }
  return new ApiError("internal_error", "Something went wrong on our side; it is safe to retry");
}
