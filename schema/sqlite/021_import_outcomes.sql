-- Carepledge schema, version 21: what each import did with the rows it read, per table.
--
-- The import log (005_import_log.sql) records how many rows of each table an import read.
-- Issue 12 (item 8) asks also for the rows added, changed and unchanged: of the keys an
-- import gave a table (one row per key: the latest return's), how many were not stored
-- before (added), how many replaced a stored row whose 903 values differ (changed), and how
-- many left the stored row as it was (unchanged: the same values, perhaps from a newer
-- return, or a later return's row kept). They add up to the keys, which is fewer than the
-- rows read when a history repeats a child's Header year after year. Both engines count the
-- same (SQLite row by row, PostgreSQL at the merge; store_outcomes.c). NULL for imports
-- logged before this version.

ALTER TABLE import_rows ADD COLUMN added INTEGER;
ALTER TABLE import_rows ADD COLUMN changed INTEGER;
ALTER TABLE import_rows ADD COLUMN unchanged INTEGER;
