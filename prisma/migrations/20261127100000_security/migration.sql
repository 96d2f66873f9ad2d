-- Sign-in hardening (issue 8).

-- Every session carries the session_version its user had at sign-in; bumping it (sign-out,
-- password change, membership removal) revokes all of that user's sessions at once.
ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;

-- Failed sign-ins of the last 15 minutes, shared by every replica: throttling per email (kept as a
-- sha256, never the typed text) and per client address. Older rows are pruned as new ones arrive.
-- Sign-in happens before a workspace is known, so this table is not workspace-owned.
CREATE TABLE "sign_in_failures" (
    "id" BIGSERIAL NOT NULL,
    "email_hash" TEXT,
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sign_in_failures_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "sign_in_failures_email_hash_created_at_idx" ON "sign_in_failures"("email_hash", "created_at");
CREATE INDEX "sign_in_failures_ip_created_at_idx" ON "sign_in_failures"("ip", "created_at");
CREATE INDEX "sign_in_failures_created_at_idx" ON "sign_in_failures"("created_at");
