-- Carepledge schema, version 13: corrections of a local record's date (docs/web.md
-- "Corrections").
--
-- A record of the templates is kept under its child and date (schema 2), so a record
-- that is only a date (a dental check, a PEP, a care plan, a needs assessment) had
-- nothing a correction could change. A correction may now move a record to another
-- date: field says what a correction changed, 'value' (the template's third column,
-- as before) or 'date' (old_value and new_value are then the dates, ISO 'YYYY-MM-DD').
-- A record's corrections follow it to its new date (record_date is the record's
-- date now), so its version goes on counting; the 'date' rows keep where it was.
ALTER TABLE record_corrections ADD COLUMN field TEXT NOT NULL DEFAULT 'value'
    CHECK (field IN ('value', 'date'));
