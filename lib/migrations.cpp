// The journal's schema, as forward-only numbered migrations.
#include "migrations.hpp"

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

constexpr std::array<std::string_view, 2> k_migrations = {k_v1_core, k_v2_privacy};

} // namespace

std::span<const std::string_view> migrations() {
    return k_migrations;
}

} // namespace peerlog
