// The journal's schema, as forward-only numbered migrations.
#include "migrations.hpp"

#include "audit_log.hpp"

#include <array>

namespace peerlog {
namespace {

// Dates are ISO text (YYYY-MM-DD) so they sort and index as dates; times are HH:MM.
constexpr std::string_view k_v1_core = R"sql(
CREATE TABLE peer (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    pathway     TEXT CHECK (pathway IN ('substance-use', 'mental-health', 'co-occurring')),
    stage       TEXT CHECK (stage IN ('early', 'mid', 'late', 'sustained')),
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'closed')),
    since       TEXT NOT NULL,
    closed_on   TEXT,
    referred_by TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE session (
    id           INTEGER PRIMARY KEY,
    peer_id      INTEGER REFERENCES peer (id), -- NULL only for a group session (later)
    date         TEXT NOT NULL,
    start_time   TEXT,
    minutes      INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    modality     TEXT NOT NULL,
    setting      TEXT NOT NULL,
    support_mask INTEGER NOT NULL CHECK (support_mask BETWEEN 1 AND 15),
    note         TEXT NOT NULL DEFAULT '',
    disclosure   TEXT NOT NULL DEFAULT '',
    follow_up    TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE INDEX session_by_date ON session (date);
CREATE INDEX session_by_peer_date ON session (peer_id, date);
CREATE INDEX session_by_follow_up ON session (follow_up) WHERE follow_up IS NOT NULL;
)sql";

// Boundary facts and flags, the hash-chained audit trail, consents and disclosures, identity
// kept apart from the pseudonymous peer, and the wrapped data key of an encrypted journal.
constexpr std::string_view k_v2_privacy = R"sql(
ALTER TABLE session ADD COLUMN disclosed INTEGER NOT NULL DEFAULT 0;
UPDATE session SET disclosed = (disclosure <> '');
ALTER TABLE session ADD COLUMN gift_direction TEXT CHECK (gift_direction IN ('given', 'received'));
ALTER TABLE session ADD COLUMN gift_value REAL;
ALTER TABLE session ADD COLUMN money INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN transport INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN social_media INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN dual_relationship TEXT NOT NULL DEFAULT '';

CREATE TABLE session_flag (
    session_id      INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    rule            TEXT NOT NULL,
    severity        TEXT NOT NULL CHECK (severity IN ('warn', 'block')),
    message         TEXT NOT NULL,
    override_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, rule)
);

CREATE TABLE audit_event (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL,
    object    TEXT NOT NULL,
    summary   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TABLE consent (
    id           INTEGER PRIMARY KEY,
    peer_id      INTEGER NOT NULL REFERENCES peer (id) ON DELETE CASCADE,
    recipient    TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    information  TEXT NOT NULL,
    signed_on    TEXT NOT NULL,
    effective_on TEXT NOT NULL,
    expires_on   TEXT,
    expiry_event TEXT NOT NULL DEFAULT '',
    revoked_on   TEXT,
    created_at   TEXT NOT NULL,
    CHECK (expires_on IS NOT NULL OR expiry_event <> '')
);
CREATE INDEX consent_by_peer ON consent (peer_id);

CREATE TABLE disclosure (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    information TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL
);
CREATE TABLE disclosure_peer (
    disclosure_id INTEGER NOT NULL REFERENCES disclosure (id) ON DELETE CASCADE,
    peer_code     TEXT NOT NULL
);
CREATE INDEX disclosure_peer_by_code ON disclosure_peer (peer_code COLLATE NOCASE);

CREATE TABLE peer_identity (
    peer_id INTEGER PRIMARY KEY REFERENCES peer (id) ON DELETE CASCADE,
    name    BLOB,
    contact BLOB
);

CREATE TABLE journal_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    salt        BLOB NOT NULL,
    opslimit    INTEGER NOT NULL,
    memlimit    INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL
);
)sql";

