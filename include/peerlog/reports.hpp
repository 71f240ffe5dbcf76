// The supervisor's reports beyond the summary: each a value built once from the journal.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/peer.hpp"
#include "peerlog/session.hpp"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace peerlog {

/// A certification target: the hours a credential asks for.
struct CertificationProfile {
    std::string key;  ///< as written in config: florida-crps, custom
    std::string name; ///< as shown in reports
    int work_hours = 0;
    int supervision_hours = 0;
};

/// The built-in profiles with their published figures.
const std::vector<CertificationProfile>& builtin_certification_profiles();

/// What the reports need besides the journal and the period.
struct ReportOptions {
    Date today{};
    int inactive_days = 30;
    std::string specialist;
    std::optional<CertificationProfile> certification; ///< unset: no target configured
    std::optional<Date> certification_start;           ///< hours count from this day
    double monthly_supervision_hours = 0;              ///< expectation; 0 means none
    int monthly_supervision_sessions = 0;              ///< expectation; 0 means none
};

/// One peer on the caseload.
struct CaseloadRow {
    std::string peer_code;
    std::optional<RecoveryStage> stage;
    PeerStatus status = PeerStatus::active;
    std::optional<Date> last_contact; ///< unset: never contacted
    int days_since = 0; ///< since the last contact, or when never contacted, days on the caseload
    bool never_contacted() const { return !last_contact; }
    bool overdue = false; ///< not seen for more than inactive_days (paused peers never)
    long long open_goals = 0;
    long long referrals_pending = 0; ///< made or connected, not yet completed or declined
    std::optional<int> latest_barc10;
};

struct CaseloadReport {
    Period period;
    Date as_of{};
    int inactive_days = 30;
    std::vector<CaseloadRow> peers; ///< open peers by code
};

/// How `report hours` breaks the hours down.
enum class HoursBy { support, modality, setting, month, peer };
HoursBy parse_hours_by(std::string_view text);
std::string_view to_string(HoursBy by);

struct HoursRow {
    std::string key;
    long long sessions = 0;
    long long minutes = 0;
};

/// Direct minutes per ISO week and support kind, for the stacked-bar chart.
struct WeekHours {
    IsoWeek week;
    std::array<long long, 4> minutes_by_support{};
};

struct HoursReport {
    Period period;
    HoursBy by = HoursBy::support;
    long long one_on_one_sessions = 0, one_on_one_minutes = 0;
    long long group_sessions = 0, group_minutes = 0;
    long long supervision_meetings = 0, supervision_minutes = 0;
    /// By `by`; a session of several support kinds counts in full under each (the export's
    /// rule), so by support the rows can add up to more than the direct minutes.
    std::vector<HoursRow> rows;
    /// Every week of the period, in order; a session of several kinds is split evenly between
    /// them here, so a week adds up to its direct minutes.
    std::vector<WeekHours> weeks;
    long long direct_minutes() const { return one_on_one_minutes + group_minutes; }
};

struct Barc10Point {
    Date date{};
    int total = 0;
};

struct OutcomePeer {
    std::string peer_code;
    /// Every BARC-10 from the peer's first (the baseline, often before the period) up to the
    /// period's end, by date: front() is the baseline, back() the latest.
    std::vector<Barc10Point> barc10;
};

struct OutcomesReport {
    Period period;
    std::vector<OutcomePeer> peers;    ///< peers with a BARC-10 dated in the period, by code
    long long peers_at_47 = 0;         ///< whose latest total is 47 or more
    long long goals_achieved = 0;      ///< goals whose status became achieved in the period
    long long goals_open = 0;          ///< open or progressing at the period's end
    long long referrals_made = 0;      ///< referrals dated in the period
    long long referrals_completed = 0; ///< referrals whose status became completed in the period
    long long referrals_declined = 0;  ///< referrals whose status became declined in the period
    long long referrals_pending = 0;   ///< made or connected at the period's end
    /// Of the referrals that closed in the period (completed or declined), the share completed,
    /// 0..1; unset when none closed. Each status change counts in the period holding its day.
    std::optional<double> referral_completion() const;
};

struct SupervisionMonth {
    std::string month; ///< YYYY-MM
    long long meetings = 0;
    long long minutes = 0;
    bool meets_expectation = true;
};

struct ReviewItem {
    std::int64_t session_id = 0;
    Date date{};
    std::string who; ///< peer code or group name
    int minutes = 0;
};

