-- Generated from schema/sqlite/003_visit_regimes.sql by scripts/pg-schema.sh: edit that file, not this.
-- Carepledge schema, version 3: statements of the visit regime a child's placement is under
-- (the VisitRegimes record template, docs/templates.md), which the SSDA903 cannot tell:
-- placed with a parent before the assessment is complete (CPPCR 2010 reg 19, visits under reg
-- 28(3)), placed with a connected person under temporary approval (reg 24, visits under reg
-- 28(4)), or neither any more ('standard': the assessment is complete, the carer fully approved).
--
-- Kept like the other record templates (002_records.sql): once per child and date; importing a
-- statement again updates it when it comes from the same or a later collection year
-- (source_year). The regime is required: a statement that names none says nothing.

CREATE TABLE visit_regimes (
    child TEXT NOT NULL REFERENCES header(child),
    regime_date TEXT NOT NULL,
    regime TEXT NOT NULL
        CHECK (regime IN ('reg19_assessment_pending', 'reg24_temporary_approval', 'standard')),
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, regime_date)
);
