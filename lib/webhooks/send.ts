// One attempt at one message: signed as Standard Webhooks says (webhook-id, webhook-timestamp,
// webhook-signature), POSTed with a 10 s limit to an address the SSRF guard let through.
import http from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import { assertPublicLiteral, guardedLookup } from "./ssrf";

export const SEND_TIMEOUT_MS = Number(process.env.WEBHOOK_TIMEOUT_MS ?? 10_000);
const USER_AGENT = "Rolo-Webhooks/1.0 (+https://www.standardwebhooks.com)";

export interface Message {
  /** The delivery id (`msg_…`): the same on every retry and replay. */
  id: string;
  url: string;
  /** `whsec_…` */
  secret: string;
  payload: unknown;
}

export interface AttemptResult {
  ok: boolean;
  /** The response's HTTP status; null when none came. */
  status: number | null;
  /** Why it failed, short enough for the log. */
  error: string | null;
}

/** The headers of one attempt: signed with this attempt's time, as receivers reject stale timestamps. */
export function signedHeaders(message: Pick<Message, "id" | "secret">, body: string, at = new Date()) {
  return {
    "webhook-id": message.id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(message.secret).sign(message.id, at, body),
  };
}

const short = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

export async function sendMessage(message: Message, { timeoutMs = SEND_TIMEOUT_MS } = {}): Promise<AttemptResult> {
  let url: URL;
  try {
    url = new URL(message.url);
    assertPublicLiteral(url); // IP literals never reach the lookup
  } catch (error) {
    return { ok: false, status: null, error: short(describe(error)) };
  }
  const body = JSON.stringify(message.payload);
  return new Promise((resolve) => {
    const request = (url.protocol === "https:" ? https : http).request(url, {
      method: "POST",
      // A fresh connection per attempt, made through the guard: never a pooled socket to an old address.
      agent: false,
      lookup: guardedLookup,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "user-agent": USER_AGENT,
        ...signedHeaders(message, body),
      },
    });
    const timer = setTimeout(() => request.destroy(new Error(`no response within ${timeoutMs / 1000} s`)), timeoutMs);
    const done = (result: AttemptResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    request.on("error", (error) => done({ ok: false, status: null, error: short(describe(error)) }));
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      // Only the status counts: the connection is closed without reading the body.
      response.on("error", () => {});
      request.destroy();
      const ok = status >= 200 && status < 300;
      done({ ok, status, error: ok ? null : short(`HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ""}`) });
    });
    request.end(body);
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
