// Reads a JSON request body with a byte limit, strict UTF-8 and clear errors for every failure.
import { ApiError } from "./errors";

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
      await reader.cancel().catch(() => {});
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
  try {
    return { text, value: JSON.parse(text) };
  } catch (error) {
    throw new ApiError("invalid_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Query string → object; repeated keys become arrays. */
export function readQuery(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
