-- Carepledge schema, version 21: what each import did with the rows it read, per table.
--
-- The import log (005_import_log.sql) records how many rows of each table an import read.
-- Issue 12 (item 8) asks also for the rows added, changed and unchanged: of the keys an
-- import gave a table (one row per key: the latest return's), how many were not stored
-- before (added), how many replaced a stored row whose 903 values differ (changed), and how
-- many left the stored row as it was (unchanged: the same values, perhaps from a newer
-- return, or a later return's row kept). They add up to the keys, which is fewer than the
-- rows read when a history repeats a child's Header year after year. Both engines count the
-- same (SQLite row by row, PostgreSQL at the merge; store_outcomes.c). Imports logged
-- before this version have no row here.
--
-- A table of their own rather than three columns added to import_rows: SQLite parses the
-- whole schema again after each ALTER TABLE ... ADD COLUMN, 11 million instructions for the
-- three, paid by every new database's first import (issue 9: no command slower).

CREATE TABLE import_outcomes (
    import_id INTEGER NOT NULL REFERENCES imports (id),
    table_name TEXT NOT NULL,            -- the table as stored, as in import_rows
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    PRIMARY KEY (import_id, table_name)
);
