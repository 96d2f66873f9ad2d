-- Metadata filters and saved segments (issue 12).

-- Saved segments: a named contact filter, stored as the filter schema's validated output. Names
-- are unique per workspace; counts are computed when read, never stored.
CREATE TABLE "segments" (
    "workspace_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "segments_pkey" PRIMARY KEY ("workspace_id", "id")
);

CREATE UNIQUE INDEX "segments_workspace_id_name_key" ON "segments"("workspace_id", "name");

ALTER TABLE "segments" ADD CONSTRAINT "segments_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Metadata equality (`metadata[plan]=pro`, `in`) is containment, c.metadata @> {"plan": "pro"}:
-- jsonb_path_ops indexes each key path with its value (smaller and faster for @> than the default
-- jsonb_ops, which would also serve `?` but is not worth its size here). btree_gin lets the index
-- lead with workspace_id like every other index. Ranges and `exists` read the workspace's rows.
CREATE INDEX "contacts_metadata_idx" ON "contacts" USING GIN ("workspace_id", "metadata" jsonb_path_ops);
