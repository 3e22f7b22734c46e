-- hand-written: the PostgreSQL side of schema/sqlite/020_key_collation.sql, which changes
-- nothing in SQLite.
--
-- The text columns of the history's primary keys compare byte by byte (the "C" collation),
-- as SQLite's BINARY does, instead of in the database's locale. Every row an import writes
-- is placed in its table's primary key by a dozen or more comparisons of its key, and in a
-- locale each one goes through strcoll: a fifth of the time of a merge into an empty table
-- (bench/RESULTS.md, "Where a PostgreSQL import's time goes"). Sorts on these columns
-- (the loads' ORDER BY child) also give the order SQLite gives, whatever the database's
-- locale. Only the collation changes, so no table is rewritten; each primary key (and any
-- other index on these columns) is rebuilt once. The column la is left as it is: the
-- row-level security policies of 012_councils.sql use it.
ALTER TABLE header
    ALTER COLUMN child TYPE TEXT COLLATE "C";
ALTER TABLE episodes
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN decom TYPE TEXT COLLATE "C";
ALTER TABLE reviews
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN review TYPE TEXT COLLATE "C";
ALTER TABLE uasc
    ALTER COLUMN child TYPE TEXT COLLATE "C";
ALTER TABLE oc2
    ALTER COLUMN child TYPE TEXT COLLATE "C";
ALTER TABLE oc3
    ALTER COLUMN child TYPE TEXT COLLATE "C";
ALTER TABLE ad1
    ALTER COLUMN child TYPE TEXT COLLATE "C";
ALTER TABLE placed_adoption
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN date_placed TYPE TEXT COLLATE "C";
ALTER TABLE prev_perm
    ALTER COLUMN child TYPE TEXT COLLATE "C";
ALTER TABLE missing
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN mis_start TYPE TEXT COLLATE "C";
ALTER TABLE sw_episodes
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN sw_decom TYPE TEXT COLLATE "C";
ALTER TABLE dolo
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN dolo_start TYPE TEXT COLLATE "C";
ALTER TABLE disability
    ALTER COLUMN child TYPE TEXT COLLATE "C";
ALTER TABLE visits
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN visit_date TYPE TEXT COLLATE "C";
ALTER TABLE health_assessments
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN ha_date TYPE TEXT COLLATE "C";
ALTER TABLE dental_checks
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN dental_date TYPE TEXT COLLATE "C";
ALTER TABLE immunisations
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN imms_date TYPE TEXT COLLATE "C";
ALTER TABLE sdq
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN sdq_date TYPE TEXT COLLATE "C";
ALTER TABLE peps
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN pep_date TYPE TEXT COLLATE "C";
ALTER TABLE care_plans
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN care_plan_date TYPE TEXT COLLATE "C";
ALTER TABLE needs_assessments
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN needs_assessment_date TYPE TEXT COLLATE "C";
ALTER TABLE pathway_plans
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN pathway_plan_date TYPE TEXT COLLATE "C";
ALTER TABLE pa_contacts
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN pa_contact_date TYPE TEXT COLLATE "C";
ALTER TABLE visit_regimes
    ALTER COLUMN child TYPE TEXT COLLATE "C",
    ALTER COLUMN regime_date TYPE TEXT COLLATE "C";
