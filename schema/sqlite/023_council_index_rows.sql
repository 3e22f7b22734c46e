-- Carepledge schema, version 23: nothing changes in SQLite, which has no index on the council
-- (schema/sqlite/019_council_indexes.sql). The PostgreSQL migration of the same number makes
-- those indexes hold only the rows labelled with a council (schema/postgresql/
-- 023_council_index_rows.sql); this file keeps the two engines at one schema version, which
-- `carepledge migrate` requires.
SELECT 1;
