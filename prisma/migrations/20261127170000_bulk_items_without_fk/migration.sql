-- A bulk job's frozen selection (bulk_job_items) without a foreign key to its job: the per-row
-- check cost ~1 s of every 100,000-contact selection (measured at 1,000,000 contacts: inserting
-- 100,000 items took 1.6-2.3 s with it, 0.6-0.7 s without). Items are only written in the
-- transaction that creates their job, and jobs are never deleted by the product.
ALTER TABLE "bulk_job_items" DROP CONSTRAINT "bulk_job_items_job_fkey";
