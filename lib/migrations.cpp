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

constexpr std::array<std::string_view, 1> k_migrations = {k_v1_core};

} // namespace

std::span<const std::string_view> migrations() {
    return k_migrations;
}

} // namespace peerlog
