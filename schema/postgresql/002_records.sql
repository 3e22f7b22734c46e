-- Generated from schema/sqlite/002_records.sql by scripts/pg-schema.sh: edit that file, not this.
-- Carepledge schema, version 2: the council's local records that the SSDA903 does not
-- carry, imported from the record templates (docs/templates.md).
--
-- Each record is kept once under its natural key (child and date); importing it again
-- updates it, under the same source_year rule as the 903 tables (a row replaces a stored
-- one only when it comes from the same or a later collection year). Dates are ISO
-- 'YYYY-MM-DD' text; the choice columns hold lower-case words; NULL = not recorded.

CREATE TABLE visits (
    child TEXT NOT NULL REFERENCES header(child),
    visit_date TEXT NOT NULL,
    seen_alone TEXT CHECK (seen_alone IN ('yes', 'no')),
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, visit_date)
);

CREATE TABLE health_assessments (
    child TEXT NOT NULL REFERENCES header(child),
    ha_date TEXT NOT NULL,
    ha_type TEXT CHECK (ha_type IN ('initial', 'review')),
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, ha_date)
);

CREATE TABLE dental_checks (
    child TEXT NOT NULL REFERENCES header(child),
    dental_date TEXT NOT NULL,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, dental_date)
);

CREATE TABLE immunisations (
    child TEXT NOT NULL REFERENCES header(child),
    imms_date TEXT NOT NULL,
    imms_up_to_date TEXT CHECK (imms_up_to_date IN ('yes', 'no')),
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, imms_date)
);

CREATE TABLE sdq (
    child TEXT NOT NULL REFERENCES header(child),
    sdq_date TEXT NOT NULL,
    sdq_score TEXT,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, sdq_date)
);

CREATE TABLE peps (
    child TEXT NOT NULL REFERENCES header(child),
    pep_date TEXT NOT NULL,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, pep_date)
);

CREATE TABLE care_plans (
    child TEXT NOT NULL REFERENCES header(child),
    care_plan_date TEXT NOT NULL,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, care_plan_date)
);

CREATE TABLE needs_assessments (
    child TEXT NOT NULL REFERENCES header(child),
    needs_assessment_date TEXT NOT NULL,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, needs_assessment_date)
);

CREATE TABLE pathway_plans (
    child TEXT NOT NULL REFERENCES header(child),
    pathway_plan_date TEXT NOT NULL,
    pathway_plan_type TEXT CHECK (pathway_plan_type IN ('plan', 'review')),
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, pathway_plan_date)
);

CREATE TABLE pa_contacts (
    child TEXT NOT NULL REFERENCES header(child),
    pa_contact_date TEXT NOT NULL,
    pa_contact_type TEXT CHECK (pa_contact_type IN ('visit', 'phone', 'video', 'message')),
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, pa_contact_date)
);
