-- Carepledge schema, version 12: several councils in one database (regional pooling,
-- docs/postgresql.md "Several councils in one database").
--
-- la is the council's three-digit DfE LA code (the 903's own LA numbers, as in
-- LA_PERM), '' in a database of one council. Every child-keyed row carries it: an import
-- with a council (`import --council 835`, or CAREPLEDGE_COUNCIL) labels its rows, and a
-- store opened for a council loads only the children whose header row is labelled with
-- it. Child identifiers stay the key, so the councils of a pool must use distinct ones:
-- a row may never move from one council to another (the triggers below refuse it).
-- users.la is the council a user belongs to, '' for a single council's database and for
-- the partnership's users. On PostgreSQL row-level security enforces the same split
-- (schema/postgresql/012_councils.sql); SQLite has no row-level security.

ALTER TABLE header ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE episodes ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE uasc ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE oc2 ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE oc3 ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE ad1 ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE placed_adoption ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE prev_perm ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE missing ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE sw_episodes ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE dolo ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE disability ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE health_assessments ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE dental_checks ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE immunisations ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE sdq ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE peps ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE care_plans ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE needs_assessments ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE pathway_plans ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE pa_contacts ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE visit_regimes ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE value_marks ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE record_corrections ADD COLUMN la TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN la TEXT NOT NULL DEFAULT '';
CREATE INDEX header_la ON header (la, child);

CREATE TRIGGER header_one_council BEFORE UPDATE OF la ON header WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER episodes_one_council BEFORE UPDATE OF la ON episodes WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER reviews_one_council BEFORE UPDATE OF la ON reviews WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER uasc_one_council BEFORE UPDATE OF la ON uasc WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER oc2_one_council BEFORE UPDATE OF la ON oc2 WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER oc3_one_council BEFORE UPDATE OF la ON oc3 WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER ad1_one_council BEFORE UPDATE OF la ON ad1 WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER placed_adoption_one_council BEFORE UPDATE OF la ON placed_adoption WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER prev_perm_one_council BEFORE UPDATE OF la ON prev_perm WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER missing_one_council BEFORE UPDATE OF la ON missing WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER sw_episodes_one_council BEFORE UPDATE OF la ON sw_episodes WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER dolo_one_council BEFORE UPDATE OF la ON dolo WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER disability_one_council BEFORE UPDATE OF la ON disability WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER visits_one_council BEFORE UPDATE OF la ON visits WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER health_assessments_one_council BEFORE UPDATE OF la ON health_assessments WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER dental_checks_one_council BEFORE UPDATE OF la ON dental_checks WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER immunisations_one_council BEFORE UPDATE OF la ON immunisations WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER sdq_one_council BEFORE UPDATE OF la ON sdq WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER peps_one_council BEFORE UPDATE OF la ON peps WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER care_plans_one_council BEFORE UPDATE OF la ON care_plans WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER needs_assessments_one_council BEFORE UPDATE OF la ON needs_assessments WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER pathway_plans_one_council BEFORE UPDATE OF la ON pathway_plans WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER pa_contacts_one_council BEFORE UPDATE OF la ON pa_contacts WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER visit_regimes_one_council BEFORE UPDATE OF la ON visit_regimes WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER value_marks_one_council BEFORE UPDATE OF la ON value_marks WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
CREATE TRIGGER record_corrections_one_council BEFORE UPDATE OF la ON record_corrections WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