// The whole record beyond one-on-one sessions: groups and their attendance, goals, resources
// and referrals, BARC-10 assessments, supervision and reviews, the specialist's check-ins.
// A group session keeps peer_id NULL and lists its named attendees in session_attendee. (And an
// index for the audit chain's head as of a day.)
constexpr std::string_view k_v3_record = R"sql(
CREATE TABLE peer_group (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    schedule   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

ALTER TABLE session ADD COLUMN group_id INTEGER REFERENCES peer_group (id);
ALTER TABLE session ADD COLUMN unnamed_count INTEGER NOT NULL DEFAULT 0
    CHECK (unnamed_count BETWEEN 0 AND 10000);

CREATE INDEX session_by_group_date ON session (group_id, date) WHERE group_id IS NOT NULL;

CREATE TABLE session_attendee (
    session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    peer_id    INTEGER NOT NULL REFERENCES peer (id),
    PRIMARY KEY (session_id, peer_id)
) WITHOUT ROWID;

CREATE INDEX session_attendee_by_peer ON session_attendee (peer_id, session_id);

CREATE TABLE goal (
    id         INTEGER PRIMARY KEY,
    peer_id    INTEGER NOT NULL REFERENCES peer (id),
    domain     TEXT NOT NULL CHECK (domain IN ('housing', 'employment', 'education', 'health',
                   'relationships', 'legal', 'recovery-community', 'other')),
    text       TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'progressing', 'achieved', 'dropped')),
    target     TEXT,
    opened_on  TEXT NOT NULL,
    status_on  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX goal_by_peer ON goal (peer_id, status);
CREATE INDEX goal_by_status_date ON goal (status, status_on);

CREATE TABLE session_goal (
    session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    goal_id    INTEGER NOT NULL REFERENCES goal (id),
    PRIMARY KEY (session_id, goal_id)
) WITHOUT ROWID;

CREATE INDEX session_goal_by_goal ON session_goal (goal_id);

CREATE TABLE resource (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    category   TEXT NOT NULL,
    contact    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE referral (
    id          INTEGER PRIMARY KEY,
    peer_id     INTEGER NOT NULL REFERENCES peer (id),
    resource_id INTEGER NOT NULL REFERENCES resource (id),
    date        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'made'
                    CHECK (status IN ('made', 'connected', 'declined', 'completed')),
    status_on   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX referral_by_peer ON referral (peer_id, date);
CREATE INDEX referral_by_date ON referral (date);

CREATE TABLE assessment (
    id         INTEGER PRIMARY KEY,
    peer_id    INTEGER NOT NULL REFERENCES peer (id),
    instrument TEXT NOT NULL DEFAULT 'barc10' CHECK (instrument = 'barc10'),
    date       TEXT NOT NULL,
    item_1     INTEGER NOT NULL CHECK (item_1 BETWEEN 1 AND 6),
    item_2     INTEGER NOT NULL CHECK (item_2 BETWEEN 1 AND 6),
    item_3     INTEGER NOT NULL CHECK (item_3 BETWEEN 1 AND 6),
    item_4     INTEGER NOT NULL CHECK (item_4 BETWEEN 1 AND 6),
    item_5     INTEGER NOT NULL CHECK (item_5 BETWEEN 1 AND 6),
    item_6     INTEGER NOT NULL CHECK (item_6 BETWEEN 1 AND 6),
    item_7     INTEGER NOT NULL CHECK (item_7 BETWEEN 1 AND 6),
    item_8     INTEGER NOT NULL CHECK (item_8 BETWEEN 1 AND 6),
    item_9     INTEGER NOT NULL CHECK (item_9 BETWEEN 1 AND 6),
    item_10    INTEGER NOT NULL CHECK (item_10 BETWEEN 1 AND 6),
    created_at TEXT NOT NULL
);

CREATE INDEX assessment_by_peer_date ON assessment (peer_id, date);
CREATE INDEX assessment_by_date ON assessment (date);

CREATE TABLE supervision (
    id         INTEGER PRIMARY KEY,
    date       TEXT NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    supervisor TEXT NOT NULL,
    format     TEXT NOT NULL DEFAULT 'individual' CHECK (format IN ('individual', 'group')),
    topics     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE INDEX supervision_by_date ON supervision (date);

CREATE TABLE session_review (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    reviewer    TEXT NOT NULL,
    reviewed_on TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    -- 1 once the session was edited after this review: the co-sign no longer covers it.
    stale       INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1))
);

CREATE INDEX session_review_by_session ON session_review (session_id);

CREATE TABLE checkin (
    id            INTEGER PRIMARY KEY,
    date          TEXT NOT NULL,
    stress        INTEGER NOT NULL CHECK (stress BETWEEN 1 AND 5),
    energy        INTEGER NOT NULL CHECK (energy BETWEEN 1 AND 5),
    needs_support INTEGER NOT NULL DEFAULT 0 CHECK (needs_support IN (0, 1)),
    note          TEXT NOT NULL DEFAULT '',
    shared        INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    created_at    TEXT NOT NULL
);

CREATE INDEX checkin_by_date ON checkin (date);

-- The audit chain's head as of a day (exports and reports carry it) in one seek.
CREATE INDEX audit_event_by_at ON audit_event (at, id);
)sql";

