// Reads a JSON request body with a byte limit, strict UTF-8 and clear errors for every failure.
import type { z } from "zod";
import { ApiError, zodIssues } from "./errors";

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Not awaited: cancelling one branch of a teed body resolves only when the other is cancelled too.
      void reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError("invalid_request", "The request body is not valid UTF-8");
  }
}

const tooLarge = (maxBytes: number) =>
  new ApiError("payload_too_large", `The request body must be at most ${Math.round(maxBytes / 1024)} KB`);

export async function readJson(req: Request, maxBytes = DEFAULT_BODY_LIMIT): Promise<{ text: string; value: unknown }> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  const text = await readBodyText(req, maxBytes);
  if (!text.trim()) throw new ApiError("invalid_request", "The request body is empty; send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text, rejectUnsafeValues);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError("invalid_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  return { text, value };
}

/** PostgreSQL stores neither NUL characters nor unpaired UTF-16 surrogates (`"\ud800"`) in text or jsonb. */
const isStorable = (s: string) => !s.includes("\u0000") && s.isWellFormed();

function rejectUnsafeValues(key: string, value: unknown) {
  if (!isStorable(key) || (typeof value === "string" && !isStorable(value))) {
    throw new ApiError("invalid_request", "The request body contains a NUL character or an unpaired surrogate escape");
  }
  // Copying objects (zod does, for metadata) would drop this key or set a prototype with it.
  if (key === "__proto__") throw new ApiError("invalid_request", "__proto__ cannot be used as a key");
  return value;
}

/** Query string → object; repeated keys become arrays. */
export function readQuery(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of url.searchParams) {
    if (!isStorable(key) || !isStorable(value)) throw new ApiError("invalid_request", "The query string contains a NUL character");
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** Validates a query with its schema; issues name the parameters as sent (`metadata[score][gte]`). */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string | string[]>): z.output<S> {
  const result = schema.safeParse(query);
  if (!result.success) throw new ApiError("validation_error", "The request is invalid", zodIssues(result.error, "query"));
  return result.data;
}
