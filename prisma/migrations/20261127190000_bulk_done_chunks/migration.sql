-- A bulk job writes two chunks of its selection at once (issue 13: both cores), so chunks may
-- commit out of order. The selection is cut into ranges of contact ids once (chunk_bounds: the
-- exclusive lower bound of each chunk, stored with the first committed chunk), and each chunk
-- records its number in done_chunks; a resumed job applies only the chunks not done.
-- last_contact_id stays the checkpoint of jobs stopped before this change: everything up to it
-- is done, and their chunks start after it.
ALTER TABLE "bulk_jobs" ADD COLUMN "chunk_bounds" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "bulk_jobs" ADD COLUMN "done_chunks" INT4MULTIRANGE NOT NULL DEFAULT '{}';
