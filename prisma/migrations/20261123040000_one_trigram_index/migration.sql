-- One trigram index is enough: the email filter is answered by the search index (its text
-- contains the email) and rechecked on the email alone. Every write (create, import, bulk)
-- then maintains one trigram index instead of two.
DROP INDEX IF EXISTS "contacts_email_trgm_idx";
