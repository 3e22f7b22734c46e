-- Generated from schema/sqlite/008_governance.sql by scripts/pg-schema.sh: edit that file, not this.
-- Carepledge schema, version 8: governance of the Pledge (docs/governance.md).
--
-- The four groups of the strategy's Appendix 2 (the Strategy Group, the
-- Practice Forum, the Children in Care Council and the Corporate Parenting
-- Panel) with their terms of reference, members, meetings and actions; the
-- Children in Care Council's participation events per child and the issues it
-- raises with their 28-day written answers; the action plan's priorities with
-- dated progress notes; training in the Pledge; the members' scrutiny items.
--
-- Every table is keyed by a text id the council chooses (the CSV templates of
-- `carepledge governance import` carry it), so that importing a row again
-- with more filled in (an issue answered, an action done) updates it. Dates are
-- ISO 8601 (YYYY-MM-DD); flags are 0 or 1. None of these rows counts as a
-- commit of the 903 history (store_commits): a meeting changes no child's data.
-- The shipped seed (data/governance-*.csv) is read until a table is first
-- written, and stored in the same transaction as that first change. IF NOT
-- EXISTS: a database rebuilt by hand from an older one (tests/cli/store_open.sh)
-- may keep these tables while its migration record says otherwise.

CREATE TABLE IF NOT EXISTS gov_groups (
    id TEXT PRIMARY KEY,          -- strategy_group, practice_forum, cicc, panel
    name TEXT NOT NULL,
    meets TEXT NOT NULL,          -- how often its terms of reference make it meet
    reports_to TEXT NOT NULL,     -- the group it reports to, '' for none
    terms TEXT NOT NULL           -- the terms of reference, one per line
);

CREATE TABLE IF NOT EXISTS gov_members (
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,           -- chair, member, facilitator, ...
    kind TEXT NOT NULL            -- officer, elected_member, young_person, partner, carer
);

CREATE TABLE IF NOT EXISTS gov_meetings (
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL,
    held_on TEXT NOT NULL,
    attendance TEXT NOT NULL,
    papers TEXT NOT NULL,
    minutes TEXT NOT NULL,
    decisions TEXT NOT NULL,
    cicc_report BIGINT NOT NULL,            -- Panel: the CiCC's report received
    strategy_report BIGINT NOT NULL,        -- Panel: the Strategy Group's report received
    director_invited BIGINT NOT NULL,       -- CiCC: the Director of Children's Services
    lead_member_invited BIGINT NOT NULL,    -- CiCC: the Lead Member for Children's Services
    elected_member_invited BIGINT NOT NULL  -- CiCC: at least one elected member
);
CREATE INDEX IF NOT EXISTS gov_meetings_group ON gov_meetings (group_id, held_on);

CREATE TABLE IF NOT EXISTS gov_actions (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    action TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL,         -- open, done, dropped
    done_on TEXT
);

-- One event of a child's participation in the CiCC: a formal invitation, a
-- meeting offered, an attendance (in person, by post, text or e-mail) or the
-- annual update mailing.
CREATE TABLE IF NOT EXISTS cicc_participation (
    id TEXT PRIMARY KEY,
    child TEXT NOT NULL,
    event TEXT NOT NULL,          -- invitation, offer, attendance, mailing
    on_date TEXT NOT NULL,
    mode TEXT NOT NULL,           -- in_person, post, text, email; '' when not an attendance
    meeting_id TEXT NOT NULL      -- '' when none
);
CREATE INDEX IF NOT EXISTS cicc_participation_child ON cicc_participation (child, on_date);

-- An issue raised at a CiCC meeting and its path to a written answer.
-- we_did is what young people are told was done: public, so no personal data.
CREATE TABLE IF NOT EXISTS cicc_issues (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    raised_on TEXT NOT NULL,
    issue TEXT NOT NULL,
    noted_on TEXT,
    forwarded_on TEXT,
    directed_to TEXT NOT NULL,
    directed_on TEXT,
    answered_on TEXT,
    response TEXT NOT NULL,
    conveyed_on TEXT,
    we_did TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS action_priorities (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    outcome TEXT NOT NULL,
    activities TEXT NOT NULL,     -- one per line
    leads TEXT NOT NULL,
    delivery TEXT NOT NULL,
    hcap_refs TEXT NOT NULL,      -- Healthy Care Action Plan cross-references
    status TEXT NOT NULL,         -- not_started, in_progress, done
    rag TEXT NOT NULL,            -- red, amber, green, '' not rated
    indicators TEXT NOT NULL      -- ';'-separated scorecard indicator ids
);

CREATE TABLE IF NOT EXISTS action_progress (
    id TEXT PRIMARY KEY,
    priority_id TEXT NOT NULL,
    noted_on TEXT NOT NULL,
    note TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS gov_training (
    id TEXT PRIMARY KEY,
    person TEXT NOT NULL,
    person_kind TEXT NOT NULL,    -- staff, carer, councillor
    course TEXT NOT NULL,         -- total_respect, corporate_parenting_conference, other
    on_date TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS gov_scrutiny (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    needs TEXT NOT NULL,
    source TEXT NOT NULL,
    meeting_id TEXT NOT NULL,     -- the Panel meeting it is on the agenda of, '' not yet
    status TEXT NOT NULL          -- planned, on_agenda, done
);
