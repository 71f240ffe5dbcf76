// The state of each record the audit trail vouches for, as one digest of everything stored.
#pragma once

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace peerlog {

/// The kinds of record an audit event can be about, by the word its object starts with.
enum class RecordKind {
    peer,
    session,
    consent,
    goal,
    referral,
    assessment,
    checkin,
    supervision,
    group,
    resource,
    disclosure
};

/// One record: "session 12" is {session, 12}, "peer #3" is {peer, 3}.
struct RecordRef {
    RecordKind kind = RecordKind::peer;
    std::int64_t id = 0;
};

/// Every kind, in the order verify and the sealing of a journal visit them.
std::span<const RecordKind> record_kinds();

/// The record an audit object names, or nothing ("export", "journal", a forget's "peer CODE").
std::optional<RecordRef> record_named(std::string_view object);

/// The audit object of a record: "peer #3", "session 12", "group 1"...
std::string object_name(RecordRef record);

/// The SHA-256 (64 hex digits) of the record's stored state, or nothing when it has no row.
/// The state is every column of its row and of its child rows (a session's attendees, goals,
/// flags and reviews; a peer's identity; a disclosure's peers), each column by name with a
/// type tag, so no two states encode alike. A column holding its declared default is left out:
/// a migration that adds a column with a default changes no digest. One that rewrites stored
/// values (or changes a default) must reseal the records it changed (reseal_records).
std::optional<std::string> record_state(SQLite::Database& db, RecordRef record);

/// What for_each_record_state gives for each live record.
struct LiveRecord {
    std::int64_t id = 0;
    std::string state;                        ///< as record_state
    std::optional<std::int64_t> subject_peer; ///< the peer it belongs to, if any
};

/// Streams every live record of `kind` in id order with its state: one pass over its table
/// and one over each child table (merged by parent id), so memory does not grow with the
/// journal. `orphan` is told the parent id of each child row whose record does not exist.
void for_each_record_state(
    SQLite::Database& db, RecordKind kind, const std::function<void(const LiveRecord&)>& visit,
    const std::function<void(std::string_view child_table, std::int64_t parent_id)>& orphan);

} // namespace peerlog
