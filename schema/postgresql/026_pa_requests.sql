-- hand-written: the PostgreSQL side of schema/sqlite/026_pa_requests.sql (read it first),
-- made as the other record templates stand after 012_councils.sql, 019_council_indexes.sql
-- and 020_key_collation.sql: the council column with the connection's council by default,
-- row-level security under the same policy, the trigger that keeps a child in one council,
-- the index by council, byte-wise keys, and no foreign key to header (012 dropped those).

CREATE TABLE pa_requests (
    child TEXT COLLATE "C" NOT NULL,
    pa_request_date TEXT COLLATE "C" NOT NULL,
    pa_request TEXT NOT NULL CHECK (pa_request IN ('requested', 'withdrawn')),
    source_year BIGINT NOT NULL,
    la TEXT NOT NULL DEFAULT CASE carepledge_la() WHEN '*' THEN '' ELSE carepledge_la() END,
    PRIMARY KEY (child, pa_request_date)
);
ALTER TABLE pa_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE pa_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY pa_requests_council ON pa_requests
    USING ((SELECT carepledge_la()) = '*' OR la = (SELECT carepledge_la()));
CREATE TRIGGER pa_requests_one_council BEFORE UPDATE OF la ON pa_requests
    FOR EACH ROW EXECUTE FUNCTION carepledge_one_council();
CREATE INDEX pa_requests_la ON pa_requests (la, child, pa_request_date);
