// Failed sign-ins are throttled per email and per client address, in PostgreSQL so that every
// replica counts the same attempts. Refused attempts are not counted: an attacker cannot keep a
// victim locked out beyond the window by hammering, only for one window at most.
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";

export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;

const WINDOW = `${SIGN_IN_WINDOW_MINUTES} minutes`;

export interface SignInAttempt {
  email: string;
  /** The client address, when known (see clientAddress). */
  ip: string | null;
}

/** Emails are matched case-insensitively and kept only as a hash (a mistyped password in the email field stays unknown). */
const emailHash = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");

/**
 * Seconds until this attempt may be made, or 0 when it may be made now. A limit is reached when
 * the window holds `max` failures; it lifts when the oldest of the last `max` leaves the window.
 */
export async function signInRetryAfter({ email, ip }: SignInAttempt): Promise<number> {
  const [row] = await db.$queryRaw<{ until: Date | null }[]>`
    SELECT greatest(
      (SELECT created_at FROM sign_in_failures
        WHERE email_hash = ${emailHash(email)} AND created_at > now() - ${WINDOW}::interval
        ORDER BY created_at DESC OFFSET ${MAX_FAILURES_PER_EMAIL - 1} LIMIT 1),
      (SELECT created_at FROM sign_in_failures
        WHERE ${ip}::text IS NOT NULL AND ip = ${ip} AND created_at > now() - ${WINDOW}::interval
        ORDER BY created_at DESC OFFSET ${MAX_FAILURES_PER_ADDRESS - 1} LIMIT 1)
    ) + ${WINDOW}::interval AS until`;
  if (!row?.until) return 0;
  return Math.max(1, Math.ceil((row.until.getTime() - Date.now()) / 1000));
}

/** Counts a failed attempt; failures that left the window are pruned in the same statement. */
export async function recordSignInFailure({ email, ip }: SignInAttempt) {
  await db.$executeRaw`
    WITH pruned AS (DELETE FROM sign_in_failures WHERE created_at <= now() - ${WINDOW}::interval)
    INSERT INTO sign_in_failures (email_hash, ip) VALUES (${emailHash(email)}, ${ip})`;
}

/** A successful sign-in forgives the email's failures (they still count for their address). */
export async function forgetSignInFailures(email: string) {
  await db.$executeRaw`UPDATE sign_in_failures SET email_hash = NULL WHERE email_hash = ${emailHash(email)}`;
}

