-- hand-written: the PostgreSQL side of schema/sqlite/027_header_years.sql (read it first),
-- made as the other child-keyed tables stand after 012_councils.sql, 019_council_indexes.sql
-- and 020_key_collation.sql: the council column with the connection's council by default,
-- row-level security under the same policy, the trigger that keeps a child in one council,
-- the index by council, byte-wise keys, and no foreign key to header (012 dropped those).

CREATE TABLE header_years (
    child TEXT COLLATE "C" NOT NULL,
    until_year BIGINT NOT NULL,
    sex TEXT,
    dob TEXT,
    ethnic TEXT,
    upn TEXT,
    mother TEXT,
    mc_dob TEXT,
    la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END,
    PRIMARY KEY (child, until_year)
);
ALTER TABLE header_years ENABLE ROW LEVEL SECURITY;
ALTER TABLE header_years FORCE ROW LEVEL SECURITY;
CREATE POLICY header_years_council ON header_years
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
CREATE TRIGGER header_years_one_council BEFORE UPDATE OF la ON header_years
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
CREATE INDEX header_years_la ON header_years (la, child, until_year);
