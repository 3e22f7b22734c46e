-- Carepledge schema, version 5: the import log.
--
-- Each import that commits records who ran it, when, every file it read (path as named,
-- size and SHA-256, so that the same file under another name is recognised) and how many
-- rows of each table it read, in the same transaction as the rows themselves: an import
-- that changes nothing is still logged, one that fails leaves no entry.

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    imported_at TEXT NOT NULL,           -- UTC, ISO 8601 (2026-12-07T03:40:00Z)
    actor TEXT NOT NULL,                 -- who ran it (service/service.h Actor)
    files INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    first_year INTEGER,                  -- collection end years seen (2010 = 2009/10)
    last_year INTEGER
);

CREATE TABLE import_files (
    import_id INTEGER NOT NULL REFERENCES imports (id),
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (import_id, path)
);

CREATE TABLE import_rows (
    import_id INTEGER NOT NULL REFERENCES imports (id),
    table_name TEXT NOT NULL,            -- the table as stored (episodes, visits, ...)
    rows INTEGER NOT NULL,
    PRIMARY KEY (import_id, table_name)
);
