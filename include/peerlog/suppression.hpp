// Small-cell suppression of aggregate figures shared beyond the supervisor (CMS cell-size policy).
#pragma once

#include "peerlog/summary.hpp"
#include "peerlog/team_report.hpp"

#include <string>
#include <string_view>

namespace peerlog {

/// Throws Error(usage) for a threshold below 2 (there is no count from 1 to below-1 to hide):
/// checked before a command reads or records anything.
void check_suppression_threshold(int below);

/// Hides every count from 1 to below-1 in the summary's figures (zero stays: it says nothing
/// about anyone). Then, so that no total gives a hidden cell back, the rule of the team version
/// below runs on the sessions with two groups that share them as their total: the modalities,
/// which add up to the sessions, and the support kinds, each at most the sessions and together
/// at least them (a session has one kind or more, counted under each). When the pinned cell's
/// group and the total have nothing left to hide, the smallest shown cell of the other group is
/// hidden (a total hidden for the modalities is not given back by the support kinds); with
/// nothing shown left to hide, every "<N" left prints "suppressed" too. Minutes follow their
/// session count. Per-session rows and per-peer lists are dropped. Throws Error(usage) for
/// below < 2.
void suppress_small_cells(PeriodSummary& summary, int below);

/// True when the figure at `path` ("totals.sessions", "totals.by_modality.phone.sessions",
/// "caseload.active_peers", ...) is hidden.
bool is_suppressed(const PeriodSummary& summary, std::string_view path);

/// The figure as printed: the number; "<11" when it is hidden for being small; "suppressed"
/// when it is hidden to protect another cell (or is a minutes figure): that says no range.
std::string shown_count(const PeriodSummary& summary, std::string_view path, long long value);

/// The same for a team report, column by column: a member's count from 1 to below-1 is hidden.
/// A reader knows each hidden cell's range from how it prints ("<N": 1 to N-1; "suppressed" in a
/// member's cell, hidden to protect another: N or more, and at most the smallest cell still
/// shown in the column, since that is how it was chosen; a "suppressed" total: nothing) and that
/// the column adds up to its total. A "<N" cell is pinned when that leaves it one value: with
/// only k "<N" cells hidden, summing to S = total - the shown cells, each lies in
/// [max(1, S-(k-1)(N-1)), min(N-1, S-(k-1))], a single value when k is 1 or S is k or k(N-1)
/// (the bounds are carried through the sums until they settle, so "suppressed" cells count with
/// their ranges too; a range left empty, where the total disagrees with its members, counts as
/// pinned). While any "<N" is pinned, the smallest shown non-zero cell of its column
/// is hidden too ("suppressed", recorded in `complementary`), or the total when none is left; a
/// hidden total "<N" that pins its members (N-1 members of 1) prints "suppressed" instead. With
/// N = 2 nothing more is hidden: "<2" says 1 whatever is shown. A hidden session count hides its
/// minutes.
void suppress_small_cells(TeamReport& report, int below);

/// True when `figure` ("sessions", "minutes", "minutes_by_support", "group_minutes", ...) of
/// `member` is hidden.
bool is_suppressed(const TeamMember& member, std::string_view figure);

/// The team figure as printed, as shown_count above.
std::string shown_count(const TeamReport& report, const TeamMember& member, std::string_view figure,
                        long long value);

} // namespace peerlog
