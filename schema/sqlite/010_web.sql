-- Carepledge schema, version 10: what the web application keeps beyond the
-- users and the audit of version 6 (docs/web.md).
--
-- web_sessions: the signed-in sessions, so that a restart of the server keeps
-- them. token_hash is the BLAKE2b-256 (hex) of the cookie's random token, never
-- the token itself, so a copy of the database signs no one in. expires_at is
-- Unix seconds (UTC); revoked_at is set at sign-out or by `carepledge user
-- revoke` (ISO 8601, UTC), and a revoked or expired row is never live again.
CREATE TABLE web_sessions (
    token_hash TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at TEXT
) WITHOUT ROWID;
CREATE INDEX web_sessions_user ON web_sessions (user);

-- record_corrections: every correction of a local record (docs/templates.md)
-- made through the dashboard or the API, with the value it replaced. The
-- record's version is 1 + the number of its corrections; a correction names the
-- version it was made from, so one made from a stale page is refused (409).
-- value columns hold the record's third template column (NULL when the
-- template has none or it was not recorded); dates are ISO 'YYYY-MM-DD'.
-- audit_seq is the audit row written in the same transaction.
CREATE TABLE record_corrections (
    kind TEXT NOT NULL,
    child TEXT NOT NULL,
    record_date TEXT NOT NULL,
    version INTEGER NOT NULL,
    old_value TEXT,
    new_value TEXT,
    reason TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    audit_seq INTEGER NOT NULL,
    PRIMARY KEY (kind, child, record_date, version)
) WITHOUT ROWID;
CREATE INDEX record_corrections_child ON record_corrections (child);
