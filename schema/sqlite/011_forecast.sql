-- Carepledge schema, version 11: placement sufficiency forecasts kept by name
-- (docs/forecast.md, "Stored forecasts").
--
-- A forecast is kept whole, as the JSON document `forecast --format json`
-- writes, so that the back-test scores computed with it stay with it and are
-- shown with it, and scenarios saved one by one can be compared side by side
-- later. A stored forecast is never changed: a new one takes a new name.

CREATE TABLE forecasts (
    name TEXT PRIMARY KEY,
    saved TEXT NOT NULL,      -- when, UTC: YYYY-MM-DDTHH:MM:SSZ
    saved_by TEXT NOT NULL,   -- who (the actor's name)
    origin TEXT NOT NULL,     -- the forecast's origin date, YYYY-MM-DD
    years INTEGER NOT NULL,   -- years ahead
    runs INTEGER NOT NULL,    -- simulated futures
    scenario TEXT NOT NULL,   -- the scenario (adjustments) file's name; '' for none
    document TEXT NOT NULL    -- the forecast with its back-test, as JSON
) WITHOUT ROWID;
