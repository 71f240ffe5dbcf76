// `report team`: many specialists' weekly exports aggregated into one team report.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/output_format.hpp"

#include <array>
#include <filesystem>
#include <istream>
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
    std::array<long long, 4> minutes_by_support{}; ///< indexed by SupportKind; a session of
                                                   ///< several kinds in full under each
    /// As minutes_by_support, a session of several kinds split evenly between them (the chart).
    std::array<long long, 4> split_minutes_by_support{};
    /// Figures hidden by suppress_small_cells: "sessions", "distinct_peers", "new_peers",
    /// "group_sessions"; minutes follow their session count.
    std::set<std::string> suppressed;
    /// Of those, the ones hidden only so that a total cannot give another away (printed
    /// "suppressed", never "<N").
    std::set<std::string> complementary;
};

struct TeamReport {
    std::vector<TeamMember> members;  ///< by specialist name
    TeamMember totals;                ///< specialist "all"; distinct_peers summed per member
    long long duplicates_skipped = 0; ///< a second file for the same specialist and period
    int suppressed_below = 0;         ///< 0: nothing suppressed
    std::optional<Period> period;     ///< the period asked for; unset: every file counts
    long long files_outside = 0;      ///< left out: their middle day is outside the period
    long long files_straddling = 0;   ///< counted, though they reach past the period's edge
    long long unnamed_files = 0;      ///< counted under their directory's name
    std::set<std::string> unnamed_as; ///< those names: "(DIR)", "(stdin)"
};

/// What build_team_report reads besides the files.
struct TeamOptions {
    /// Only the exports whose middle day lies in the period count (an ISO week: its Thursday),
    /// so reports on consecutive periods count each export once. Unset: every file.
    std::optional<Period> period;
    std::istream* input = nullptr; ///< what a file named "-" reads; null: "-" is refused
};

/// Reads every export file (json, `peerlog export --format json`) and aggregates them; a
/// directory stands for every .json file under it, and "-" for one export on `options.input`.
/// A file without a specialist name counts under its directory's name ("(stdin)" for "-").
/// Throws Error naming the file: io when it cannot be read, invalid_data when it is not a
/// peerlog export, its schema_version is one this peerlog cannot read, or its totals disagree
/// with its session rows; usage when there is no file, or "-" is named twice.
TeamReport build_team_report(const std::vector<std::filesystem::path>& files,
                             const TeamOptions& options = {});

/// The totals row of these members: each figure summed (distinct peers too: codes are each
/// specialist's own pseudonyms), from the earliest day to the latest.
TeamMember team_totals(const std::vector<TeamMember>& members);

/// Sentences for stderr: the files the period left out or that straddle its edge, and the
/// exports without a specialist name.
std::vector<std::string> team_report_warnings(const TeamReport& report);

/// Renders as table, markdown, csv, json or html (with hours per specialist as a chart).
void write_team_report(std::ostream& out, const TeamReport& report, OutputFormat format,
                       const RenderStyle& style);

} // namespace peerlog
