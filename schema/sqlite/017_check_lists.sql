-- Carepledge schema, version 17: the same CHECK constraints on pa_contacts and visit_regimes,
-- written as comparisons joined by OR instead of IN with a list of three or more words.
--
-- Why: SQLite (3.40) checks `x IN ('a', 'b', 'c')` of three or more constants by building a
-- temporary index of the list, and builds it again for every row written: about 33,000
-- machine instructions a row, nearly three times the rest of the row's upsert. An import of
-- ten years of 3,000 children writes some 11,000 such rows, 15% of its instructions
-- (bench/RESULTS.md, "Before and after in instructions"). Two words are compared directly, so
-- the other record tables (002_records.sql) keep their IN. The accepted words, and what a
-- NULL is allowed, are unchanged: `x IN (...)` and `x = ... OR x = ...` are both NULL for a
-- NULL x, which a CHECK lets through.
--
-- How: SQLite cannot alter a CHECK constraint, so each table is rebuilt as SQLite's ALTER
-- TABLE documentation describes (a new table, its rows copied, the old dropped, the new
-- renamed), with its columns in the same order (la last, as 012_councils.sql added it) and
-- the trigger 012_councils.sql gave it. The migration runs in one transaction (store.c).

CREATE TABLE pa_contacts_017 (
    child TEXT NOT NULL REFERENCES header(child),
    pa_contact_date TEXT NOT NULL,
    pa_contact_type TEXT CHECK (pa_contact_type = 'visit' OR pa_contact_type = 'phone'
                                OR pa_contact_type = 'video' OR pa_contact_type = 'message'),
    source_year INTEGER NOT NULL,
    la TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (child, pa_contact_date)
) WITHOUT ROWID;
INSERT INTO pa_contacts_017 (child, pa_contact_date, pa_contact_type, source_year, la)
    SELECT child, pa_contact_date, pa_contact_type, source_year, la FROM pa_contacts;
DROP TABLE pa_contacts;
ALTER TABLE pa_contacts_017 RENAME TO pa_contacts;
CREATE TRIGGER pa_contacts_one_council BEFORE UPDATE OF la ON pa_contacts WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;

CREATE TABLE visit_regimes_017 (
    child TEXT NOT NULL REFERENCES header(child),
    regime_date TEXT NOT NULL,
    regime TEXT NOT NULL
        CHECK (regime = 'reg19_assessment_pending' OR regime = 'reg24_temporary_approval'
               OR regime = 'standard'),
    source_year INTEGER NOT NULL,
    la TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (child, regime_date)
) WITHOUT ROWID;
INSERT INTO visit_regimes_017 (child, regime_date, regime, source_year, la)
    SELECT child, regime_date, regime, source_year, la FROM visit_regimes;
DROP TABLE visit_regimes;
ALTER TABLE visit_regimes_017 RENAME TO visit_regimes;
CREATE TRIGGER visit_regimes_one_council BEFORE UPDATE OF la ON visit_regimes WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
