-- hand-written: the PostgreSQL side of schema/sqlite/023_council_index_rows.sql, which
-- changes nothing in SQLite.
--
-- The indexes that lead with the council, (la, child, ...) (header's of 012_councils.sql and
-- the others of 019_council_indexes.sql), hold only the rows labelled with a council. A
-- council's load reads them (WHERE la = $1, src/store/store_load.c); a database of one
-- council imports with no council set, labels every row '' (the column's default for a
-- connection working for every council, and what the import writes) and never reads them,
-- yet every import wrote an entry in each of them for each of its rows: a second B-tree
-- insert per row, 4.1 of the 11.7 processor seconds of PostgreSQL in a first import of a
-- 3.7-million-row history (bench/RESULTS.md, "Where a PostgreSQL import's time goes").
-- As partial indexes WHERE la <> '' they cost nothing there and stay what a pooled council's
-- load reads: its code is never '', so la = '835' implies the predicate and the planner
-- enters the index at the council as before (tests/cli/pg_pool.sh checks the plans).
-- Upgrading a database rebuilds each of them once, from the labelled rows alone.

DROP INDEX header_la;
CREATE INDEX header_la ON header (la, child) WHERE la <> '';

DROP INDEX episodes_la;
CREATE INDEX episodes_la ON episodes (la, child, decom) WHERE la <> '';

DROP INDEX reviews_la;
CREATE INDEX reviews_la ON reviews (la, child, review) WHERE la <> '';

DROP INDEX uasc_la;
CREATE INDEX uasc_la ON uasc (la, child) WHERE la <> '';

DROP INDEX oc2_la;
CREATE INDEX oc2_la ON oc2 (la, child, year) WHERE la <> '';

DROP INDEX oc3_la;
CREATE INDEX oc3_la ON oc3 (la, child, year) WHERE la <> '';

DROP INDEX ad1_la;
CREATE INDEX ad1_la ON ad1 (la, child, year) WHERE la <> '';

DROP INDEX placed_adoption_la;
CREATE INDEX placed_adoption_la ON placed_adoption (la, child, date_placed) WHERE la <> '';

DROP INDEX prev_perm_la;
CREATE INDEX prev_perm_la ON prev_perm (la, child, year) WHERE la <> '';

DROP INDEX missing_la;
CREATE INDEX missing_la ON missing (la, child, mis_start) WHERE la <> '';

DROP INDEX sw_episodes_la;
CREATE INDEX sw_episodes_la ON sw_episodes (la, child, sw_decom) WHERE la <> '';

DROP INDEX dolo_la;
CREATE INDEX dolo_la ON dolo (la, child, dolo_start) WHERE la <> '';

DROP INDEX disability_la;
CREATE INDEX disability_la ON disability (la, child) WHERE la <> '';

DROP INDEX visits_la;
CREATE INDEX visits_la ON visits (la, child, visit_date) WHERE la <> '';

DROP INDEX health_assessments_la;
CREATE INDEX health_assessments_la ON health_assessments (la, child, ha_date) WHERE la <> '';

DROP INDEX dental_checks_la;
CREATE INDEX dental_checks_la ON dental_checks (la, child, dental_date) WHERE la <> '';

DROP INDEX immunisations_la;
CREATE INDEX immunisations_la ON immunisations (la, child, imms_date) WHERE la <> '';

DROP INDEX sdq_la;
CREATE INDEX sdq_la ON sdq (la, child, sdq_date) WHERE la <> '';

DROP INDEX peps_la;
CREATE INDEX peps_la ON peps (la, child, pep_date) WHERE la <> '';

DROP INDEX care_plans_la;
CREATE INDEX care_plans_la ON care_plans (la, child, care_plan_date) WHERE la <> '';

DROP INDEX needs_assessments_la;
CREATE INDEX needs_assessments_la ON needs_assessments (la, child, needs_assessment_date) WHERE la <> '';

DROP INDEX pathway_plans_la;
CREATE INDEX pathway_plans_la ON pathway_plans (la, child, pathway_plan_date) WHERE la <> '';

DROP INDEX pa_contacts_la;
CREATE INDEX pa_contacts_la ON pa_contacts (la, child, pa_contact_date) WHERE la <> '';

DROP INDEX visit_regimes_la;
CREATE INDEX visit_regimes_la ON visit_regimes (la, child, regime_date) WHERE la <> '';
