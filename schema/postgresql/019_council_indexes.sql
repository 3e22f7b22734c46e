-- hand-written: the PostgreSQL side of schema/sqlite/019_council_indexes.sql (read it first),
-- which changes nothing in a SQLite database.
--
-- 1. Every child-keyed table gets an index leading with the council and then the table's own
-- key, (la, child, ...), in the order a load reads it. A store working for one council loads
-- with WHERE la = $1 ... ORDER BY child, ... (src/store/store_load.c): an index scan of that
-- council's entries, already in the order the load wants, instead of a scan of every
-- council's rows that row-level security then filters. With 20 councils of 25,000 children
-- (18.5 million rows) a council's load read all 18.5 million rows to keep its twentieth
-- (bench/RESULTS.md, "A pooled region on PostgreSQL"). header has had (la, child) since
-- 012_councils.sql. value_marks and record_corrections are read whole and are small.

CREATE INDEX episodes_la ON episodes (la, child, decom);
CREATE INDEX reviews_la ON reviews (la, child, review);
CREATE INDEX uasc_la ON uasc (la, child);
CREATE INDEX oc2_la ON oc2 (la, child, year);
CREATE INDEX oc3_la ON oc3 (la, child, year);
CREATE INDEX ad1_la ON ad1 (la, child, year);
CREATE INDEX placed_adoption_la ON placed_adoption (la, child, date_placed);
CREATE INDEX prev_perm_la ON prev_perm (la, child, year);
CREATE INDEX missing_la ON missing (la, child, mis_start);
CREATE INDEX sw_episodes_la ON sw_episodes (la, child, sw_decom);
CREATE INDEX dolo_la ON dolo (la, child, dolo_start);
CREATE INDEX disability_la ON disability (la, child);
CREATE INDEX visits_la ON visits (la, child, visit_date);
CREATE INDEX health_assessments_la ON health_assessments (la, child, ha_date);
CREATE INDEX dental_checks_la ON dental_checks (la, child, dental_date);
CREATE INDEX immunisations_la ON immunisations (la, child, imms_date);
CREATE INDEX sdq_la ON sdq (la, child, sdq_date);
CREATE INDEX peps_la ON peps (la, child, pep_date);
CREATE INDEX care_plans_la ON care_plans (la, child, care_plan_date);
CREATE INDEX needs_assessments_la ON needs_assessments (la, child, needs_assessment_date);
CREATE INDEX pathway_plans_la ON pathway_plans (la, child, pathway_plan_date);
CREATE INDEX pa_contacts_la ON pa_contacts (la, child, pa_contact_date);
CREATE INDEX visit_regimes_la ON visit_regimes (la, child, regime_date);

-- 2. The policies of 012_councils.sql read `carepledge_la() IN ('*', la)`: PostgreSQL inlines
-- carepledge_la() (a STABLE SQL function) into current_setting(...), a look-up of the setting
-- by name, and builds the array ('*', la) for every row it checks, two function calls and an
-- array per row, tens of millions of times in a pooled load. The same rule, written with the
-- setting read in a sub-select, is an initplan that PostgreSQL evaluates once per statement;
-- each row then costs two comparisons of text with a value already known. A row is still seen
-- (and may be written) only by its own council's connections, or by one working for every
-- council ('*'); a connection that never set carepledge.la still sees no labelled row.

ALTER POLICY header_council ON header
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY episodes_council ON episodes
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY reviews_council ON reviews
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY uasc_council ON uasc
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY oc2_council ON oc2
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY oc3_council ON oc3
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY ad1_council ON ad1
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY placed_adoption_council ON placed_adoption
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY prev_perm_council ON prev_perm
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY missing_council ON missing
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY sw_episodes_council ON sw_episodes
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY dolo_council ON dolo
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY disability_council ON disability
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY visits_council ON visits
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY health_assessments_council ON health_assessments
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY dental_checks_council ON dental_checks
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY immunisations_council ON immunisations
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY sdq_council ON sdq
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY peps_council ON peps
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY care_plans_council ON care_plans
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY needs_assessments_council ON needs_assessments
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY pathway_plans_council ON pathway_plans
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY pa_contacts_council ON pa_contacts
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY visit_regimes_council ON visit_regimes
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY value_marks_council ON value_marks
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
ALTER POLICY record_corrections_council ON record_corrections
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