// Redactable audit summaries: a new event's hash covers the SHA-256 of its summary, so `peer
// forget` can replace the summary of each event about the peer with a marker and leave the
// chain verifiable. subject_peer_id (hashed too) is the peer an event was about when appended,
// so the forget finds its events; the peer of each consent in a disclosure, for its accounting.
// (And the dual-relationship flags stored before its message stopped repeating the typed text.)
constexpr std::string_view k_v4_redaction = R"sql(
ALTER TABLE audit_event ADD COLUMN summary_digest TEXT;
ALTER TABLE audit_event ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0 CHECK (redacted IN (0, 1));
ALTER TABLE audit_event ADD COLUMN subject_peer_id INTEGER;
CREATE INDEX audit_event_by_subject ON audit_event (subject_peer_id)
    WHERE subject_peer_id IS NOT NULL;

ALTER TABLE disclosure_peer ADD COLUMN purpose TEXT NOT NULL DEFAULT '';

UPDATE session_flag SET message = 'a dual relationship is recorded (see the session)'
    WHERE rule = 'dual_relationship';

-- A journal kept before the audit trail existed (schema 1) and not written since may hold
-- records without a single event; only such a journal may have a genuinely empty trail.
CREATE TABLE audit_baseline (unaudited_history INTEGER NOT NULL CHECK (unaudited_history IN (0, 1)));
INSERT INTO audit_baseline
    SELECT NOT EXISTS (SELECT 1 FROM audit_event)
           AND (EXISTS (SELECT 1 FROM peer) OR EXISTS (SELECT 1 FROM session));
)sql";

