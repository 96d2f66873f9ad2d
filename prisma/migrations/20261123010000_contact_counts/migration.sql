-- Exact per-workspace contact totals without counting a million rows on every first page.
-- Statement-level triggers add one delta per statement (set-based: an import chunk costs one
-- counter write), spread over 8 shards so concurrent writers rarely wait on the same row.
CREATE TABLE "contact_counts" (
    "workspace_id" TEXT NOT NULL,
    "shard" SMALLINT NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "contact_counts_pkey" PRIMARY KEY ("workspace_id", "shard")
);

CREATE FUNCTION contact_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_counts (workspace_id, shard, n)
  SELECT workspace_id, floor(random() * 8)::smallint, count(*) FROM new_rows GROUP BY workspace_id
  ON CONFLICT (workspace_id, shard) DO UPDATE SET n = contact_counts.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION contact_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_counts (workspace_id, shard, n)
  SELECT workspace_id, floor(random() * 8)::smallint, -count(*) FROM old_rows GROUP BY workspace_id
  ON CONFLICT (workspace_id, shard) DO UPDATE SET n = contact_counts.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE TRIGGER contacts_count_inserted AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_counts_inserted();
CREATE TRIGGER contacts_count_deleted AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_counts_deleted();

INSERT INTO contact_counts (workspace_id, shard, n) SELECT workspace_id, 0, count(*) FROM contacts GROUP BY workspace_id;
