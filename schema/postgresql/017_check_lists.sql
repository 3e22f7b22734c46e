-- hand-written: the PostgreSQL side of schema/sqlite/017_check_lists.sql (read it first).
-- PostgreSQL checks an IN list without building anything per row, and rebuilding the tables
-- would drop the row-level security 012_councils.sql gave them, so here the two CHECK
-- constraints are only restated in the same form as SQLite's, named as PostgreSQL named the
-- originals (table_column_check), so that both engines accept and refuse the same words.
ALTER TABLE pa_contacts DROP CONSTRAINT IF EXISTS pa_contacts_pa_contact_type_check;
ALTER TABLE pa_contacts ADD CONSTRAINT pa_contacts_pa_contact_type_check
    CHECK (pa_contact_type = 'visit' OR pa_contact_type = 'phone'
           OR pa_contact_type = 'video' OR pa_contact_type = 'message');
ALTER TABLE visit_regimes DROP CONSTRAINT IF EXISTS visit_regimes_regime_check;
ALTER TABLE visit_regimes ADD CONSTRAINT visit_regimes_regime_check
    CHECK (regime = 'reg19_assessment_pending' OR regime = 'reg24_temporary_approval'
           OR regime = 'standard');