// Ids that are never given twice, and the peer of each row of the accounting of disclosures by
// id as well as by code (codes change). Kept apart from schema 4, which peerlog 0.1.0 journals
// already have.
constexpr std::string_view k_v5_stable_ids = R"sql(
-- Session, peer, disclosure, consent, goal, referral, assessment and review ids are never
-- reused: the audit trail and exports name them, and SQLite would give the next row max(id) + 1
-- once the newest was deleted. The highest id ever deleted is kept here (the triggers), and an
-- insert takes one more than it or than max(id), whichever is higher. AUTOINCREMENT would mean rebuilding the tables, which the foreign keys of
-- a dozen others point at, and that cannot be done with foreign keys on, inside a migration's
-- transaction. It starts from the highest id still stored or named in the audit trail ("session
-- N", "peer #N", "disclosure N", "consent N"...), so an id deleted before this schema is not
-- handed out again.
CREATE TABLE id_high_water (name TEXT PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO id_high_water SELECT 'session', max(
    coalesce((SELECT max(id) FROM session), 0),
    coalesce((SELECT max(CAST(substr(object, 9) AS INTEGER)) FROM audit_event
              WHERE object LIKE 'session %'), 0));
INSERT INTO id_high_water SELECT 'peer', max(
    coalesce((SELECT max(id) FROM peer), 0),
    coalesce((SELECT max(CAST(substr(object, 7) AS INTEGER)) FROM audit_event
              WHERE object LIKE 'peer #%'), 0));
INSERT INTO id_high_water SELECT 'disclosure', max(
    coalesce((SELECT max(id) FROM disclosure), 0),
    coalesce((SELECT max(CAST(substr(object, 12) AS INTEGER)) FROM audit_event
              WHERE object LIKE 'disclosure %'), 0));
CREATE TRIGGER session_id_high_water AFTER DELETE ON session BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'session';
END;
CREATE TRIGGER peer_id_high_water AFTER DELETE ON peer BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'peer';
END;
CREATE TRIGGER disclosure_id_high_water AFTER DELETE ON disclosure BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'disclosure';
END;
INSERT INTO id_high_water SELECT 'consent', max(
    coalesce((SELECT max(id) FROM consent), 0),
    coalesce((SELECT max(CAST(substr(object, 9) AS INTEGER)) FROM audit_event
              WHERE object LIKE 'consent %'), 0));
CREATE TRIGGER consent_id_high_water AFTER DELETE ON consent BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'consent';
END;
INSERT INTO id_high_water SELECT 'goal', max(
    coalesce((SELECT max(id) FROM goal), 0),
    coalesce((SELECT max(CAST(substr(object, 6) AS INTEGER)) FROM audit_event
              WHERE object LIKE 'goal %'), 0));
CREATE TRIGGER goal_id_high_water AFTER DELETE ON goal BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'goal';
END;
INSERT INTO id_high_water SELECT 'referral', max(
    coalesce((SELECT max(id) FROM referral), 0),
    coalesce((SELECT max(CAST(substr(object, 10) AS INTEGER)) FROM audit_event
              WHERE object LIKE 'referral %'), 0));
CREATE TRIGGER referral_id_high_water AFTER DELETE ON referral BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'referral';
END;
INSERT INTO id_high_water SELECT 'assessment', max(
    coalesce((SELECT max(id) FROM assessment), 0),
    coalesce((SELECT max(CAST(substr(object, 12) AS INTEGER)) FROM audit_event
              WHERE object LIKE 'assessment %'), 0));
CREATE TRIGGER assessment_id_high_water AFTER DELETE ON assessment BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'assessment';
END;
INSERT INTO id_high_water SELECT 'review', max(
    coalesce((SELECT max(id) FROM session_review), 0),
    coalesce((SELECT max(CAST(substr(summary, 9) AS INTEGER)) FROM audit_event
              WHERE action = 'session.review' AND summary LIKE 'review #%'), 0));
CREATE TRIGGER review_id_high_water AFTER DELETE ON session_review BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'review';
END;

-- The peer by id too, as codes change (peer edit --code): the accounting and the forget of a
-- renamed peer find the disclosures made under its earlier code. No foreign key: forget deletes
-- the row with the peer. A row is given the peer holding its code now only if that peer existed
-- when the disclosure was made; a code renamed away and given to a newer peer before this
-- upgrade leaves the row without an id (found by its code alone).
ALTER TABLE disclosure_peer ADD COLUMN peer_id INTEGER;
UPDATE disclosure_peer SET peer_id = (
    SELECT p.id FROM peer p, disclosure d
    WHERE p.code = disclosure_peer.peer_code COLLATE NOCASE AND d.id = disclosure_peer.disclosure_id
          AND p.created_at <= d.at);
CREATE INDEX disclosure_peer_by_peer ON disclosure_peer (peer_id) WHERE peer_id IS NOT NULL;
)sql";

// What each consent allows disclosing, and what each disclosure gave of each peer: the
// categories of include/peerlog/share_category.hpp as a bit mask (contact = 1 ... assessments =
// 64). A consent recorded before categories existed keeps NULL: it counts as attendance alone
// (see consent.hpp). A disclosure made before them gave name, contact and, per session, the
// attendance, support kinds and note: that is what its rows record (15).
constexpr std::string_view k_v6_consent_share = R"sql(
ALTER TABLE consent ADD COLUMN share_mask INTEGER CHECK (share_mask BETWEEN 1 AND 127);
ALTER TABLE disclosure_peer ADD COLUMN share_mask INTEGER NOT NULL DEFAULT 15
    CHECK (share_mask BETWEEN 1 AND 127);
)sql";

// The audit trail vouches for the records: each event carries the state its record was left in
// (record_state, covered by its hash), and an encrypted journal's events a keyed MAC from the
// event audit_key names. The emptied-trail check needs no row any more: every record must have
// an event. The partial index counts the redacted events with a state, which forgets commit to.
constexpr std::string_view k_v7_record_states = R"sql(
ALTER TABLE audit_event ADD COLUMN record_state TEXT;
ALTER TABLE audit_event ADD COLUMN mac TEXT;
CREATE INDEX audit_event_redacted_states ON audit_event (id)
    WHERE redacted = 1 AND record_state IS NOT NULL;
CREATE TABLE audit_key (id INTEGER PRIMARY KEY CHECK (id = 1), keyed_from INTEGER NOT NULL);
DROP TABLE audit_baseline;
)sql";

// A journal from before schema 7 is sealed once: an event per record with its state, saying
// that its earlier history cannot be checked. (In an encrypted journal these are not keyed:
// there is no passphrase at an upgrade; its trail is keyed from its first write with one.)
void seal_records(SQLite::Database& db) {
    seal_all_records(db, "audit.baseline",
                     "sealed at the upgrade to schema 7: changes before this cannot be checked");
}

