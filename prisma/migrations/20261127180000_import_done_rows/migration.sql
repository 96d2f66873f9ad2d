-- An import writes its next chunk while the previous one is still being written (issue 13: the
-- two statements use both cores), so chunks may commit out of file order. Each chunk records the
-- data rows it covered, by position in the file (0 = the first row after the header); a resumed
-- import skips exactly those. processed_rows stays their count, for progress.
ALTER TABLE "imports" ADD COLUMN "done_rows" INT4MULTIRANGE NOT NULL DEFAULT '{}';
-- Imports stopped before this change committed their chunks in order: a prefix of the file.
UPDATE "imports" SET "done_rows" = int4multirange(int4range(0, "processed_rows")) WHERE "processed_rows" > 0;
