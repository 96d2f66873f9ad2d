// Email + password sign-in as next-auth's credentials provider runs it: throttle first (before
// any password hash is computed), then verify, then count the failure or forgive the email.
import { verifyLogin } from "@/lib/users/users";
import { forgetSignInFailures, recordSignInFailure, signInRetryAfter } from "./sign-in-throttle";
import { throttledError, throttleMessage } from "./sign-in-errors";
import { clientAddress } from "@/lib/http/forwarded";

/** Thrown while throttled; next-auth passes the message to the login form as its `error`. */
export class SignInThrottled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(throttledError(retryAfterSeconds));
  }
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  workspaceId: string;
  sessionVersion: number;
}

export async function signInWithPassword({ email, password, ip }: { email: string; password: string; ip: string | null }): Promise<SignedInUser | null> {
  const retryAfter = await signInRetryAfter({ email, ip });
  if (retryAfter > 0) throw new SignInThrottled(retryAfter);
  const user = await verifyLogin(email, password);
  const first = user?.memberships[0];
  if (!user || !first) {
    await recordSignInFailure({ email, ip });
    return null;
  }
  await forgetSignInFailures(email);
  return { id: user.id, email: user.email, name: user.name, workspaceId: first.workspaceId, sessionVersion: user.sessionVersion };
}

/**
 * For POST /api/auth/callback/credentials: a 429 with Retry-After while the attempt's email or
 * address is throttled, else null (next-auth handles it). The body keeps next-auth's `{ url }`
 * shape so that `signIn()` in the browser reads the `error` from it.
 */
export async function throttledSignInResponse(req: Request): Promise<Response | null> {
  const email = await readEmail(req);
  if (!email) return null;
  const retryAfter = await signInRetryAfter({ email, ip: clientAddress(req.headers) });
  if (!retryAfter) return null;
  const base = process.env.NEXTAUTH_URL ?? new URL(req.url).origin;
  const url = `${new URL("/api/auth/error", base)}?${new URLSearchParams({ error: throttledError(retryAfter) })}`;
  return Response.json(
    { url, error: { code: "rate_limited", message: throttleMessage(retryAfter) } },
    { status: 429, headers: { "Retry-After": String(retryAfter), "Cache-Control": "no-store" } },
  );
}

/** The email of a sign-in form post (urlencoded, as next-auth's client sends it, or JSON). */
async function readEmail(req: Request): Promise<string | null> {
  const type = req.headers.get("content-type") ?? "";
  try {
    const text = await req.clone().text();
    const email = type.includes("application/json") ? (JSON.parse(text) as { email?: unknown }).email : new URLSearchParams(text).get("email");
    return typeof email === "string" && email ? email.slice(0, 320) : null;
  } catch {
    return null;
  }
}
