-- Exact totals for the filters people use most, without counting matches on every first page:
-- contacts per tag, per status and per suppressed. Kept like contact_counts: statement-level
-- triggers add one aggregated delta per statement on one of 8 shards chosen per statement, in
-- one statement that touches rows in key order, so two writers never wait on each other in a cycle.
CREATE TABLE "contact_filter_counts" (
    "workspace_id" TEXT NOT NULL,
    -- 'tag', 'status' or 'suppressed'; `value` is the tag, the status, or 'true'/'false'.
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "shard" SMALLINT NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "contact_filter_counts_pkey" PRIMARY KEY ("workspace_id", "kind", "value", "shard")
);

-- The counter rows one contact version stands for.
CREATE FUNCTION rolo_filter_keys(tags text[], status "ContactStatus", suppressed boolean)
RETURNS TABLE (kind text, value text) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'tag', t FROM unnest(tags) AS t
  UNION ALL SELECT 'status', status::text
  UNION ALL SELECT 'suppressed', suppressed::text
$$;

CREATE FUNCTION contact_filter_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_filter_counts AS k (workspace_id, kind, value, shard, n)
  SELECT r.workspace_id, f.kind, f.value, floor(random() * 8)::smallint, count(*)
    FROM new_rows r, rolo_filter_keys(r.tags, r.status, r.suppressed) f
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (workspace_id, kind, value, shard) DO UPDATE SET n = k.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION contact_filter_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_filter_counts AS k (workspace_id, kind, value, shard, n)
  SELECT r.workspace_id, f.kind, f.value, floor(random() * 8)::smallint, -count(*)
    FROM old_rows r, rolo_filter_keys(r.tags, r.status, r.suppressed) f
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (workspace_id, kind, value, shard) DO UPDATE SET n = k.n + EXCLUDED.n;
  RETURN NULL;
END $$;

-- Only rows whose tags, status or suppression changed count: -1 for the old version, +1 for the new.
CREATE FUNCTION contact_filter_counts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_filter_counts AS k (workspace_id, kind, value, shard, n)
  SELECT x.workspace_id, f.kind, f.value, floor(random() * 8)::smallint, sum(x.sign)
    FROM old_rows o JOIN new_rows r ON r.workspace_id = o.workspace_id AND r.id = o.id
   CROSS JOIN LATERAL (VALUES (o.workspace_id, o.tags, o.status, o.suppressed, -1),
                              (r.workspace_id, r.tags, r.status, r.suppressed, 1)) AS x(workspace_id, tags, status, suppressed, sign)
   CROSS JOIN LATERAL rolo_filter_keys(x.tags, x.status, x.suppressed) f
   WHERE o.tags IS DISTINCT FROM r.tags OR o.status <> r.status OR o.suppressed <> r.suppressed
   GROUP BY 1, 2, 3 HAVING sum(x.sign) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (workspace_id, kind, value, shard) DO UPDATE SET n = k.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE TRIGGER contacts_filter_counts_inserted AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_filter_counts_inserted();
CREATE TRIGGER contacts_filter_counts_updated AFTER UPDATE ON contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_filter_counts_updated();
CREATE TRIGGER contacts_filter_counts_deleted AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_filter_counts_deleted();

INSERT INTO contact_filter_counts (workspace_id, kind, value, shard, n)
SELECT c.workspace_id, f.kind, f.value, 0, count(*) FROM contacts c, rolo_filter_keys(c.tags, c.status, c.suppressed) f GROUP BY 1, 2, 3;
