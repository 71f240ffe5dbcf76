// `report team`: many specialists' weekly exports aggregated into one team report.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/output_format.hpp"

#include <array>
#include <filesystem>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace peerlog {

/// One specialist's figures over all their export files.
struct TeamMember {
    std::string specialist;
    long long files = 0;
    std::optional<Date> from, to; ///< the span their files cover
    long long sessions = 0;
    long long minutes = 0;
    long long group_sessions = 0;
    long long group_minutes = 0;
    long long distinct_peers = 0; ///< peer codes seen in any of their sessions
    long long new_peers = 0;
    std::array<long long, 4> minutes_by_support{}; ///< indexed by SupportKind
    /// Figures hidden by suppress_small_cells: "sessions", "distinct_peers", "new_peers",
    /// "group_sessions"; minutes follow their session count.
    std::set<std::string> suppressed;
};

struct TeamReport {
    std::vector<TeamMember> members;  ///< by specialist name
    TeamMember totals;                ///< specialist "all"; distinct_peers summed per member
    long long duplicates_skipped = 0; ///< a second file for the same specialist and period
    int suppressed_below = 0;         ///< 0: nothing suppressed
};

/// Reads every export file (json, `peerlog export --format json`) and aggregates them; a
/// directory stands for every .json file under it. A file without a specialist name counts
/// under its directory's name. Throws Error naming the file:
/// io when it cannot be read, invalid_data when it is not a peerlog export or its
/// schema_version is one this peerlog cannot read.
TeamReport build_team_report(const std::vector<std::filesystem::path>& files);

/// Renders as table, markdown, csv, json or html (with hours per specialist as a chart).
void write_team_report(std::ostream& out, const TeamReport& report, OutputFormat format,
                       const RenderStyle& style);

} // namespace peerlog
