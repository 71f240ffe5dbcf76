// The summary of a period: one value that the weekly export and `report summary` both render.
#pragma once

#include "peerlog/audit.hpp"
#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/session.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace peerlog {

/// Sessions and minutes of one slice (a support kind, a modality).
struct SliceTotal {
    long long sessions = 0;
    long long minutes = 0;
    friend bool operator==(const SliceTotal&, const SliceTotal&) = default;
};

/// The headline figures of a period.
struct SummaryTotals {
    long long sessions = 0;
    long long minutes = 0;
    long long distinct_peers = 0;            ///< one-on-one peers and named group attendees
    long long new_peers = 0;                 ///< peers whose caseload start falls in the period
    long long follow_ups_due = 0;            ///< follow-ups planned for a day in the period
    std::array<SliceTotal, 4> by_support{};  ///< indexed by SupportKind
    std::array<SliceTotal, 4> by_modality{}; ///< indexed by Modality
};

/// A session as it may leave the journal: peer code only, no note, no disclosure text.
struct SessionRow {
    std::int64_t id = 0;
    Date date{};
    std::optional<TimeOfDay> start;
    int minutes = 0;
    std::string peer_code;
    SupportSet support;
    Modality modality = Modality::in_person;
    Setting setting = Setting::office;
    bool self_disclosure = false;
    std::optional<Date> follow_up;
    std::string group;                  ///< set for a group session (peer_code is then empty)
    std::vector<std::string> attendees; ///< named peers at a group session
    int unnamed = 0;
};

/// A follow-up a session planned.
struct FollowUp {
    std::string peer_code;
    Date due{};
    std::int64_t session_id = 0;
};

/// A peer on the caseload who has not been seen for longer than the inactivity limit.
struct InactivePeer {
    std::string peer_code;
    std::optional<Date> last_contact; ///< unset when never seen
    int days_since = 0;               ///< since the last contact, or since joining
};

/// The caseload on one day.
struct Caseload {
    Date as_of{};
    long long active_peers = 0; ///< open (not closed) on that day, paused ones included
    long long paused_peers = 0;
    int inactive_days = 30;
    std::vector<InactivePeer> not_seen; ///< longest unseen first
};

/// Everything the export and the summary report show about a period.
struct PeriodSummary {
    Period period;
    std::string specialist;
    SummaryTotals totals;
    std::vector<SessionRow> sessions;         ///< in date, start, id order
    std::vector<FollowUp> follow_ups_due;     ///< due within the period
    Caseload caseload;                        ///< as of the period's end, or today if earlier
    std::vector<FollowUp> follow_ups_overdue; ///< due before caseload.as_of with no contact since
    AuditHead audit_head;     ///< the audit chain's head in the snapshot it was computed from
    int suppressed_below = 0; ///< 0: no suppression (see suppression.hpp)
    std::set<std::string> suppressed; ///< paths of the hidden figures
    /// Of those, the ones hidden only so that a total cannot give another away: printed
    /// "suppressed", never "<N" (a total can be one below N).
    std::set<std::string> complementary;
};

/// What build_summary needs besides the period.
struct SummaryOptions {
    Date today{};
    int inactive_days = 30;
    std::string specialist;
};

/// Computes the summary in one read transaction, with the figures aggregated by SQLite.
PeriodSummary build_summary(Journal& journal, const Period& period, const SummaryOptions& options);

/// Every figure of the summary without its lists of follow-ups due and sessions (left empty):
/// what `report summary` prints. Reads no row, so a summary of years takes no more memory or
/// time for the rows than a week's.
PeriodSummary summary_figures(Journal& journal, const Period& period,
                              const SummaryOptions& options);

/// What stream_summary hands over, in this order (a visitor left empty is skipped, and so is
/// the query behind it).
struct SummaryVisitor {
    /// Every figure, with `sessions` and `follow_ups_due` left empty (totals.follow_ups_due
    /// is their count).
    std::function<void(const PeriodSummary&)> header;
    /// Each follow-up due in the period, in order.
    std::function<void(const FollowUp&)> follow_up_due;
    /// Each session row, in order.
    std::function<void(const SessionRow&)> row;
    /// Whether the header needs the caseload and the overdue follow-ups (the export prints
    /// neither: left at their defaults, their queries not run).
    bool with_caseload = true;
};

/// The same summary for periods of any length: in one read transaction, hands `visit` the
/// header, then each follow-up due, then each session row, so memory does not grow with the
/// length of the period. build_summary is this, keeping the lists.
void stream_summary(Journal& journal, const Period& period, const SummaryOptions& options,
                    const SummaryVisitor& visit);

} // namespace peerlog
