-- hand-written: the PostgreSQL side of schema/sqlite/012_councils.sql (read it first), with
-- row-level security, which SQLite has no counterpart of.
--
-- A connection says which council it works for with the setting carepledge.la, which the
-- driver sets when it connects (src/store/pg.c): the council's code, or '*' for a store
-- opened for no council (one council's database, or the partnership's pooled figures).
-- Each child-keyed table is ENABLEd and FORCEd under a policy that shows and admits only
-- rows of that council, so the table's owner (the role Carepledge connects as) is held by
-- it too; a connection without the setting sees no row at all. A row written without a
-- council takes the connection's. (Superusers and BYPASSRLS roles skip every policy:
-- connect as an ordinary role.)

CREATE FUNCTION carepledge_la() RETURNS TEXT LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('carepledge.la', true), '') $$;

CREATE FUNCTION carepledge_one_council() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.la <> NEW.la THEN
        RAISE EXCEPTION 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers (child %, council %, not %)', OLD.child, OLD.la, NEW.la;
    END IF;
    RETURN NEW;
END $$;

ALTER TABLE header ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE header ENABLE ROW LEVEL SECURITY;
ALTER TABLE header FORCE ROW LEVEL SECURITY;
CREATE POLICY header_council ON header USING (carepledge_la() IN ('*', la));
CREATE TRIGGER header_one_council BEFORE UPDATE OF la ON header
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE episodes ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE episodes ENABLE ROW LEVEL SECURITY;
ALTER TABLE episodes FORCE ROW LEVEL SECURITY;
CREATE POLICY episodes_council ON episodes USING (carepledge_la() IN ('*', la));
CREATE TRIGGER episodes_one_council BEFORE UPDATE OF la ON episodes
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE reviews ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE reviews FORCE ROW LEVEL SECURITY;
CREATE POLICY reviews_council ON reviews USING (carepledge_la() IN ('*', la));
CREATE TRIGGER reviews_one_council BEFORE UPDATE OF la ON reviews
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE uasc ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE uasc ENABLE ROW LEVEL SECURITY;
ALTER TABLE uasc FORCE ROW LEVEL SECURITY;
CREATE POLICY uasc_council ON uasc USING (carepledge_la() IN ('*', la));
CREATE TRIGGER uasc_one_council BEFORE UPDATE OF la ON uasc
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE oc2 ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE oc2 ENABLE ROW LEVEL SECURITY;
ALTER TABLE oc2 FORCE ROW LEVEL SECURITY;
CREATE POLICY oc2_council ON oc2 USING (carepledge_la() IN ('*', la));
CREATE TRIGGER oc2_one_council BEFORE UPDATE OF la ON oc2
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE oc3 ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE oc3 ENABLE ROW LEVEL SECURITY;
ALTER TABLE oc3 FORCE ROW LEVEL SECURITY;
CREATE POLICY oc3_council ON oc3 USING (carepledge_la() IN ('*', la));
CREATE TRIGGER oc3_one_council BEFORE UPDATE OF la ON oc3
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE ad1 ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE ad1 ENABLE ROW LEVEL SECURITY;
ALTER TABLE ad1 FORCE ROW LEVEL SECURITY;
CREATE POLICY ad1_council ON ad1 USING (carepledge_la() IN ('*', la));
CREATE TRIGGER ad1_one_council BEFORE UPDATE OF la ON ad1
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE placed_adoption ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE placed_adoption ENABLE ROW LEVEL SECURITY;
ALTER TABLE placed_adoption FORCE ROW LEVEL SECURITY;
CREATE POLICY placed_adoption_council ON placed_adoption USING (carepledge_la() IN ('*', la));
CREATE TRIGGER placed_adoption_one_council BEFORE UPDATE OF la ON placed_adoption
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE prev_perm ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE prev_perm ENABLE ROW LEVEL SECURITY;
ALTER TABLE prev_perm FORCE ROW LEVEL SECURITY;
CREATE POLICY prev_perm_council ON prev_perm USING (carepledge_la() IN ('*', la));
CREATE TRIGGER prev_perm_one_council BEFORE UPDATE OF la ON prev_perm
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE missing ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE missing ENABLE ROW LEVEL SECURITY;
ALTER TABLE missing FORCE ROW LEVEL SECURITY;
CREATE POLICY missing_council ON missing USING (carepledge_la() IN ('*', la));
CREATE TRIGGER missing_one_council BEFORE UPDATE OF la ON missing
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE sw_episodes ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE sw_episodes ENABLE ROW LEVEL SECURITY;
ALTER TABLE sw_episodes FORCE ROW LEVEL SECURITY;
CREATE POLICY sw_episodes_council ON sw_episodes USING (carepledge_la() IN ('*', la));
CREATE TRIGGER sw_episodes_one_council BEFORE UPDATE OF la ON sw_episodes
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE dolo ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE dolo ENABLE ROW LEVEL SECURITY;
ALTER TABLE dolo FORCE ROW LEVEL SECURITY;
CREATE POLICY dolo_council ON dolo USING (carepledge_la() IN ('*', la));
CREATE TRIGGER dolo_one_council BEFORE UPDATE OF la ON dolo
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE disability ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE disability ENABLE ROW LEVEL SECURITY;
ALTER TABLE disability FORCE ROW LEVEL SECURITY;
CREATE POLICY disability_council ON disability USING (carepledge_la() IN ('*', la));
CREATE TRIGGER disability_one_council BEFORE UPDATE OF la ON disability
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE visits ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE visits ENABLE ROW LEVEL SECURITY;
ALTER TABLE visits FORCE ROW LEVEL SECURITY;
CREATE POLICY visits_council ON visits USING (carepledge_la() IN ('*', la));
CREATE TRIGGER visits_one_council BEFORE UPDATE OF la ON visits
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE health_assessments ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE health_assessments ENABLE ROW LEVEL SECURITY;
ALTER TABLE health_assessments FORCE ROW LEVEL SECURITY;
CREATE POLICY health_assessments_council ON health_assessments USING (carepledge_la() IN ('*', la));
CREATE TRIGGER health_assessments_one_council BEFORE UPDATE OF la ON health_assessments
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE dental_checks ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE dental_checks ENABLE ROW LEVEL SECURITY;
ALTER TABLE dental_checks FORCE ROW LEVEL SECURITY;
CREATE POLICY dental_checks_council ON dental_checks USING (carepledge_la() IN ('*', la));
CREATE TRIGGER dental_checks_one_council BEFORE UPDATE OF la ON dental_checks
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE immunisations ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE immunisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE immunisations FORCE ROW LEVEL SECURITY;
CREATE POLICY immunisations_council ON immunisations USING (carepledge_la() IN ('*', la));
CREATE TRIGGER immunisations_one_council BEFORE UPDATE OF la ON immunisations
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE sdq ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE sdq ENABLE ROW LEVEL SECURITY;
ALTER TABLE sdq FORCE ROW LEVEL SECURITY;
CREATE POLICY sdq_council ON sdq USING (carepledge_la() IN ('*', la));
CREATE TRIGGER sdq_one_council BEFORE UPDATE OF la ON sdq
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE peps ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE peps ENABLE ROW LEVEL SECURITY;
ALTER TABLE peps FORCE ROW LEVEL SECURITY;
CREATE POLICY peps_council ON peps USING (carepledge_la() IN ('*', la));
CREATE TRIGGER peps_one_council BEFORE UPDATE OF la ON peps
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE care_plans ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE care_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE care_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY care_plans_council ON care_plans USING (carepledge_la() IN ('*', la));
CREATE TRIGGER care_plans_one_council BEFORE UPDATE OF la ON care_plans
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE needs_assessments ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE needs_assessments ENABLE ROW LEVEL SECURITY;
ALTER TABLE needs_assessments FORCE ROW LEVEL SECURITY;
CREATE POLICY needs_assessments_council ON needs_assessments USING (carepledge_la() IN ('*', la));
CREATE TRIGGER needs_assessments_one_council BEFORE UPDATE OF la ON needs_assessments
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE pathway_plans ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE pathway_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE pathway_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY pathway_plans_council ON pathway_plans USING (carepledge_la() IN ('*', la));
CREATE TRIGGER pathway_plans_one_council BEFORE UPDATE OF la ON pathway_plans
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE pa_contacts ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE pa_contacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE pa_contacts FORCE ROW LEVEL SECURITY;
CREATE POLICY pa_contacts_council ON pa_contacts USING (carepledge_la() IN ('*', la));
CREATE TRIGGER pa_contacts_one_council BEFORE UPDATE OF la ON pa_contacts
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE visit_regimes ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE visit_regimes ENABLE ROW LEVEL SECURITY;
ALTER TABLE visit_regimes FORCE ROW LEVEL SECURITY;
CREATE POLICY visit_regimes_council ON visit_regimes USING (carepledge_la() IN ('*', la));
CREATE TRIGGER visit_regimes_one_council BEFORE UPDATE OF la ON visit_regimes
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE value_marks ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE value_marks ENABLE ROW LEVEL SECURITY;
ALTER TABLE value_marks FORCE ROW LEVEL SECURITY;
CREATE POLICY value_marks_council ON value_marks USING (carepledge_la() IN ('*', la));
CREATE TRIGGER value_marks_one_council BEFORE UPDATE OF la ON value_marks
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
ALTER TABLE record_corrections ADD COLUMN la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END;
ALTER TABLE record_corrections ENABLE ROW LEVEL SECURITY;
ALTER TABLE record_corrections FORCE ROW LEVEL SECURITY;
CREATE POLICY record_corrections_council ON record_corrections USING (carepledge_la() IN ('*', la));
CREATE TRIGGER record_corrections_one_council BEFORE UPDATE OF la ON record_corrections
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();

