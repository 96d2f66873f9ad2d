import { createHash, randomBytes } from "node:crypto";

/** `sk_live_` + 32 random bytes (256 bits) in base64url; only the sha256 is stored. */
export function generateSecret() {
  const secret = `sk_live_${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashSecret(secret), last4: secret.slice(-4) };
}

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
