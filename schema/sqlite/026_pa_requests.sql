-- Carepledge schema, version 26: a former relevant young person's request for advice and
-- support to 25 (Children Act 1989 s23CZB, inserted by the Children and Social Work Act 2017
-- s3), and their word that they no longer want a personal adviser (s23CZB(3)(b)): the
-- PARequests record template (docs/templates.md, docs/care-leavers.md). Neither the 903 nor
-- another template can say it: the duties of s23CZB arise only "if the former relevant child
-- informs the local authority", so the informing is a fact the council must record.
--
-- Kept like the other record templates (002_records.sql, with the la column and trigger
-- 012_councils.sql gave them): once per child and date; importing a row again updates it
-- when it comes from the same or a later collection year (source_year). The word is
-- required: a row that says neither says nothing.

CREATE TABLE pa_requests (
    child TEXT NOT NULL REFERENCES header(child),
    pa_request_date TEXT NOT NULL,
    pa_request TEXT NOT NULL CHECK (pa_request IN ('requested', 'withdrawn')),
    source_year INTEGER NOT NULL,
    la TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (child, pa_request_date)
) WITHOUT ROWID;
CREATE TRIGGER pa_requests_one_council BEFORE UPDATE OF la ON pa_requests WHEN OLD.la <> NEW.la
BEGIN SELECT RAISE(ABORT, 'a child of one council cannot become another council''s: pooled councils need distinct child identifiers'); END;
