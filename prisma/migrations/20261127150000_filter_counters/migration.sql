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

-- Inserted or deleted rows: each counts once per tag, once for its status, once for suppressed:
-- three hash aggregates over the transition table, written in key order.
CREATE FUNCTION contact_filter_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_filter_counts AS k (workspace_id, kind, value, shard, n)
  SELECT workspace_id, kind, value, floor(random() * 8)::smallint, n FROM (
    SELECT workspace_id, 'tag' AS kind, t AS value, count(*) AS n FROM new_rows, unnest(tags) AS t GROUP BY 1, 3
    UNION ALL SELECT workspace_id, 'status', status::text, count(*) FROM new_rows GROUP BY 1, 3
    UNION ALL SELECT workspace_id, 'suppressed', suppressed::text, count(*) FROM new_rows GROUP BY 1, 3
  ) d ORDER BY 1, 2, 3
  ON CONFLICT (workspace_id, kind, value, shard) DO UPDATE SET n = k.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION contact_filter_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_filter_counts AS k (workspace_id, kind, value, shard, n)
  SELECT workspace_id, kind, value, floor(random() * 8)::smallint, -n FROM (
    SELECT workspace_id, 'tag' AS kind, t AS value, count(*) AS n FROM old_rows, unnest(tags) AS t GROUP BY 1, 3
    UNION ALL SELECT workspace_id, 'status', status::text, count(*) FROM old_rows GROUP BY 1, 3
    UNION ALL SELECT workspace_id, 'suppressed', suppressed::text, count(*) FROM old_rows GROUP BY 1, 3
  ) d ORDER BY 1, 2, 3
  ON CONFLICT (workspace_id, kind, value, shard) DO UPDATE SET n = k.n + EXCLUDED.n;
  RETURN NULL;
END $$;

-- Updated rows count only what changed: tags added (+1) or removed (-1), and a status or
-- suppressed that moved (-1 old value, +1 new). A bulk add-tag is one row per contact.
CREATE FUNCTION contact_filter_counts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_filter_counts AS k (workspace_id, kind, value, shard, n)
  SELECT workspace_id, kind, value, floor(random() * 8)::smallint, sum(d) FROM (
    SELECT r.workspace_id, x.kind, x.value, x.d
      FROM old_rows o JOIN new_rows r ON r.workspace_id = o.workspace_id AND r.id = o.id
     CROSS JOIN LATERAL (
       SELECT 'tag' AS kind, t AS value, 1 AS d FROM unnest(r.tags) AS t WHERE o.tags IS DISTINCT FROM r.tags AND t <> ALL (o.tags)
       UNION ALL SELECT 'tag', t, -1 FROM unnest(o.tags) AS t WHERE o.tags IS DISTINCT FROM r.tags AND t <> ALL (r.tags)
       UNION ALL SELECT 'status', v, d FROM (VALUES (o.status::text, -1), (r.status::text, 1)) AS s(v, d) WHERE o.status <> r.status
       UNION ALL SELECT 'suppressed', v, d FROM (VALUES (o.suppressed::text, -1), (r.suppressed::text, 1)) AS s(v, d) WHERE o.suppressed <> r.suppressed
     ) x
     WHERE o.tags IS DISTINCT FROM r.tags OR o.status <> r.status OR o.suppressed <> r.suppressed
  ) d GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
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
SELECT workspace_id, 'tag', t, 0, count(*) FROM contacts, unnest(tags) AS t GROUP BY 1, 3
UNION ALL SELECT workspace_id, 'status', status::text, 0, count(*) FROM contacts GROUP BY 1, 3
UNION ALL SELECT workspace_id, 'suppressed', suppressed::text, 0, count(*) FROM contacts GROUP BY 1, 3;
