// Appending to the audit trail inside the caller's write transaction.
#pragma once

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <string_view>

#include "peerlog/audit.hpp"

namespace peerlog {

/// Appends one event, chained to the previous one through its summary's digest, and notes the
/// peer its object belongs to (for redaction). Call inside write_transaction so the event
/// commits or rolls back with the change it records.
void append_audit(SQLite::Database& db, std::string_view action, std::string_view object,
                  std::string_view summary);

/// Replaces with k_audit_redacted the summary of every event about peer `peer_id`, of every
/// disclosure that included `code` and of every group session the peer attended, marking them
/// redacted (their subject stays: their hash covers it); returns how many. Events from before
/// schema 4 cannot be redacted and keep their summary. Call inside the forget's transaction, before
/// the disclosure_peer and session_attendee rows go.
long long redact_peer_events(SQLite::Database& db, std::int64_t peer_id, std::string_view code);

/// How many events redact_peer_events would redact now (the same selection); changes nothing.
long long count_peer_events(SQLite::Database& db, std::int64_t peer_id, std::string_view code);

/// What redact_typed_text_events did.
struct TypedTextRedaction {
    long long redacted = 0; ///< events whose summary is now k_audit_sealed
    long long kept = 0;     ///< such events from before schema 4: their hash covers the summary
};

/// Replaces with k_audit_sealed the summary of every event that quotes typed text (consent.add,
/// session.override, disclosure) appended before the journal was last encrypted (all of them
/// in a journal never encrypted), marking it redacted; inside the caller's transaction, for
/// `peerlog encrypt`. Events from before schema 4 cannot be redacted and are counted as kept.
TypedTextRedaction redact_typed_text_events(SQLite::Database& db);

/// How many events redact_typed_text_events would redact now; changes nothing.
long long count_typed_text_events(SQLite::Database& db);

/// The chain head now, read on the caller's connection and transaction (so inside a write
/// transaction it includes the events appended there).
AuditHead audit_head_in(SQLite::Database& db);

/// The chain head at the end of `day` (UTC), read on the caller's connection and transaction.
AuditHead audit_head_in(SQLite::Database& db, Date day);

} // namespace peerlog
