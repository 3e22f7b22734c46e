-- Generated from schema/sqlite/001_init.sql by scripts/pg-schema.sh: edit that file, not this.
-- Carepledge schema, version 1: the twelve SSDA903 tables kept as one history.
--
-- Every 903 table keeps each record once, under its natural key (see docs/import.md).
-- source_year is the collection year (end year: 2010 = 2009/10) of the return the
-- row last came from; a later return's row replaces an earlier one. Dates are ISO
-- 'YYYY-MM-DD' text, codes upper-case text, NULL = not recorded.

CREATE TABLE header (
    child TEXT NOT NULL,
    sex TEXT,
    dob TEXT,
    ethnic TEXT,
    upn TEXT,
    mother TEXT,
    mc_dob TEXT,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child)
);

CREATE TABLE episodes (
    child TEXT NOT NULL REFERENCES header(child),
    decom TEXT NOT NULL,
    rne TEXT,
    ls TEXT,
    cin TEXT,
    place TEXT,
    place_provider TEXT,
    dec TEXT,
    rec TEXT,
    reason_place_change TEXT,
    home_post TEXT,
    pl_post TEXT,
    urn TEXT,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, decom)
);

CREATE TABLE reviews (
    child TEXT NOT NULL REFERENCES header(child),
    dob TEXT,
    review TEXT NOT NULL,
    review_code TEXT,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, review)
);

CREATE TABLE uasc (
    child TEXT NOT NULL REFERENCES header(child),
    sex TEXT,
    dob TEXT,
    duc TEXT,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child)
);

CREATE TABLE oc2 (
    child TEXT NOT NULL REFERENCES header(child),
    dob TEXT,
    sdq_score TEXT,
    sdq_reason TEXT,
    convicted TEXT,
    health_check TEXT,
    immunisations TEXT,
    teeth_check TEXT,
    health_assessment TEXT,
    substance_misuse TEXT,
    intervention_received TEXT,
    intervention_offered TEXT,
    year BIGINT NOT NULL,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, year)
);

CREATE TABLE oc3 (
    child TEXT NOT NULL REFERENCES header(child),
    dob TEXT,
    in_touch TEXT,
    activ TEXT,
    accom TEXT,
    year BIGINT NOT NULL,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, year)
);

CREATE TABLE ad1 (
    child TEXT NOT NULL REFERENCES header(child),
    dob TEXT,
    date_int TEXT,
    date_match TEXT,
    foster_care TEXT,
    nb_adoptr TEXT,
    sex_adoptr TEXT,
    ls_adoptr TEXT,
    year BIGINT NOT NULL,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, year)
);

CREATE TABLE placed_adoption (
    child TEXT NOT NULL REFERENCES header(child),
    dob TEXT,
    date_placed TEXT NOT NULL,
    date_placed_ceased TEXT,
    reason_placed_ceased TEXT,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, date_placed)
);

CREATE TABLE prev_perm (
    child TEXT NOT NULL REFERENCES header(child),
    dob TEXT,
    prev_perm TEXT,
    la_perm TEXT,
    date_perm TEXT,
    year BIGINT NOT NULL,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, year)
);

CREATE TABLE missing (
    child TEXT NOT NULL REFERENCES header(child),
    dob TEXT,
    missing TEXT,
    mis_start TEXT NOT NULL,
    mis_end TEXT,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, mis_start)
);

CREATE TABLE sw_episodes (
    child TEXT NOT NULL REFERENCES header(child),
    dob TEXT,
    sw_id TEXT,
    sw_decom TEXT NOT NULL,
    sw_dec TEXT,
    sw_reason TEXT,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, sw_decom)
);

CREATE TABLE dolo (
    child TEXT NOT NULL REFERENCES header(child),
    dob TEXT,
    dolo_start TEXT NOT NULL,
    dolo_end TEXT,
    source_year BIGINT NOT NULL,
    PRIMARY KEY (child, dolo_start)
);

-- The council's own list of disabled children, overriding the default (CIN N2).
CREATE TABLE disability (
    child TEXT NOT NULL PRIMARY KEY,
    disabled BIGINT NOT NULL CHECK (disabled IN (0, 1))
);
