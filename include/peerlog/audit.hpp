// The audit trail: an append-only, hash-chained record of every change, export and disclosure.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace peerlog {

/// One event. `hash` = SHA-256 over the previous hash and this event's fields; for an event
/// with a `summary_digest` (all since schema 4) the hash covers the digest instead of the
/// summary, so the summary can be redacted without breaking the chain, and the subject peer.
struct AuditEvent {
    std::int64_t id = 0;
    std::string at;      ///< UTC timestamp
    std::string action;  ///< e.g. session.add, peer.forget, export, disclosure
    std::string object;  ///< e.g. "session 12", "peer #1"
    std::string summary; ///< what happened, never note text or identity
    std::string prev_hash;
    std::string hash;
    /// SHA-256 of the summary as appended (64 hex digits); unset for an event from before
    /// schema 4, whose hash covers the summary itself and which cannot be redacted.
    std::optional<std::string> summary_digest;
    /// True once `peer forget` or `purge` replaced the summary with k_audit_redacted.
    bool redacted = false;
    /// The id of the peer the event was about when appended (none for a group session or an
    /// export), by which `peer forget` finds it; covered by the hash when there is a digest.
    std::optional<std::int64_t> subject_peer_id;
};

/// The hash every chain starts from.
inline constexpr std::string_view k_audit_genesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// The summary of an event whose peer was forgotten.
inline constexpr std::string_view k_audit_redacted = "(redacted: peer forgotten)";

/// Events in order; from `since` (UTC day) on when given.
std::vector<AuditEvent> list_audit(Journal& journal, std::optional<Date> since);

/// An event's id and hash ("0" and the genesis hash before the first event). Publish the head
/// outside the journal (exports and reports carry the head of the snapshot they were computed
/// from; verify_audit returns the newest) so a cut-off tail can be detected.
struct AuditHead {
    std::int64_t id = 0;
    std::string hash{k_audit_genesis};
};

/// The head as reports print it after "Audit chain head: ": "event 42 HASH", or, for a journal
/// whose trail has no event yet, "none yet (the audit trail has no event)" rather than an event
/// 0 and a hash of zeros.
std::string describe(const AuditHead& head);

/// Appends an "export" event (what and which period, never content) in its own short write
/// transaction. Called once the export file is whole and before it is named (write_output_file
/// in peerlog/output_file.hpp), so the journal's write lock is held for the event alone.
void record_export(Journal& journal, const std::string& what);

/// The result of checking the chain.
struct AuditCheck {
    long long events = 0;
    long long redacted = 0; ///< events whose summary was redacted when their peer was forgotten
    AuditHead head;
    std::optional<std::int64_t> first_bad_event; ///< the first event found tampered with
    std::string problem; ///< what is wrong (with that event, or with the trail as a whole)
    /// True when nothing is wrong.
    bool intact() const { return problem.empty(); }
};

/// Recomputes every hash, link and summary digest; finds an edited, deleted, inserted or
/// reordered event, and a trail emptied while the journal still holds records.
AuditCheck verify_audit(Journal& journal);

/// SHA-256 of the chain fields, as 64 hex digits (exposed for tests): over the summary digest
/// and the subject peer when the event has a digest, else (events from before schema 4) over
/// the summary.
std::string audit_hash(const AuditEvent& event);

/// SHA-256 of `text` as 64 hex digits (the summary digest).
std::string sha256_hex(std::string_view text);

} // namespace peerlog
