// Small-cell suppression: primary cells, complementary cells, and dropped detail.
#include "peerlog/suppression.hpp"

#include "peerlog/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <vector>

namespace peerlog {
namespace {

bool hides(long long value, int below) {
    return value >= 1 && value < below;
}

// --- What a reader can work out from the printed figures -------------------------------------
//
// Each figure of a group is a variable whose range the reader knows from how it prints; the
// relations between figures (a column adds up to its total; a support kind is at most the
// sessions and the kinds together at least them) narrow those ranges. Propagating the bounds
// through the relations until nothing changes gives the range the reader is left with; a cell
// printed "<N" whose range comes down to one value is pinned.

constexpr long long k_unbounded = 1'000'000'000'000'000; // far above any count

enum class Print {
    number,        // the value itself
    small,         // "<N": 1 to N-1
    complementary, // "suppressed", hidden to protect another cell: N or more (a member cell)
    withheld,      // "suppressed", a "<N" that the sums would pin: at least 1 (a member cell)
};

struct Figure {
    long long value = 0;
    Print print = Print::number;
    long long lo = 0, hi = 0; // the reader's range
};

struct Relation {
    enum Kind {
        sum,   // the cells add up to the total (modalities; a team column)
        cover, // each cell is at most the total and together at least it (support kinds)
    };
    Kind kind = sum;
    std::vector<std::size_t> cells;
    std::size_t total = 0;
};

class Suppressor {
  public:
    Suppressor(int below, std::vector<Figure> figures, std::vector<Relation> relations)
        : m_below(below), m_figures(std::move(figures)), m_relations(std::move(relations)) {
        for (auto& figure : m_figures) {
            if (hides(figure.value, m_below)) {
                figure.print = Print::small;
            }
        }
    }

    // Hides one more figure while a "<N" is pinned; ends with nothing pinned, or nothing left
    // to hide (every hidden cell withheld).
    void run() {
        while (auto pinned = first_pinned()) {
            protect(*pinned);
        }
    }

    const std::vector<Figure>& figures() const { return m_figures; }

  private:
    bool is_total(std::size_t f) const {
        return std::any_of(m_relations.begin(), m_relations.end(),
                           [&](const Relation& r) { return r.total == f; });
    }

    // The smallest non-zero cell of `r` still shown, if any.
    std::optional<std::size_t> smallest_shown(const Relation& r) const {
        std::optional<std::size_t> best;
        for (auto c : r.cells) {
            const auto& f = m_figures[c];
            if (f.print == Print::number && f.value > 0 &&
                (!best || f.value < m_figures[*best].value)) {
                best = c;
            }
        }
        return best;
    }

    // The ranges as printed. A cell hidden to protect another one was the smallest shown one
    // of its group, so it is also at most every cell of the group still shown.
    void reset_ranges() {
        for (auto& f : m_figures) {
            switch (f.print) {
            case Print::number:
                f.lo = f.hi = f.value;
                break;
            case Print::small:
                f.lo = 1, f.hi = m_below - 1;
                break;
            case Print::complementary:
                f.lo = m_below, f.hi = k_unbounded;
                break;
            case Print::withheld:
                f.lo = 1, f.hi = k_unbounded;
                break;
            }
        }
        for (const auto& r : m_relations) {
            auto& total = m_figures[r.total];
            if (total.print == Print::complementary || total.print == Print::withheld) {
                total.lo = 0, total.hi = k_unbounded; // a hidden total says nothing
            }
            auto cap = smallest_shown(r);
            for (auto c : r.cells) {
                if (cap && m_figures[c].print == Print::complementary) {
                    m_figures[c].hi = m_figures[*cap].value;
                }
            }
        }
    }

    static long long bounded(long long x) {
        return x >= k_unbounded / 2 ? k_unbounded : std::max(x, -k_unbounded);
    }

    // Narrows one bound; true when it changed.
    static bool raise(long long& lo, long long to) {
        to = bounded(to);
        if (to > lo) {
            lo = to;
            return true;
        }
        return false;
    }
    static bool lower(long long& hi, long long to) {
        to = bounded(to);
        if (to < hi) {
            hi = to;
            return true;
        }
        return false;
    }

