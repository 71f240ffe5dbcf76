// The audit trail: an append-only, hash-chained record of every change, export and disclosure.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peerlog {

/// One event. `hash` = SHA-256 over the previous hash and this event's fields.
struct AuditEvent {
    std::int64_t id = 0;
    std::string at;      ///< UTC timestamp
    std::string action;  ///< e.g. session.add, peer.forget, export, disclosure
    std::string object;  ///< e.g. "session 12", "peer P1"
    std::string summary; ///< what happened, never note text or identity
    std::string prev_hash;
    std::string hash;
};

/// The hash every chain starts from.
inline constexpr std::string_view k_audit_genesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// Events in order; from `since` (UTC day) on when given.
std::vector<AuditEvent> list_audit(Journal& journal, std::optional<Date> since);

/// The newest event's id and hash ("0" and the genesis hash when there is none). Publish it
/// outside the journal (exports and reports carry it) so a cut-off tail can be detected.
struct AuditHead {
    std::int64_t id = 0;
    std::string hash{k_audit_genesis};
};
AuditHead audit_head(Journal& journal);

/// The head as it stood at the end of `day` (UTC): fixed once the day is over, so an export of
/// a past week carries the same head every time it is run.
AuditHead audit_head_on(Journal& journal, Date day);

/// Appends an "export" event (what and which period, never content) in its own transaction.
void record_export(Journal& journal, const std::string& what);

/// The result of checking the chain.
struct AuditCheck {
    long long events = 0;
    AuditHead head;
    std::optional<std::int64_t> first_bad_event; ///< unset when the chain is intact
    std::string problem;                         ///< what is wrong with that event
};

/// Recomputes every hash and link; finds an edited, deleted, inserted or reordered event.
AuditCheck verify_audit(Journal& journal);

/// SHA-256 of the chain fields, as 64 hex digits (exposed for tests).
std::string audit_hash(const AuditEvent& event);

} // namespace peerlog
