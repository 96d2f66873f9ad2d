-- CSV imports: the uploaded file (stored in the database so that any worker on any machine can
-- read it), the job's checkpoint and counts, and the rejected rows.
CREATE TYPE "ImportStatus" AS ENUM ('queued', 'running', 'completed', 'failed', 'canceled');
CREATE TYPE "ConflictPolicy" AS ENUM ('update', 'skip');

CREATE TABLE "imports" (
    "workspace_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'queued',
    "file_name" TEXT NOT NULL,
    "file_size" BIGINT NOT NULL,
    "mapping" JSONB NOT NULL DEFAULT '{}',
    "on_conflict" "ConflictPolicy" NOT NULL DEFAULT 'update',
    "total_rows" INTEGER,
    "processed_rows" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed_rows" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "imports_pkey" PRIMARY KEY ("workspace_id", "id")
);
CREATE INDEX "imports_workspace_id_created_at_idx" ON "imports"("workspace_id", "created_at");

CREATE TABLE "import_files" (
    "workspace_id" TEXT NOT NULL,
    "import_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    CONSTRAINT "import_files_pkey" PRIMARY KEY ("workspace_id", "import_id", "seq")
);

CREATE TABLE "import_errors" (
    "workspace_id" TEXT NOT NULL,
    "import_id" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "row" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    CONSTRAINT "import_errors_pkey" PRIMARY KEY ("workspace_id", "import_id", "line")
);

ALTER TABLE "imports" ADD CONSTRAINT "imports_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "import_files" ADD CONSTRAINT "import_files_import_fkey" FOREIGN KEY ("workspace_id", "import_id") REFERENCES "imports"("workspace_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "import_errors" ADD CONSTRAINT "import_errors_import_fkey" FOREIGN KEY ("workspace_id", "import_id") REFERENCES "imports"("workspace_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Which import created a contact: lets a re-delivered row of the same import update it even
-- with on_conflict=skip (duplicates inside one file merge, last one wins).
ALTER TABLE "contacts" ADD COLUMN "import_id" TEXT;
