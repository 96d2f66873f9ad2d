// The sign-in failures the login form tells apart. next-auth v4 hands the form only an `error`
// string, so a throttled attempt travels as `TooManyAttempts:<seconds>` (status 429).

const THROTTLED = "TooManyAttempts";

export const throttledError = (retryAfterSeconds: number) => `${THROTTLED}:${Math.max(1, Math.ceil(retryAfterSeconds))}`;

export function throttleMessage(retryAfterSeconds: number) {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/** The message for a failed `signIn()` result; the same words for every wrong credential. */
export function signInErrorMessage(error: string | null | undefined): string {
  const throttled = new RegExp(`^${THROTTLED}:(\\d+)$`).exec(error ?? "");
  if (throttled) return throttleMessage(Number(throttled[1]));
  return "Wrong email or password.";
}
