// Appending to the audit trail inside the caller's write transaction.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "peerlog/audit.hpp"

namespace peerlog {

/// The columns read_audit_event reads, in its order, for a SELECT of audit_event.
extern const char* const k_audit_event_columns;

/// One event from a row holding k_audit_event_columns.
AuditEvent read_audit_event(SQLite::Statement& row);

/// Appends one event, chained to the previous one through its summary's digest, and notes the
/// peer its object belongs to (for redaction) and the state its record is in now (for verify:
/// see record_state; k_state_deleted when the row is gone). Call inside write_transaction,
/// after every change to the record, so the event commits or rolls back with the change it
/// records and vouches for the record as it is left. In an encrypted journal whose trail is
/// keyed, an event about a record needs the key (Error(privacy) when it is not loaded).
void append_audit(SQLite::Database& db, std::string_view action, std::string_view object,
                  std::string_view summary);

/// The records a forget of the peer (`peer_id`, `code`) changes or deletes: the peer, its
/// sessions, consents, goals, referrals and assessments, the group sessions it attended, the
/// sessions linked to its goals, and the disclosures that included it, as audit objects. Call
/// before the forget changes anything.
std::vector<std::string> records_of_peer(SQLite::Database& db, std::int64_t peer_id,
                                         std::string_view code);

/// The action of the event a forget appends for a record it changed without deleting it (a
/// group session the peer attended, a disclosure of others too), with its new state.
inline constexpr std::string_view k_forget_unlink_action = "peer.forget.unlink";

/// What a forget left behind in the trail, for its own event.
struct ForgetSeal {
    long long records_deleted = 0; ///< of the records given, those no longer stored
    long long events_redacted = 0; ///< further events redacted (of those deleted records)
};

/// After a forget's deletions, inside its transaction: appends an event with the new state of
/// each of `records` (records_of_peer) still stored, and redacts every event left unredacted
/// about one no longer stored; returns how many are gone and how many events it redacted.
ForgetSeal seal_forgotten_records(SQLite::Database& db, const std::vector<std::string>& records);

/// How many events carrying a record state are redacted by forgets, not sealed by `peerlog
/// encrypt` (a forget's event records how many it redacted, as the difference of this before
/// and after).
long long redacted_state_events(SQLite::Database& db);

/// Appends a forget's event (object "peer CODE"): its record state "forgot R E" commits to the
/// `records_deleted` it deleted and the `state_events_redacted` it redacted, which is how
/// verify tells deletions by forgets from deletions with the sqlite3 shell.
void append_forget_audit(SQLite::Database& db, std::string_view action, std::string_view object,
                         std::string_view summary, long long records_deleted,
                         long long state_events_redacted);

/// Appends an event `action` for every live record, each with its state (the sealing of a
/// journal upgraded from an earlier schema: `summary` says earlier history cannot be checked).
/// Streams each table once. Call inside the migration's transaction.
long long seal_all_records(SQLite::Database& db, std::string_view action, std::string_view summary);

/// For a bulk rewrite of stored bytes (encrypting a journal's fields): checks that every record
/// matches its latest event (Error(corrupt) naming the first that does not: a rewrite must not
/// bless a tampered record), runs `rewrite`, then appends an event `action` with `summary` and
/// the new state of each record whose state it changed; returns how many. Inside the caller's
/// write transaction (with the key loaded, in an encrypted journal).
long long reseal_records(SQLite::Database& db, std::string_view action, std::string_view summary,
                         const std::function<void()>& rewrite);

/// Replaces with k_audit_redacted the summary of every event about peer `peer_id`, of every
/// disclosure that included `code` and of every group session the peer attended, marking them
/// redacted (their subject stays: their hash covers it); returns how many. Events from before
/// schema 4 cannot be redacted and keep their summary. Call inside the forget's transaction, before
/// the disclosure_peer and session_attendee rows go.
long long redact_peer_events(SQLite::Database& db, std::int64_t peer_id, std::string_view code);

/// How many events redact_peer_events would redact now (the same selection); changes nothing.
long long count_peer_events(SQLite::Database& db, std::int64_t peer_id, std::string_view code);

/// The actions whose events quote what was typed for a consent (its recipient and purpose, the
/// reason it was deleted), an override or a disclosure: `peerlog encrypt` seals their summaries
/// (k_audit_sealed).
inline constexpr std::array<std::string_view, 4> k_typed_text_actions = {
    "consent.add", "consent.remove", "session.override", "disclosure"};

/// Whether events of `action` quote typed text (one of k_typed_text_actions).
inline bool quotes_typed_text(std::string_view action) {
    return std::find(k_typed_text_actions.begin(), k_typed_text_actions.end(), action) !=
           k_typed_text_actions.end();
}

/// What redact_typed_text_events did.
struct TypedTextRedaction {
    long long redacted = 0; ///< events whose summary is now k_audit_sealed
    long long kept = 0;     ///< such events from before schema 4: their hash covers the summary
};

/// Replaces with k_audit_sealed the summary of every event that quotes typed text (consent.add,
/// consent.remove, session.override, disclosure) appended before the journal was last encrypted
/// (all of them in a journal never encrypted), marking it redacted; inside the caller's
/// transaction, for `peerlog encrypt`. Events from before schema 4 cannot be redacted and are
/// counted as kept.
TypedTextRedaction redact_typed_text_events(SQLite::Database& db);

/// How many events redact_typed_text_events would redact now; changes nothing.
long long count_typed_text_events(SQLite::Database& db);

/// The chain head now, read on the caller's connection and transaction: inside a read
/// transaction, the head of its snapshot (what an export or report computed there carries);
/// inside a write transaction, with the events appended there.
AuditHead audit_head_in(SQLite::Database& db);

} // namespace peerlog
