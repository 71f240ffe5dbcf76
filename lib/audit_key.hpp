// The keyed audit trail of an encrypted journal: a MAC of each event's hash under a key derived
// from the journal's data key, so rewriting the trail and recomputing it needs the passphrase.
#pragma once

#include "peerlog/audit.hpp"
#include "peerlog/encryption.hpp"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <optional>
#include <string>

namespace peerlog {

/// The action of the event from which an encrypted journal's trail is keyed.
inline constexpr std::string_view k_keyed_action = "audit.key";

/// The MAC `event` must carry (its hash set): keyed BLAKE2b of the hash, when the journal's
/// trail is keyed and its key loaded. Nothing for a plain journal or one not keyed yet.
/// Error(privacy) when the trail is keyed, the key is not loaded and the event changes a
/// record (those events cannot be appended without the passphrase; an export or a backup can).
std::optional<std::string> audit_mac_for(SQLite::Database& db, const AuditEvent& event);

/// Makes the trail of an encrypted journal keyed from the next event, when it is not yet and
/// the key is loaded (a journal encrypted by a peerlog before schema 7 is keyed by its first
/// write with the passphrase). Call inside a write transaction before appending.
void key_trail_if_due(SQLite::Database& db);

/// What verify needs to check an encrypted journal's MACs: where keying starts, and the key.
class KeyedTrail {
  public:
    std::optional<std::int64_t> keyed_from; ///< unset when the trail is not keyed
    bool encrypted = false;
    std::optional<SecretBuffer> key; ///< the audit key, when the journal could be unlocked

    /// What is wrong with `event`'s MAC, or with its place before or after the keyed point ("" when
    /// nothing is); counts the MACs checked, and those left unchecked without the key.
    std::string problem_with(const AuditEvent& event, AuditCheck& check) const;
    /// What is wrong with the keyed point itself, once every event was seen.
    std::string problem_at_end(std::int64_t last_event) const;
};

/// Reads where the journal's trail is keyed from and, when `use_key` and the journal is
/// encrypted, unlocks it (through its passphrase source) for the audit key.
KeyedTrail keyed_trail_of(Journal& journal, bool use_key);

} // namespace peerlog
