-- Bulk actions: the job, and its selection frozen at creation (later inserts are not swept in).
CREATE TYPE "BulkAction" AS ENUM ('subscribe', 'unsubscribe', 'tag', 'delete');

CREATE TABLE "bulk_jobs" (
    "workspace_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "action" "BulkAction" NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "status" "ImportStatus" NOT NULL DEFAULT 'queued',
    "matched" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "last_contact_id" TEXT,
    "error" TEXT,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "bulk_jobs_pkey" PRIMARY KEY ("workspace_id", "id")
);

CREATE TABLE "bulk_job_items" (
    "workspace_id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "contact_id" TEXT NOT NULL,
    CONSTRAINT "bulk_job_items_pkey" PRIMARY KEY ("workspace_id", "job_id", "contact_id")
);

ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "bulk_job_items" ADD CONSTRAINT "bulk_job_items_job_fkey" FOREIGN KEY ("workspace_id", "job_id") REFERENCES "bulk_jobs"("workspace_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
