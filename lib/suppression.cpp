// Small-cell suppression: primary cells, complementary cells, and dropped detail.
#include "peerlog/suppression.hpp"

#include "peerlog/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <vector>

namespace peerlog {
namespace {

struct Cell {
    std::string path;
    long long value = 0;
};

bool hides(long long value, int below) {
    return value >= 1 && value < below;
}

// Hides the small cells of a group; if exactly one is hidden and the group's total is shown,
// hides the smallest other non-zero cell too (complementary suppression).
void suppress_group(PeriodSummary& s, std::vector<Cell> cells, bool total_shown) {
    int hidden = 0;
    for (const auto& cell : cells) {
        if (hides(cell.value, s.suppressed_below)) {
            s.suppressed.insert(cell.path);
            ++hidden;
        }
    }
    if (hidden != 1 || !total_shown) {
        return;
    }
    std::sort(cells.begin(), cells.end(),
              [](const Cell& a, const Cell& b) { return a.value < b.value; });
    for (const auto& cell : cells) {
        if (cell.value > 0 && !s.suppressed.contains(cell.path)) {
            s.suppressed.insert(cell.path);
            return;
        }
    }
}

template <class Kinds>
std::vector<Cell> slice_cells(std::string_view group, const Kinds& kinds,
                              const std::array<SliceTotal, 4>& slices) {
    std::vector<Cell> cells;
    for (auto kind : kinds) {
        cells.push_back({fmt::format("totals.{}.{}.sessions", group, to_string(kind)),
                         slices[static_cast<std::size_t>(kind)].sessions});
    }
    return cells;
}

// Minutes are hidden wherever their session count is.
template <class Kinds>
void hide_minutes(PeriodSummary& s, std::string_view group, const Kinds& kinds) {
    for (auto kind : kinds) {
        if (s.suppressed.contains(fmt::format("totals.{}.{}.sessions", group, to_string(kind)))) {
            s.suppressed.insert(fmt::format("totals.{}.{}.minutes", group, to_string(kind)));
        }
    }
}

void check_threshold(int below) {
    if (below < 2) {
        throw Error(ErrorKind::usage,
                    fmt::format("--suppress-below must be 2 or more (got {}).", below));
    }
}

// One column of the team table: members' cells that add up to the totals' cell.
void suppress_team_column(TeamReport& report, const std::string& figure,
                          long long TeamMember::*value) {
    int below = report.suppressed_below;
    std::vector<TeamMember*> hidden, shown;
    for (auto& member : report.members) {
        if (hides(member.*value, below)) {
            member.suppressed.insert(figure);
            hidden.push_back(&member);
        } else if (member.*value > 0) {
            shown.push_back(&member);
        }
    }
    if (hides(report.totals.*value, below)) {
        report.totals.suppressed.insert(figure);
        return;
    }
    if (hidden.size() != 1) {
        return; // none hidden, or two or more that the total cannot tell apart
    }
    if (shown.empty()) {
        report.totals.suppressed.insert(figure);
        return;
    }
    auto smallest = std::min_element(shown.begin(), shown.end(),
                                     [&](auto* a, auto* b) { return a->*value < b->*value; });
    (*smallest)->suppressed.insert(figure);
}

// The count a minutes figure follows.
std::string_view count_of(std::string_view figure) {
    if (figure == "minutes" || figure == "minutes_by_support") {
        return "sessions";
    }
    return figure == "group_minutes" ? "group_sessions" : figure;
}

} // namespace

void suppress_small_cells(TeamReport& report, int below) {
    check_threshold(below);
    report.suppressed_below = below;
    suppress_team_column(report, "sessions", &TeamMember::sessions);
    suppress_team_column(report, "group_sessions", &TeamMember::group_sessions);
    suppress_team_column(report, "distinct_peers", &TeamMember::distinct_peers);
    suppress_team_column(report, "new_peers", &TeamMember::new_peers);
}

bool is_suppressed(const TeamMember& member, std::string_view figure) {
    return member.suppressed.contains(std::string(count_of(figure)));
}

std::string shown_count(const TeamReport& report, const TeamMember& member, std::string_view figure,
                        long long value) {
    if (!is_suppressed(member, figure)) {
        return std::to_string(value);
    }
    bool is_count = count_of(figure) == figure;
    return is_count && hides(value, report.suppressed_below)
               ? fmt::format("<{}", report.suppressed_below)
               : std::string("suppressed");
}

void suppress_small_cells(PeriodSummary& s, int below) {
    check_threshold(below);
    s.suppressed_below = below;
    const auto& t = s.totals;
    for (const auto& [path, value] : std::vector<Cell>{
             {"totals.sessions", t.sessions},
             {"totals.distinct_peers", t.distinct_peers},
             {"totals.new_peers", t.new_peers},
             {"totals.follow_ups_due", t.follow_ups_due},
             {"caseload.active_peers", s.caseload.active_peers},
             {"caseload.paused_peers", s.caseload.paused_peers},
             {"caseload.not_seen", static_cast<long long>(s.caseload.not_seen.size())},
             {"follow_ups_overdue", static_cast<long long>(s.follow_ups_overdue.size())}}) {
        if (hides(value, below)) {
            s.suppressed.insert(path);
        }
    }
    if (s.suppressed.contains("totals.sessions")) {
        s.suppressed.insert("totals.minutes");
    }
    bool total_shown = !s.suppressed.contains("totals.sessions");
    suppress_group(s, slice_cells("by_modality", k_modalities, t.by_modality), total_shown);
    suppress_group(s, slice_cells("by_support", k_support_kinds, t.by_support), total_shown);
    hide_minutes(s, "by_modality", k_modalities);
    hide_minutes(s, "by_support", k_support_kinds);
    // Rows and lists name peers one by one: they have no place in a suppressed summary.
    s.sessions.clear();
    s.follow_ups_due.clear();
    s.caseload.not_seen.clear();
    s.follow_ups_overdue.clear();
}

bool is_suppressed(const PeriodSummary& s, std::string_view path) {
    return s.suppressed.contains(std::string(path));
}

std::string shown_count(const PeriodSummary& s, std::string_view path, long long value) {
    if (!is_suppressed(s, path)) {
        return std::to_string(value);
    }
    // "<N" only where it is true; a cell hidden to protect another one, or minutes, say only
    // that they are hidden.
    return hides(value, s.suppressed_below) ? fmt::format("<{}", s.suppressed_below)
                                            : std::string("suppressed");
}

} // namespace peerlog
