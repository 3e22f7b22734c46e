-- Carepledge schema, version 4: a counter of committed writes.
--
-- Every write transaction of the store (an import) adds one to n before it commits, so
-- n names the commit a reader sees. A Dataset load that reads on two connections checks
-- that both read the same n (the same snapshot), and the Dataset carries it, so that a
-- long-running reader can tell whether the database has changed since it loaded.

CREATE TABLE store_commits (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO store_commits (id, n) VALUES (1, 0);
