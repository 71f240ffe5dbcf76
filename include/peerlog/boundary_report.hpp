// `report boundaries`: flagged sessions and overrides of a period, grouped by rule.
#pragma once

#include "peerlog/boundary_flag.hpp"
#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/output_format.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
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

/// Hands `visit` each flag of a period in the order of k_boundary_rules, then by date and
/// session id: every rule's, or with `only` set that rule's alone.
using BoundaryFlagReader =
    std::function<void(std::optional<BoundaryRule> only,
                       const std::function<void(BoundaryRule, const FlaggedSession&)>& visit)>;

/// The flags of one rule.
struct RuleFlags {
    BoundaryRule rule = BoundaryRule::contact_hours;
    std::vector<FlaggedSession> flags; ///< by date, then session id, when held
    long long count = 0;               ///< how many flags the rule has in the period
    long long overrides = 0;           ///< how many of them carry an override reason
};

/// One flagged session with its rules (in the order of k_boundary_rules) and override reasons.
struct FlaggedSessionRules {
    std::int64_t session_id = 0;
    Date date{};
    std::string peer_code;
    std::vector<std::string> rules;
    std::vector<std::string> override_reasons;
};

/// Every rule with at least one flag in the period, in the order of k_boundary_rules. The flags
/// are held (build_boundary_report) or, for a period over 92 days, the value's lazily-read part
/// (stream_boundary_report): read from the journal each time they are visited, so a report with
/// them must be rendered inside the read transaction it was built in.
struct BoundaryReport {
    Period period;
    long long flagged_sessions = 0;
    long long overrides = 0;
    std::vector<RuleFlags> rules;
    BoundaryFlagReader read_flags{}; ///< set when the flags are read as they are visited
    /// With read_flags: every flag in session order (date, id, then rule), for visit_sessions.
    std::function<void(const std::function<void(BoundaryRule, const FlaggedSession&)>& visit)>
        read_sessions{};

    /// Hands `visit` each flag, held or read (see BoundaryFlagReader).
    void visit_flags(std::optional<BoundaryRule> only,
                     const std::function<void(BoundaryRule, const FlaggedSession&)>& visit) const;
    /// Hands `visit` each flagged session, by date then id, with all its flags.
    void visit_sessions(const std::function<void(const FlaggedSessionRules&)>& visit) const;
};

/// The report with every flag held.
BoundaryReport build_boundary_report(Journal& journal, const Period& period);
/// The report's figures, the flags of a period over 92 days read from the journal as they are
/// visited (a shorter period's are held, as build_boundary_report holds them: they are as many
/// as its days allow, whatever the journal's size): build it and render it inside one
/// read_transaction (the same snapshot for figures and flags).
BoundaryReport stream_boundary_report(Journal& journal, const Period& period);

/// Renders as table, markdown, csv (rule,session,date,peer,severity,message,override) or json.
void write_boundary_report(std::ostream& out, const BoundaryReport& report, OutputFormat format,
                           const RenderStyle& style);
/// `report boundaries` from the journal, in one read snapshot (stream_boundary_report): a period
/// of any length in the memory of a quarter's at most, byte for byte what the one above writes
/// of build_boundary_report.
void write_boundary_report(std::ostream& out, Journal& journal, const Period& period,
                           OutputFormat format, const RenderStyle& style);

} // namespace peerlog
