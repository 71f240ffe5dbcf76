// A peer: the person a specialist supports, known in the journal by a pseudonymous code.
#pragma once

#include "peerlog/calendar.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peerlog {

/// Which recovery a peer is in.
enum class Pathway { substance_use, mental_health, co_occurring };

/// How far along the peer is.
enum class RecoveryStage { early, mid, late, sustained };

/// Whether the peer is on the specialist's caseload.
enum class PeerStatus { active, paused, closed };

Pathway parse_pathway(std::string_view text);
std::string_view to_string(Pathway pathway);
RecoveryStage parse_stage(std::string_view text);
std::string_view to_string(RecoveryStage stage);
PeerStatus parse_peer_status(std::string_view text);
std::string_view to_string(PeerStatus status);

/// A peer as stored in the journal. The code is the only identifier that leaves the journal.
struct Peer {
    std::int64_t id = 0;
    std::string code;
    std::optional<Pathway> pathway;
    std::optional<RecoveryStage> stage;
    PeerStatus status = PeerStatus::active;
    Date since{};                  ///< first day on the caseload
    std::optional<Date> closed_on; ///< set while the status is closed
    std::string referred_by;       ///< referral source, e.g. "drug court"; may be empty
};

/// Throws Error(invalid_data) unless `code` is 1-32 letters, digits, '.', '_' or '-',
/// starting with a letter or digit. Codes are pseudonyms: never a name.
void validate_peer_code(std::string_view code);

/// Throws Error(invalid_data) when the peer's fields contradict each other.
void validate(const Peer& peer);

/// Throws Error(invalid_data) when `since` (a peer's first day on the caseload) is after
/// `today`: a caseload counts peers from a day that has come.
void validate_since(Date since, Date today);

} // namespace peerlog
