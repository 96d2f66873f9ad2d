-- Imports that understand the files people have (issue 9).

-- National phone numbers (API and imports) are read in the workspace's default country.
ALTER TABLE "workspaces" ADD COLUMN "default_country" TEXT NOT NULL DEFAULT 'US';

-- Per import: the layout recognised from the header row, the country its national phone numbers
-- are read in, whether it may subscribe people who opted out, how many rows it kept unsubscribed,
-- and how many times a worker started it (retries are bounded).
ALTER TABLE "imports"
    ADD COLUMN "detected_source" TEXT,
    ADD COLUMN "default_country" TEXT NOT NULL DEFAULT 'US',
    ADD COLUMN "resubscribe" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "kept_unsubscribed" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;

-- The mapping a workspace confirmed for a header row (keyed by a hash of the normalised headers),
-- proposed the next time the same layout arrives. `targets` is aligned with `headers` by position.
CREATE TABLE "import_mappings" (
    "workspace_id" TEXT NOT NULL,
    "header_hash" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "targets" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "import_mappings_pkey" PRIMARY KEY ("workspace_id", "header_hash")
);

ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