-- No foreign key from the child tables to header on PostgreSQL: checked row by row it
-- locks the child's header row for every row stored, some 40% of an import's merge
-- (bench/RESULTS.md, "Where a PostgreSQL import's time goes"). Every write of a child
-- table goes through the import's merge (src/store/store_stage.c), which checks all of
-- a table's staged rows against header at once, and refuses the import naming the child.
ALTER TABLE episodes DROP CONSTRAINT episodes_child_fkey;
ALTER TABLE reviews DROP CONSTRAINT reviews_child_fkey;
ALTER TABLE uasc DROP CONSTRAINT uasc_child_fkey;
ALTER TABLE oc2 DROP CONSTRAINT oc2_child_fkey;
ALTER TABLE oc3 DROP CONSTRAINT oc3_child_fkey;
ALTER TABLE ad1 DROP CONSTRAINT ad1_child_fkey;
ALTER TABLE placed_adoption DROP CONSTRAINT placed_adoption_child_fkey;
ALTER TABLE prev_perm DROP CONSTRAINT prev_perm_child_fkey;
ALTER TABLE missing DROP CONSTRAINT missing_child_fkey;
ALTER TABLE sw_episodes DROP CONSTRAINT sw_episodes_child_fkey;
ALTER TABLE dolo DROP CONSTRAINT dolo_child_fkey;
ALTER TABLE visits DROP CONSTRAINT visits_child_fkey;
ALTER TABLE health_assessments DROP CONSTRAINT health_assessments_child_fkey;
ALTER TABLE dental_checks DROP CONSTRAINT dental_checks_child_fkey;
ALTER TABLE immunisations DROP CONSTRAINT immunisations_child_fkey;
ALTER TABLE sdq DROP CONSTRAINT sdq_child_fkey;
ALTER TABLE peps DROP CONSTRAINT peps_child_fkey;
ALTER TABLE care_plans DROP CONSTRAINT care_plans_child_fkey;
ALTER TABLE needs_assessments DROP CONSTRAINT needs_assessments_child_fkey;
ALTER TABLE pathway_plans DROP CONSTRAINT pathway_plans_child_fkey;
ALTER TABLE pa_contacts DROP CONSTRAINT pa_contacts_child_fkey;
ALTER TABLE visit_regimes DROP CONSTRAINT visit_regimes_child_fkey;

ALTER TABLE users ADD COLUMN la TEXT NOT NULL DEFAULT '';
CREATE INDEX header_la ON header (la, child);