// Forgetting, whole: the marker of a scrub still to finish, and where each backup copy went.
constexpr std::string_view k_v8_forgetting = R"sql(
-- A forget or purge whose scrub (the WAL checkpoint that takes the deleted bytes out of the
-- journal's files) could not complete while another program held an old read snapshot leaves a
-- row, committed with the deletion; the next peerlog command that can finish the scrub does,
-- and deletes it. It names no one: only when the records were deleted.
CREATE TABLE pending_scrub (
    id         INTEGER PRIMARY KEY,
    deleted_at TEXT NOT NULL
);

-- Each copy `peerlog backup` made, so that `peer forget` can name the copies that still hold a
-- peer. The backups taken before this schema are read from their audit events.
CREATE TABLE backup_copy (
    id   INTEGER PRIMARY KEY,
    at   TEXT NOT NULL,
    path TEXT NOT NULL
);
CREATE INDEX backup_copy_by_time ON backup_copy (at);
INSERT INTO backup_copy (at, path)
    SELECT at, substr(summary, instr(summary, ' copied to ') + length(' copied to '))
    FROM audit_event WHERE action = 'backup' AND instr(summary, ' copied to ') > 0 ORDER BY id;
)sql";

// Encryption whole: a journal's identity (drafts name the journal they belong to), the key pair
// drafts are sealed to (the public half in the clear, so a draft is sealed without the
// passphrase; the secret half sealed under the data key), a checksum of the key record (a
// damaged record is told apart from a wrong passphrase), a flag for a wipe of old plaintext
// pages still to finish after `peerlog encrypt`, and an index that finds the journal.encrypt
// event in one seek (one of the marks that say a journal is encrypted, besides its key record).
constexpr std::string_view k_v9_encryption_whole = R"sql(
CREATE TABLE draft_key (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    journal_id TEXT NOT NULL,
    public_key BLOB,
    secret_key BLOB
);
INSERT INTO draft_key (id, journal_id) VALUES (1, lower(hex(randomblob(16))));

ALTER TABLE journal_key ADD COLUMN key_check BLOB;
ALTER TABLE journal_key ADD COLUMN wipe_pending INTEGER NOT NULL DEFAULT 0
    CHECK (wipe_pending IN (0, 1));

CREATE INDEX audit_event_encrypt ON audit_event (id) WHERE action = 'journal.encrypt';
)sql";

// Each referral's status changes with their dates (schema 10), so the outcomes report counts a
// change in the period holding its date (referral.status and status_on keep the latest). A
// referral changed before this schema has no rows: its stored status and status_on stand for its
// one change (see referral_status_changes). Ids of check-ins, supervision meetings, resources and
// groups are never reused either, now that they can be deleted (`checkin rm`...): the audit
// trail names them. A consent deleted as recorded by mistake (`consent rm`) keeps the reason
// typed for it, sealed in an encrypted journal; it goes with its peer when the peer is forgotten.
constexpr std::string_view k_v10_referral_history = R"sql(
CREATE TABLE referral_status_change (
    referral_id INTEGER NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('made', 'connected', 'declined', 'completed')),
    changed_on  TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX referral_status_change_by_referral ON referral_status_change (referral_id);
CREATE INDEX referral_status_change_by_day ON referral_status_change (changed_on);
CREATE TABLE consent_removal (
    consent_id INTEGER PRIMARY KEY,
    peer_id    INTEGER NOT NULL REFERENCES peer (id) ON DELETE CASCADE,
    removed_at TEXT NOT NULL,
    reason     TEXT NOT NULL
);
CREATE INDEX consent_removal_by_peer ON consent_removal (peer_id);
INSERT INTO id_high_water SELECT 'checkin', max(
    coalesce((SELECT max(id) FROM checkin), 0),
    coalesce((SELECT max(CAST(substr(object, 9) AS INTEGER)) FROM audit_event
              WHERE object LIKE 'checkin %'), 0));
CREATE TRIGGER checkin_id_high_water AFTER DELETE ON checkin BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'checkin';
END;
INSERT INTO id_high_water SELECT 'supervision', max(
    coalesce((SELECT max(id) FROM supervision), 0),
    coalesce((SELECT max(CAST(substr(object, 13) AS INTEGER)) FROM audit_event
              WHERE object LIKE 'supervision %'), 0));
CREATE TRIGGER supervision_id_high_water AFTER DELETE ON supervision BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'supervision';
END;
INSERT INTO id_high_water SELECT 'resource', max(
    coalesce((SELECT max(id) FROM resource), 0),
    coalesce((SELECT max(CAST(substr(object, 10) AS INTEGER)) FROM audit_event
              WHERE object LIKE 'resource %'), 0));