    bool narrow(const Relation& r) {
        bool changed = false;
        long long sum_lo = 0, sum_hi = 0;
        for (auto c : r.cells) {
            sum_lo = bounded(sum_lo + m_figures[c].lo);
            sum_hi = bounded(sum_hi + m_figures[c].hi);
        }
        auto& total = m_figures[r.total];
        for (auto c : r.cells) {
            auto& f = m_figures[c];
            long long others_hi = sum_hi >= k_unbounded ? k_unbounded : sum_hi - f.hi;
            // lo_T - (the others at most) is a floor both when they add up to the total and
            // when they cover it
            if (others_hi < k_unbounded) {
                changed |= raise(f.lo, total.lo - others_hi);
            }
            if (r.kind == Relation::sum) {
                if (total.hi < k_unbounded) {
                    changed |= lower(f.hi, total.hi - (sum_lo - f.lo));
                }
            } else {
                changed |= lower(f.hi, total.hi);
                changed |= raise(total.lo, f.lo);
            }
        }
        if (r.kind == Relation::sum) {
            changed |= raise(total.lo, sum_lo);
        }
        changed |= lower(total.hi, sum_hi);
        return changed;
    }

    std::optional<std::size_t> first_pinned() {
        reset_ranges();
        for (int pass = 0; pass < 256; ++pass) {
            bool changed = false;
            for (const auto& r : m_relations) {
                changed |= narrow(r);
            }
            if (!changed) {
                break;
            }
        }
        // With N = 2 a "<2" is 1 whatever else is shown: the sums cannot tell more.
        for (std::size_t f = 0; f < m_figures.size() && m_below > 2; ++f) {
            const auto& figure = m_figures[f];
            if (figure.print == Print::small && figure.lo >= figure.hi) {
                return f;
            }
        }
        return std::nullopt;
    }

    // Hides the smallest shown cell beside the pinned one; or its total; or a shown cell of a
    // group that shares that total; or, with nothing left, prints every "<N" "suppressed".
    void protect(std::size_t pinned) {
        std::optional<std::size_t> total;
        for (const auto& r : m_relations) {
            if (std::find(r.cells.begin(), r.cells.end(), pinned) != r.cells.end()) {
                if (auto cell = smallest_shown(r)) {
                    m_figures[*cell].print = Print::complementary;
                    return;
                }
                total = r.total;
            }
        }
        if (total &&
            (m_figures[*total].print == Print::number || m_figures[*total].print == Print::small)) {
            m_figures[*total].print = Print::complementary;
            return;
        }
        auto shared = total ? *total : pinned;
        std::optional<std::size_t> best;
        for (const auto& r : m_relations) {
            if (r.total != shared) {
                continue;
            }
            auto cell = smallest_shown(r);
            if (cell && (!best || m_figures[*cell].value < m_figures[*best].value)) {
                best = cell;
            }
        }
        if (best) {
            m_figures[*best].print = Print::complementary;
            return;
        }
        // Nothing shown is left to hide, yet the "<N" upper bounds still add up to a pin (e.g.
        // below 3: phone 1, video 1 and emotional "<3" make the sessions 2): no figure keeps a
        // range.
        for (std::size_t f = 0; f < m_figures.size(); ++f) {
            if (m_figures[f].print == Print::small) {
                m_figures[f].print = is_total(f) ? Print::complementary : Print::withheld;
            }
        }
    }

