// `report boundaries`: flagged sessions and overrides of a period, grouped by rule.
#pragma once

#include "peerlog/boundary_flag.hpp"
#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/output_format.hpp"

#include <cstdint>
#include <ostream>
#include <vector>

namespace peerlog {

/// One flag on one session, for the supervisor.
struct FlaggedSession {
    std::int64_t session_id = 0;
    Date date{};
    std::string peer_code;
    Severity severity = Severity::warn;
    std::string message;
    std::string override_reason;
};

/// The flags of one rule.
struct RuleFlags {
    BoundaryRule rule = BoundaryRule::contact_hours;
    std::vector<FlaggedSession> flags; ///< by date, then session id
};

/// Every rule with at least one flag in the period, in the order of k_boundary_rules.
struct BoundaryReport {
    Period period;
    long long flagged_sessions = 0;
    long long overrides = 0;
    std::vector<RuleFlags> rules;
};

BoundaryReport build_boundary_report(Journal& journal, const Period& period);

/// Renders as table, markdown, csv (rule,session,date,peer,severity,message,override) or json.
void write_boundary_report(std::ostream& out, const BoundaryReport& report, OutputFormat format,
                           const RenderStyle& style);

} // namespace peerlog
