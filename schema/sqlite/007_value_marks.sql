-- Carepledge schema, version 7: marks on stored values that were wrong as given.
--
-- `import --keep-invalid` stores a row whose only problems are a code not in its year's list
-- or fields that contradict each other (docs/import.md, "Importing a history with known
-- faults"). The value at fault is stored as unknown (NULL) in its table and kept here as it
-- was given, with what is wrong with it. A mark is keyed to the stored row (table, child and
-- the row's key) and field; a later import that writes the row again without the fault
-- removes it. import_id is the import that made the mark: importing the same value again
-- keeps the mark, and its first import, as they were.

CREATE TABLE value_marks (
    table_name TEXT NOT NULL,          -- the table as stored (episodes, oc3, ...)
    child TEXT NOT NULL,
    row_key TEXT NOT NULL,             -- the record's identifying date (ISO), its collection
                                       -- year for the per-year tables (2016/17), '' for
                                       -- header and uasc
    field TEXT NOT NULL,               -- the 903 column (PLACE)
    value TEXT NOT NULL,               -- as given ('' for a value that should have been given)
    year INTEGER NOT NULL,             -- the collection year whose lists it was checked against
    message TEXT NOT NULL,
    import_id INTEGER NOT NULL REFERENCES imports (id),
    PRIMARY KEY (table_name, child, row_key, field)
) WITHOUT ROWID;
CREATE INDEX value_marks_import ON value_marks (import_id);
CREATE INDEX value_marks_child ON value_marks (child);