CREATE TRIGGER resource_id_high_water AFTER DELETE ON resource BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'resource';
END;
INSERT INTO id_high_water SELECT 'group', max(
    coalesce((SELECT max(id) FROM peer_group), 0),
    coalesce((SELECT max(CAST(substr(object, 7) AS INTEGER)) FROM audit_event
              WHERE object LIKE 'group %'), 0));
CREATE TRIGGER group_id_high_water AFTER DELETE ON peer_group BEGIN
    UPDATE id_high_water SET id = max(id, old.id) WHERE name = 'group';
END;
)sql";

// Running totals for the certification report, which counts every session's and supervision
// meeting's minutes since certification.start: summing the rows read all history at every
// `report summary` (59% of its time at 100k sessions). One row per record kind and day, kept
// by triggers, so they hold whatever writes the rows (peerlog, an import, the sqlite3 shell);
// `audit verify` recomputes them from the rows. A day without minutes has no row: a purge
// leaves no trace of the days it emptied.
constexpr std::string_view k_v11_minutes_by_day = R"sql(
CREATE TABLE minutes_by_day (
    record  TEXT NOT NULL CHECK (record IN ('session', 'supervision')),
    date    TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    PRIMARY KEY (record, date)
) WITHOUT ROWID;

INSERT INTO minutes_by_day (record, date, minutes)
    SELECT 'session', date, sum(minutes) FROM session GROUP BY date;
INSERT INTO minutes_by_day (record, date, minutes)
    SELECT 'supervision', date, sum(minutes) FROM supervision GROUP BY date;

CREATE TRIGGER session_minutes_added AFTER INSERT ON session BEGIN
    INSERT INTO minutes_by_day (record, date, minutes) VALUES ('session', NEW.date, NEW.minutes)
        ON CONFLICT (record, date) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
CREATE TRIGGER session_minutes_removed AFTER DELETE ON session BEGIN
    UPDATE minutes_by_day SET minutes = minutes - OLD.minutes
        WHERE record = 'session' AND date = OLD.date;
    DELETE FROM minutes_by_day WHERE record = 'session' AND date = OLD.date AND minutes = 0;
END;
CREATE TRIGGER session_minutes_changed AFTER UPDATE OF date, minutes ON session BEGIN
    UPDATE minutes_by_day SET minutes = minutes - OLD.minutes
        WHERE record = 'session' AND date = OLD.date;
    DELETE FROM minutes_by_day WHERE record = 'session' AND date = OLD.date AND minutes = 0;
    INSERT INTO minutes_by_day (record, date, minutes) VALUES ('session', NEW.date, NEW.minutes)
        ON CONFLICT (record, date) DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER supervision_minutes_added AFTER INSERT ON supervision BEGIN
    INSERT INTO minutes_by_day (record, date, minutes)
        VALUES ('supervision', NEW.date, NEW.minutes)
        ON CONFLICT (record, date) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
CREATE TRIGGER supervision_minutes_removed AFTER DELETE ON supervision BEGIN
    UPDATE minutes_by_day SET minutes = minutes - OLD.minutes
        WHERE record = 'supervision' AND date = OLD.date;
    DELETE FROM minutes_by_day WHERE record = 'supervision' AND date = OLD.date AND minutes = 0;
END;
CREATE TRIGGER supervision_minutes_changed AFTER UPDATE OF date, minutes ON supervision BEGIN
    UPDATE minutes_by_day SET minutes = minutes - OLD.minutes
        WHERE record = 'supervision' AND date = OLD.date;
    DELETE FROM minutes_by_day WHERE record = 'supervision' AND date = OLD.date AND minutes = 0;
    INSERT INTO minutes_by_day (record, date, minutes)
        VALUES ('supervision', NEW.date, NEW.minutes)
        ON CONFLICT (record, date) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
)sql";

constexpr std::array<Migration, 11> k_migrations = {{{k_v1_core},
                                                     {k_v2_privacy},
                                                     {k_v3_record},
                                                     {k_v4_redaction},
                                                     {k_v5_stable_ids},
                                                     {k_v6_consent_share},
                                                     {k_v7_record_states, seal_records},
                                                     {k_v8_forgetting},
                                                     {k_v9_encryption_whole},
                                                     {k_v10_referral_history},
                                                     {k_v11_minutes_by_day}}};

} // namespace

std::span<const Migration> migrations() {
    return k_migrations;
}

} // namespace peerlog
