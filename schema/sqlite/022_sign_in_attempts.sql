-- Carepledge schema, version 22: sign-in attempts per client address, counted in the
-- database so that several servers sharing it hold an address to one limit (issue 14,
-- item 2; docs/web.md "Sign-in and sessions").
--
-- One row per address: minute is the Unix minute (seconds / 60) of the address's
-- current window and attempts the sign-ins tried from it in that minute. An attempt is
-- one upsert that starts the count again at 1 when the row's minute has passed, so a
-- window expires by itself; rows of minutes long past are deleted by the servers now
-- and then. Only a server on PostgreSQL counts here: a SQLite file has one server,
-- which counts in its memory, and its table stays empty.
CREATE TABLE sign_in_attempts (
    origin TEXT PRIMARY KEY,
    minute INTEGER NOT NULL,
    attempts INTEGER NOT NULL
);
