-- Carepledge schema, version 6: the people who sign in to the web application,
-- their caseloads and the audit of every view and change of a child's record
-- (docs/web.md).
--
-- users.pwhash is libsodium's argon2id string (algorithm, parameters, salt and
-- hash), never the password. failures counts sign-ins failed in a row; a user
-- with too many is locked until locked_until (UTC, ISO 8601).

CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    pwhash TEXT NOT NULL,
    sw_id TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
) WITHOUT ROWID;

-- A caseload allocated by hand (`carepledge user allocate`), beside the one the
-- 903 SWEpisodes table gives through users.sw_id.
CREATE TABLE allocations (
    user TEXT NOT NULL REFERENCES users(name),
    child TEXT NOT NULL,
    PRIMARY KEY (user, child)
) WITHOUT ROWID;

-- Append-only. hash is BLAKE2b over prev_hash and the row's fields, so that
-- removing, altering or reordering a row breaks the chain from there on.
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    child TEXT,
    origin TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_child ON audit (child);
CREATE INDEX audit_user ON audit (user);
