// Professional-boundary rules: the policy (from config) and their evaluation on a session.
#pragma once

#include "peerlog/boundary_flag.hpp"
#include "peerlog/error.hpp"
#include "peerlog/session.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace peerlog {

/// The rule set; defaults follow common peer-specialist codes of ethics.
struct BoundaryPolicy {
    TimeOfDay contact_from{8 * 60};    ///< boundaries.contact_hours, start
    TimeOfDay contact_until{20 * 60};  ///< boundaries.contact_hours, end
    int max_session_minutes = 180;     ///< boundaries.max_session_minutes
    int max_contacts_per_week = 5;     ///< boundaries.max_contacts_per_week (per peer, ISO week)
    double gift_limit = 25.0;          ///< boundaries.gift_limit: a gift above it is flagged
    unsigned allowed_modalities = 0xF; ///< bit per Modality (boundaries.allowed_modalities)
    unsigned allowed_settings = 0x1F;  ///< bit per Setting (boundaries.allowed_settings)
    std::array<Severity, k_boundary_rules.size()> severities = default_severities();

    Severity severity_of(BoundaryRule rule) const {
        return severities[static_cast<std::size_t>(rule)];
    }
    static std::array<Severity, k_boundary_rules.size()> default_severities();
};

/// Every rule the session breaks under `policy` (rules set to off are skipped).
/// `contacts_in_week`: the peer's sessions in the session's ISO week, this one included.
std::vector<BoundaryFlag> evaluate_boundaries(const Session& session, const BoundaryPolicy& policy,
                                              int contacts_in_week);

/// The same rules with every block lowered to warn: records of the past (an import) are flagged
/// for the supervisor against the configured limits, never refused.
BoundaryPolicy warn_only(BoundaryPolicy policy);

/// True when a flag has severity block.
bool any_blocking(const std::vector<BoundaryFlag>& flags);

/// The refusal for blocking flags that carry no override reason yet: names each rule and says
/// how to proceed (exit 10). With `edited_session` it says the change to that session (which
/// exists) was not saved; else that the new session was not.
Error blocked_by_rules(const std::vector<BoundaryFlag>& flags,
                       std::optional<std::int64_t> edited_session = std::nullopt);

/// Throws Error(usage) when an override reason says nothing (empty or only blanks).
void require_override_reason(std::string_view reason);

/// "HH:MM-HH:MM" as in config; throws Error(invalid_data) when malformed or empty.
std::pair<TimeOfDay, TimeOfDay> parse_contact_hours(std::string_view text);

} // namespace peerlog