    int m_below;
    std::vector<Figure> m_figures;
    std::vector<Relation> m_relations;
};

// Where a figure is hidden: every printed-hidden figure, and which of them say "suppressed".
template <class Hide> void record(const std::vector<Figure>& figures, std::size_t f, Hide hide) {
    switch (figures[f].print) {
    case Print::number:
        break;
    case Print::small:
        hide(false);
        break;
    case Print::complementary:
    case Print::withheld:
        hide(true);
        break;
    }
}

// One column of the team table: members' cells that add up to the totals' cell.
void suppress_team_column(TeamReport& report, const std::string& figure,
                          long long TeamMember::*value) {
    std::vector<Figure> figures;
    Relation column{Relation::sum, {}, report.members.size()};
    for (std::size_t i = 0; i < report.members.size(); ++i) {
        figures.push_back({report.members[i].*value});
        column.cells.push_back(i);
    }
    figures.push_back({report.totals.*value});
    Suppressor suppressor(report.suppressed_below, std::move(figures), {column});
    suppressor.run();
    for (std::size_t i = 0; i <= report.members.size(); ++i) {
        auto& member = i < report.members.size() ? report.members[i] : report.totals;
        record(suppressor.figures(), i, [&](bool complementary) {
            member.suppressed.insert(figure);
            if (complementary) {
                member.complementary.insert(figure);
            }
        });
    }
}

// The count a minutes figure follows.
std::string_view count_of(std::string_view figure) {
    if (figure == "minutes" || figure == "minutes_by_support") {
        return "sessions";
    }
    return figure == "group_minutes" ? "group_sessions" : figure;
}

std::string slice_path(std::string_view group, std::string_view kind, std::string_view figure) {
    return fmt::format("totals.{}.{}.{}", group, kind, figure);
}

// The sessions, the modalities that add up to them and the support kinds that cover them.
void suppress_session_groups(PeriodSummary& s) {
    const auto& t = s.totals;
    std::vector<Figure> figures{{t.sessions}};
    std::vector<std::string> paths{"totals.sessions"};
    Relation modalities{Relation::sum, {}, 0};
    Relation kinds{Relation::cover, {}, 0};
    auto add = [&](Relation& relation, std::string_view group, auto kind, const SliceTotal& slice) {
        relation.cells.push_back(figures.size());
        figures.push_back({slice.sessions});
        paths.push_back(slice_path(group, to_string(kind), "sessions"));
    };
    for (auto kind : k_modalities) {
        add(modalities, "by_modality", kind, t.by_modality[static_cast<std::size_t>(kind)]);
    }
    for (auto kind : k_support_kinds) {
        add(kinds, "by_support", kind, t.by_support[static_cast<std::size_t>(kind)]);
    }
    Suppressor suppressor(s.suppressed_below, std::move(figures), {modalities, kinds});
    suppressor.run();
    for (std::size_t f = 0; f < paths.size(); ++f) {
        record(suppressor.figures(), f, [&](bool complementary) {
            s.suppressed.insert(paths[f]);
            // minutes follow their session count
            auto minutes =
                paths[f].substr(0, paths[f].size() - std::string_view("sessions").size());
            s.suppressed.insert(minutes + "minutes");
            if (complementary) {
                s.complementary.insert(paths[f]);
            }
        });
    }
}

bool is_minutes(std::string_view path) {
    return path.ends_with("minutes");
}

} // namespace

void check_suppression_threshold(int below) {
    if (below < 2) {
        throw Error(ErrorKind::usage,
                    fmt::format("--suppress-below must be 2 or more (got {}).", below));
    }
}

void suppress_small_cells(TeamReport& report, int below) {
    check_suppression_threshold(below);
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
    return is_count && !member.complementary.contains(std::string(figure)) &&
                   hides(value, report.suppressed_below)
               ? fmt::format("<{}", report.suppressed_below)
               : std::string("suppressed");
}

void suppress_small_cells(PeriodSummary& s, int below) {
    check_suppression_threshold(below);
    s.suppressed_below = below;
    const auto& t = s.totals;
    for (const auto& [path, value] : std::vector<std::pair<std::string, long long>>{
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
    suppress_session_groups(s);
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
    // "<N" only where it is true and says no more than the cell allows; a cell hidden to
    // protect another one, or minutes, say only that they are hidden.
    return !is_minutes(path) && !s.complementary.contains(std::string(path)) &&
                   hides(value, s.suppressed_below)
               ? fmt::format("<{}", s.suppressed_below)
               : std::string("suppressed");
}

} // namespace peerlog
