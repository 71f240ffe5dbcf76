// The audit trail: an append-only, hash-chained record of every change, export and disclosure.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"

#include <cstdint>
#include <filesystem>
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
    /// Set on every event since schema 7, and covered by its hash: the SHA-256 of the state its
    /// record was left in (every stored column, and its child rows: see record_state),
    /// k_state_deleted when the event deleted it, "forgot R E" for a forget (R records deleted,
    /// E events with a record state redacted), k_state_none for an event about no record.
    std::optional<std::string> record_state;
    /// In an encrypted journal, from the event where its trail became keyed: keyed BLAKE2b of
    /// `hash` under a key derived from the journal's data key. Set on every event that changes a
    /// record, so rewriting the trail and recomputing it needs the passphrase.
    std::optional<std::string> mac;
};

/// The record state of an event that deleted its record.
inline constexpr std::string_view k_state_deleted = "deleted";
/// The record state of an event about no record (an export, a backup, a passphrase change).
inline constexpr std::string_view k_state_none = "none";

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

/// What `audit verify` checks besides the journal itself: heads published earlier (an export's
/// or report's audit_head, or one written down), each of which must still be in the chain.
struct VerifyOptions {
    std::vector<AuditHead> published_heads;
    /// For an encrypted journal: unlock it through its passphrase source to check the keyed
    /// MACs (else they are checked only when it is unlocked already, and counted otherwise).
    bool use_key = false;
};

/// The result of checking the chain and the records it vouches for.
struct AuditCheck {
    long long events = 0;
    long long redacted = 0; ///< events whose summary was redacted when their peer was forgotten
    long long records = 0;  ///< live records compared with their latest event
    long long keyed = 0;    ///< events whose keyed MAC was checked (an encrypted journal)
    /// Events with a MAC that were not checked: an encrypted journal verified without its key.
    long long keyed_unchecked = 0;
    /// The event from which the trail of an encrypted journal is keyed; unset when it is not.
    std::optional<std::int64_t> keyed_from;
    AuditHead head;
    std::optional<std::int64_t> first_bad_event; ///< the first event found tampered with
    std::string problem; ///< what is wrong with the chain (with that event, or as a whole)
    /// Each record (kind and id) that does not match its latest event, and what is wrong; at
    /// most k_max_listed, record_problem_count counts them all.
    std::vector<std::string> record_problems;
    long long record_problem_count = 0;
    /// Each published head the chain no longer holds (cut off, or rewritten since).
    std::vector<std::string> head_problems;
    /// True when nothing is wrong.
    bool intact() const {
        return problem.empty() && record_problem_count == 0 && head_problems.empty();
    }
    static constexpr std::size_t k_max_listed = 20;
};

/// Recomputes every hash, link, summary digest and (with the journal's key) keyed MAC; finds an
/// edited, deleted, inserted or reordered event. Then recomputes the state of every live record
/// of every kind and compares it with the latest event about it: a record changed, deleted or
/// added outside peerlog is named. An emptied trail fails as every record then has no event.
/// Each published head must be an event of the chain with the same hash. An encrypted journal's
/// MACs are checked when it is unlocked or its passphrase source gives the key; else they are
/// counted as unchecked.
AuditCheck verify_audit(Journal& journal, const VerifyOptions& options = {});

/// The audit head an output peerlog wrote carries: the `audit_head` object of a JSON export or
/// report, or the "event N HASH" of a text, Markdown, HTML or CSV one. Error(not_found) for a
/// missing file, Error(invalid_data) when the file holds no audit head.
AuditHead published_head_in(const std::filesystem::path& file);

/// "ID:HASH" (as `audit verify --head` takes it) as a head; Error(usage) when malformed.
AuditHead parse_head(std::string_view text);

/// SHA-256 of the chain fields, as 64 hex digits (exposed for tests): over the summary digest
/// and the subject peer when the event has a digest, else (events from before schema 4) over
/// the summary.
std::string audit_hash(const AuditEvent& event);

/// SHA-256 of `text` as 64 hex digits (the summary digest).
std::string sha256_hex(std::string_view text);

} // namespace peerlog
