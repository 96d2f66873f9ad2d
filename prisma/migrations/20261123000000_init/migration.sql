-- Extensions Prisma's wasm engine cannot create for us.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TYPE "Role" AS ENUM ('owner', 'admin', 'member', 'viewer');
CREATE TYPE "ApiKeyScope" AS ENUM ('full', 'read_only');
CREATE TYPE "ContactStatus" AS ENUM ('subscribed', 'unsubscribed');

CREATE TABLE "workspaces" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "workspaces_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "workspaces_slug_key" ON "workspaces"("slug");

CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" CITEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "memberships" (
    "workspace_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "memberships_pkey" PRIMARY KEY ("workspace_id", "user_id")
);
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

CREATE TABLE "api_keys" (
    "workspace_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "scope" "ApiKeyScope" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("workspace_id", "id")
);
-- The one index not led by workspace_id: a secret key must find its workspace.
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

CREATE TABLE "contacts" (
    "workspace_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "email" CITEXT,
    "phone" TEXT,
    "first_name" TEXT,
    "last_name" TEXT,
    "status" "ContactStatus" NOT NULL DEFAULT 'subscribed',
    "suppressed" BOOLEAN NOT NULL DEFAULT false,
    "suppressed_reason" TEXT,
    "email_ok" BOOLEAN NOT NULL DEFAULT true,
    "sms_ok" BOOLEAN NOT NULL DEFAULT true,
    "whatsapp_ok" BOOLEAN NOT NULL DEFAULT true,
    "voice_ok" BOOLEAN NOT NULL DEFAULT true,
    "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "source" TEXT NOT NULL DEFAULT 'api',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "contacts_pkey" PRIMARY KEY ("workspace_id", "id"),
    CONSTRAINT "contacts_email_or_phone" CHECK ("email" IS NOT NULL OR "phone" IS NOT NULL)
);
CREATE UNIQUE INDEX "contacts_workspace_id_email_key" ON "contacts"("workspace_id", "email");
CREATE UNIQUE INDEX "contacts_workspace_id_phone_key" ON "contacts"("workspace_id", "phone");
CREATE INDEX "contacts_workspace_id_created_at_id_idx" ON "contacts"("workspace_id", "created_at", "id");
CREATE INDEX "contacts_workspace_id_updated_at_id_idx" ON "contacts"("workspace_id", "updated_at", "id");
-- Keyset sorts on nullable columns go through coalesce so that every row has a sort key.
CREATE INDEX "contacts_email_sort_idx" ON "contacts"("workspace_id", (lower(coalesce("email"::text, ''))), "id");
CREATE INDEX "contacts_last_name_sort_idx" ON "contacts"("workspace_id", (lower(coalesce("last_name", ''))), "id");
-- Substring search over email, name and phone (pg_trgm), and tag containment.
CREATE INDEX "contacts_search_trgm_idx" ON "contacts" USING GIN ("workspace_id", (lower(coalesce("email"::text, '') || ' ' || coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || coalesce("phone", ''))) gin_trgm_ops);
CREATE INDEX "contacts_email_trgm_idx" ON "contacts" USING GIN ("workspace_id", (lower(coalesce("email"::text, ''))) gin_trgm_ops);
CREATE INDEX "contacts_tags_idx" ON "contacts" USING GIN ("workspace_id", "tags");

CREATE TABLE "idempotency_records" (
    "workspace_id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER,
    "response_body" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("workspace_id", "owner_id", "key")
);
CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records"("created_at");

ALTER TABLE "memberships" ADD CONSTRAINT "memberships_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