/// Hands `visit` each session awaiting review, by date.
using ReviewQueueReader = std::function<void(const std::function<void(const ReviewItem&)>& visit)>;

/// A period's supervision. Its review queue is held (build_supervision_report) or, for a period
/// of any length, the value's lazily-read part (stream_supervision_report): read from the
/// journal each time it is visited, a session at a time, so it must be rendered inside the read
/// transaction it was built in (the snapshot of its figures), and every format renders it
/// without holding it.
struct SupervisionReport {
    Period period;
    double expected_hours = 0;
    int expected_sessions = 0;
    std::vector<SupervisionMonth> months;  ///< every month the period touches, counted whole
    long long awaiting_review = 0;         ///< how many of the period's sessions await review
    std::vector<ReviewItem> review_queue;  ///< those sessions, when held
    ReviewQueueReader read_review_queue{}; ///< or instead (none held), read as they are visited
    /// Hands `visit` each session of the queue, held or read.
    void visit_queue(const std::function<void(const ReviewItem&)>& visit) const;
};

struct CertificationReport {
    std::optional<CertificationProfile> profile; ///< unset: nothing configured
    std::optional<Date> start;
    Date as_of{};
    long long work_minutes = 0;
    long long supervision_minutes = 0;
    long long recent_work_minutes = 0;        ///< in the 90 days up to as_of
    long long recent_supervision_minutes = 0; ///< in the 90 days up to as_of
    /// The day the work hours were reached (on or before as_of), or the projected day after
    /// it; unset when there is no recent pace or counting has not started.
    std::optional<Date> work_reached;
    std::optional<Date> supervision_reached; ///< as work_reached, for supervision hours
    std::optional<Date> reached() const;     ///< the later of the two, when both are known
    bool not_started() const;                ///< the start day is after as_of
};

struct WellbeingPoint {
    Date date{};
    int stress = 0;
    int energy = 0;
    bool needs_support = false;
};

/// Shared check-ins in a row at stress k_high_stress or more.
struct StressRun {
    Date from{}, to{};
    long long checkins = 0;
};

struct WellbeingReport {
    Period period;
    std::vector<WellbeingPoint> checkins;  ///< shared ones only; never a note
    std::vector<StressRun> stress_runs;    ///< each run of k_high_stress_run or more, once
    std::vector<std::string> callouts;     ///< needs-support flags and the runs, by date
    long long private_checkins_hidden = 0; ///< how many were not shared (count only)
};

/// The days in the recent-pace window of the certification report.
inline constexpr int k_pace_days = 90;
/// Projections further out than this are "not at this pace" rather than a date.
inline constexpr int k_projection_days = 50 * 365;
/// Three or more shared check-ins in a row at stress 4 or more are called out, once a run.
inline constexpr int k_high_stress = 4;
inline constexpr int k_high_stress_run = 3;

CaseloadReport build_caseload_report(Journal& journal, const Period& period,
                                     const ReportOptions& options);
HoursReport build_hours_report(Journal& journal, const Period& period, HoursBy by);
/// The hours report's totals only (one-on-one, group, supervision), its rows and weeks left
/// empty: what the summary's "at a glance" line prints.
HoursReport build_hours_totals(Journal& journal, const Period& period);
/// How many of the period's sessions await review: the size of the supervision report's queue.
long long count_awaiting_review(Journal& journal, const Period& period);
OutcomesReport build_outcomes_report(Journal& journal, const Period& period);
SupervisionReport build_supervision_report(Journal& journal, const Period& period,
                                           const ReportOptions& options);
/// The supervision report without its review queue (awaiting_review is its length): the
/// figures of a period of any length in the memory of a week's.
SupervisionReport supervision_figures(Journal& journal, const Period& period,
                                      const ReportOptions& options);
/// supervision_figures with the review queue read from the journal as it is visited: call it and
/// render the report inside one read_transaction (the same snapshot for figures and queue).
SupervisionReport stream_supervision_report(Journal& journal, const Period& period,
                                            const ReportOptions& options);
/// Hands `visit` each session of the period awaiting review, by date, in one read transaction
/// (the caller's, when it holds one).
void visit_review_queue(Journal& journal, const Period& period,
                        const std::function<void(const ReviewItem&)>& visit);
CertificationReport build_certification_report(Journal& journal, const Period& period,
                                               const ReportOptions& options);
WellbeingReport build_wellbeing_report(Journal& journal, const Period& period);

} // namespace peerlog
