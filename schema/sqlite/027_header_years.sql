-- Carepledge schema, version 27: each year's Header, where it differs.
--
-- header keeps one row per child: the Header of the latest return that carried the child
-- (source_year). A child's Header may change from one year's return to the next (a girl's
-- MOTHER given as 0 one year and blank the next, a UPN given late, an ethnicity corrected),
-- and the DfE validates each year's return as it was sent. header_years keeps the Headers of
-- earlier years where they differ from the one in force after them, as an interval map: a
-- row (child, until_year) is the child's Header for every collection year up to until_year
-- (end year: 2024 = 2023/24) after the child's previous row; the years after the last row
-- take header's row. A child whose Header never changed, nearly every child, has no row
-- here, so an import stores nothing more for them (src/service/import.c, docs/import.md).
-- Every until_year is below the child's header.source_year.
--
-- The columns are header's, with the council (la) as 012_councils.sql gave every
-- child-keyed table; a row never changes council (the trigger below). Dates are ISO
-- 'YYYY-MM-DD' text, codes upper-case text, NULL = not recorded.

CREATE TABLE header_years (
    child TEXT NOT NULL REFERENCES header(child),
    until_year INTEGER NOT NULL,
    sex TEXT,
    dob TEXT,
    ethnic TEXT,
    upn TEXT,
    mother TEXT,
    mc_dob TEXT,
    la TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (child, until_year)
) WITHOUT ROWID;
CREATE TRIGGER header_years_one_council BEFORE UPDATE OF la ON header_years WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
