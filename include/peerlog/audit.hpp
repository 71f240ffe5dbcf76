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
    /// True once `peer forget` or `purge` replaced the summary with k_audit_redacted, or
    /// `peerlog encrypt` with k_audit_sealed.
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

/// The summary of an event that quoted typed text (a consent's recipient and purpose, an
/// override reason, a disclosure's recipient and purpose) once `peerlog encrypt` sealed that
/// text in its record: the event keeps its digest, so the chain still verifies.
inline constexpr std::string_view k_audit_sealed =
    "(redacted: its typed text was sealed when the journal was encrypted)";

/// Events in order; from `since` (UTC day) on when given.
std::vector<AuditEvent> list_audit(Journal& journal, std::optional<Date> since);

/// An event's id and hash ("0" and the genesis hash before the first event). Publish the head
/// outside the journal (exports and reports carry it; verify_audit returns the newest) so a
/// cut-off tail can be detected.
struct AuditHead {
    std::int64_t id = 0;
    std::string hash{k_audit_genesis};
};

/// The head as it stood at the end of `day` (UTC): fixed once the day is over, so an export of
/// a past week carries the same head every time it is run.
AuditHead audit_head_on(Journal& journal, Date day);

/// The head as reports print it after "Audit chain head on DAY: ": "event 42 HASH", or, when
/// no event existed by the end of `day` (id 0, as in a journal back-filled later), "none yet
/// (the audit trail has no event by DAY)" rather than an event 0 and a hash of zeros.
std::string describe(const AuditHead& head, Date day);

/// Appends an "export" event (what and which period, never content) in its own transaction,
/// calling `produce` (when given) inside it, so the event is committed if and only if the
/// export it records was produced (see write_recorded_output).
void record_export(Journal& journal, const std::string& what,
                   const std::function<void()>& produce = {});

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
