-- Erasure that sticks (issue 11): an import brings back the email or phone of an erased contact
-- only when it says so (`allow_erased`); otherwise such rows are refused and reported.
ALTER TABLE "imports" ADD COLUMN "allow_erased" BOOLEAN NOT NULL DEFAULT false;
