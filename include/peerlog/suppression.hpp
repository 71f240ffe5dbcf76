// Small-cell suppression of aggregate figures shared beyond the supervisor (CMS cell-size policy).
#pragma once

#include "peerlog/summary.hpp"
#include "peerlog/team_report.hpp"

#include <string>
#include <string_view>

namespace peerlog {

/// Hides every count from 1 to below-1 in the summary's figures (zero stays: it says nothing
/// about anyone). Where one cell of a group that adds up to a shown total is hidden, the next
/// smallest is hidden too, so the total cannot give it away. Minutes follow their session
/// count. Per-session rows and per-peer lists are dropped. Throws Error(usage) for below < 2.
void suppress_small_cells(PeriodSummary& summary, int below);

/// True when the figure at `path` ("totals.sessions", "totals.by_modality.phone.sessions",
/// "caseload.active_peers", ...) is hidden.
bool is_suppressed(const PeriodSummary& summary, std::string_view path);

/// The figure as printed: the number; "<11" when it is hidden for being small; "suppressed"
/// when it is hidden to protect another cell (or is a minutes figure).
std::string shown_count(const PeriodSummary& summary, std::string_view path, long long value);

/// The same for a team report, column by column: a member's count from 1 to below-1 is hidden;
/// where that leaves one hidden cell beside a shown total, the smallest other non-zero cell is
/// hidden too (or the total, when there is none). A hidden session count hides its minutes.
void suppress_small_cells(TeamReport& report, int below);

/// True when `figure` ("sessions", "minutes", "minutes_by_support", "group_minutes", ...) of
/// `member` is hidden.
bool is_suppressed(const TeamMember& member, std::string_view figure);

/// The team figure as printed, as shown_count above.
std::string shown_count(const TeamReport& report, const TeamMember& member, std::string_view figure,
                        long long value);

} // namespace peerlog
