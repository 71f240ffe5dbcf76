// Building the supervisor's reports from the journal, each in one read transaction.
#include "peerlog/reports.hpp"

#include "enum_names.hpp"
#include "journal_db.hpp"
#include "peer_contacts.hpp"
#include "peerlog/plural.hpp"
#include "row_codec.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <cmath>
#include <map>

namespace peerlog {
namespace {

constexpr EnumName<HoursBy> k_hours_by_names[] = {
    {HoursBy::support, "support"}, {HoursBy::modality, "modality"}, {HoursBy::setting, "setting"},
    {HoursBy::month, "month"},     {HoursBy::peer, "peer"},
};

void bind_period(SQLite::Statement& query, const Period& period) {
    bind_date(query, query.getIndex(":from"), period.from);
    bind_date(query, query.getIndex(":to"), period.to);
}

std::string month_of(Date date) {
    return format_date(date).substr(0, 7);
}

Date first_of_month(Date date) {
    return Date{date.year(), date.month(), std::chrono::day{1}};
}

// Every status change of every referral (not its making): the rows of referral_status_change,
// and for a referral changed before schema 10 (no rows) its stored status on status_on.
constexpr const char* k_referral_changes =
    "SELECT referral_id, status, changed_on FROM referral_status_change UNION ALL SELECT id, "
    "status, status_on FROM referral r WHERE status <> 'made' AND NOT EXISTS (SELECT 1 FROM "
    "referral_status_change c WHERE c.referral_id = r.id)";

// `what` of the status changes dated in :from..:to that match `condition`.
std::string referral_changes_in(std::string_view what, std::string_view condition) {
    return fmt::format("SELECT {} FROM ({}) WHERE changed_on BETWEEN :from AND :to AND {}", what,
                       k_referral_changes, condition);
}

// Referrals made by :to whose latest change on or before :to (their making when none) leaves
// them made or connected. (:from is bound too, so the period binds alike; it changes nothing.)
const std::string k_referrals_pending_at_end = fmt::format(
    "SELECT count(*) FROM referral f WHERE f.date <= :to AND :from = :from AND coalesce((SELECT "
    "status FROM ({}) c WHERE c.referral_id = f.id AND c.changed_on <= :to ORDER BY "
    "c.changed_on DESC LIMIT 1), 'made') IN ('made', 'connected')",
    k_referral_changes);

long long count_of(SQLite::Database& db, const std::string& sql, const Period& period) {
    SQLite::Statement query(db, sql);
    bind_period(query, period);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

// The day the target is done at `recent` minutes per k_pace_days days from `as_of`;
// nullopt when there is no recent pace or it would take more than k_projection_days.
std::optional<Date> projected(Date as_of, long long done, long long target, long long recent) {
    if (recent <= 0) {
        return std::nullopt;
    }
    double days = static_cast<double>(target - done) * k_pace_days / static_cast<double>(recent);
    if (days > k_projection_days) {
        return std::nullopt; // a date decades away says "not at this pace", not when
    }
    return add_days(as_of, static_cast<int>(std::ceil(days)));
}

// The minutes of `record` ("session" or "supervision") on the days of `range`, from the
// journal's running totals (minutes_by_day: one row a day, whatever the journal's size).
long long minutes_in(SQLite::Database& db, const char* record, const Period& range) {
    SQLite::Statement query(db, "SELECT coalesce(sum(minutes), 0) FROM minutes_by_day WHERE "
                                "record = :record AND date BETWEEN :from AND :to");
    query.bind(":record", record);
    bind_period(query, range);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

// The day the running total of `record`'s minutes over `range` first reached `target`.
Date day_reached(SQLite::Database& db, const char* record, const Period& range, long long target) {
    SQLite::Statement query(db, "SELECT date, minutes FROM minutes_by_day WHERE record = :record "
                                "AND date BETWEEN :from AND :to ORDER BY date");
    query.bind(":record", record);
    bind_period(query, range);
    long long total = 0;
    while (query.executeStep()) {
        total += query.getColumn(1).getInt64();
        if (total >= target) {
            return stored_date(query.getColumn(0));
        }
    }
    return range.to;
}

// When the target was reached, if it was; else when it will be at the recent pace.
std::optional<Date> reached_or_projected(SQLite::Database& db, const char* record,
                                         const Period& range, long long done, long long target,
                                         long long recent) {
    if (done >= target) {
        return day_reached(db, record, range, target);
    }
    return projected(range.to, done, target, recent);
}

void add_hours_rows(SQLite::Database& db, const Period& period, HoursReport& report) {
    std::map<std::string, HoursRow> rows;
    auto add = [&](const std::string& key, long long minutes) {
        auto& row = rows[key];
        row.key = key;
        ++row.sessions;
        row.minutes += minutes;
    };
    if (report.by == HoursBy::peer) {
        SQLite::Statement query(
            db, fmt::format("SELECT p.code, c.minutes FROM ({}) c JOIN peer p ON p.id = c.peer_id "
                            "WHERE c.date BETWEEN :from AND :to",
                            k_peer_contacts));
        bind_period(query, period);
        while (query.executeStep()) {
            add(query.getColumn(0).getString(), query.getColumn(1).getInt64());
        }
    } else {
        SQLite::Statement query(db, "SELECT date, minutes, modality, setting, support_mask FROM "
                                    "session WHERE date BETWEEN :from AND :to");
        bind_period(query, period);
        while (query.executeStep()) {
            long long minutes = query.getColumn(1).getInt64();
            auto support =
                SupportSet::from_mask(static_cast<unsigned>(query.getColumn(4).getInt()));
            switch (report.by) {
            case HoursBy::support:
                for (auto kind : k_support_kinds) {
                    if (support.has(kind)) {
                        add(std::string(to_string(kind)), minutes);
                    }
                }
                break;
            case HoursBy::modality:
                add(query.getColumn(2).getString(), minutes);
                break;
            case HoursBy::setting:
                add(query.getColumn(3).getString(), minutes);
                break;
            default:
                add(month_of(stored_date(query.getColumn(0))), minutes);
                break;
            }
        }
    }
    if (report.by == HoursBy::support) { // every kind shows, in the fixed order
        for (auto kind : k_support_kinds) {
            auto found = rows.find(std::string(to_string(kind)));
            report.rows.push_back(found == rows.end() ? HoursRow{std::string(to_string(kind))}
                                                      : found->second);
        }
        return;
    }
    for (auto& [key, row] : rows) {
        report.rows.push_back(row);
    }
}

void add_weeks(SQLite::Database& db, const Period& period, HoursReport& report) {
    for (Date day = monday_of(iso_week_of(period.from)); day <= period.to; day = add_days(day, 7)) {
        report.weeks.push_back({iso_week_of(day), {}});
    }
    SQLite::Statement query(
        db, "SELECT date, minutes, support_mask FROM session WHERE date BETWEEN :from AND :to");
    bind_period(query, period);
    Date first_monday = monday_of(iso_week_of(period.from));
    while (query.executeStep()) {
        auto index = static_cast<std::size_t>(
            days_between(first_monday, stored_date(query.getColumn(0))) / 7);
        auto support = SupportSet::from_mask(static_cast<unsigned>(query.getColumn(2).getInt()));
        // A session of two kinds splits its minutes, so a week's bar adds up to its hours.
        auto parts = support.split_minutes(query.getColumn(1).getInt64());
        for (std::size_t k = 0; k < parts.size() && index < report.weeks.size(); ++k) {
            report.weeks[index].minutes_by_support[k] += parts[k];
        }
    }
}

} // namespace

const std::vector<CertificationProfile>& builtin_certification_profiles() {
    // Florida Certification Board, Certified Recovery Peer Specialist (CRPS): 500 hours of
    // work or volunteer experience and 16 hours of supervision in the peer domains.
    // IC&RC Peer Recovery (PR), the reciprocal standard many state boards adopt: 500 hours of
    // volunteer or paid work experience and 25 hours of supervision in the domains.
    static const std::vector<CertificationProfile> profiles = {
        {"florida-crps", "Florida CRPS", 500, 16},
        {"icrc-pr", "IC&RC Peer Recovery", 500, 25},
    };
    return profiles;
}

HoursBy parse_hours_by(std::string_view text) {
    return parse_name(k_hours_by_names, text, "--by");
}
std::string_view to_string(HoursBy by) {
    return name_of(k_hours_by_names, by);
}

std::optional<double> OutcomesReport::referral_completion() const {
    long long closed = referrals_completed + referrals_declined;
    if (closed == 0) {
        return std::nullopt;
    }
    return static_cast<double>(referrals_completed) / static_cast<double>(closed);
}

bool CertificationReport::not_started() const {
    return start && *start > as_of;
}

std::optional<Date> CertificationReport::reached() const {
    if (!work_reached || !supervision_reached) {
        return std::nullopt;
    }
    return std::max(*work_reached, *supervision_reached);
}

CaseloadReport build_caseload_report(Journal& journal, const Period& period,
                                     const ReportOptions& options) {
    CaseloadReport report{period, std::min(options.today, period.to), options.inactive_days, {}};
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(
            db,
            fmt::format(
                "SELECT p.code, p.stage, p.status, p.since, {}, (SELECT count(*) FROM goal g WHERE "
                "g.peer_id = p.id AND g.status IN ('open', 'progressing')), (SELECT count(*) "
                "FROM referral r WHERE r.peer_id = p.id AND r.status IN ('made', 'connected')), "
                "(SELECT item_1 + item_2 + item_3 + item_4 + item_5 + item_6 + item_7 + item_8 + "
                "item_9 + item_10 FROM assessment a WHERE a.peer_id = p.id AND a.date <= :day "
                "ORDER BY a.date DESC, a.id DESC LIMIT 1) FROM peer p WHERE p.since <= :day AND "
                "(p.closed_on IS NULL OR p.closed_on > :day) ORDER BY p.code COLLATE NOCASE",
                k_last_contact_of_p));
        bind_date(query, query.getIndex(":day"), report.as_of);
        while (query.executeStep()) {
            CaseloadRow row;
            row.peer_code = query.getColumn(0).getString();
            if (!query.getColumn(1).isNull()) {
                row.stage = parse_stage(query.getColumn(1).getString());
            }
            row.status = parse_peer_status(query.getColumn(2).getString());
            row.last_contact = stored_optional_date(query.getColumn(4));
            row.days_since = days_between(
                row.last_contact.value_or(stored_date(query.getColumn(3))), report.as_of);
            row.overdue =
                row.status != PeerStatus::paused && row.days_since > options.inactive_days;
            row.open_goals = query.getColumn(5).getInt64();
            row.referrals_pending = query.getColumn(6).getInt64();
            if (!query.getColumn(7).isNull()) {
                row.latest_barc10 = query.getColumn(7).getInt();
            }
            report.peers.push_back(row);
        }
    });
    return report;
}

namespace {

// The direct minutes one-on-one and in groups, and the supervision meetings and minutes.
void add_hours_totals(SQLite::Database& db, HoursReport& report) {
    SQLite::Statement totals(
        db, "SELECT group_id IS NOT NULL, count(*), sum(minutes) FROM session WHERE date "
            "BETWEEN :from AND :to GROUP BY group_id IS NOT NULL");
    bind_period(totals, report.period);
    while (totals.executeStep()) {
        bool group = totals.getColumn(0).getInt() != 0;
        (group ? report.group_sessions : report.one_on_one_sessions) =
            totals.getColumn(1).getInt64();
        (group ? report.group_minutes : report.one_on_one_minutes) = totals.getColumn(2).getInt64();
    }
    SQLite::Statement supervision(db, "SELECT count(*), coalesce(sum(minutes), 0) FROM "
                                      "supervision WHERE date BETWEEN :from AND :to");
    bind_period(supervision, report.period);
    supervision.executeStep();
    report.supervision_meetings = supervision.getColumn(0).getInt64();
    report.supervision_minutes = supervision.getColumn(1).getInt64();
}

// Session s is in the period and awaits review: it has no current review (none, or only
// stale ones since an edit).
constexpr const char* k_awaiting_review =
    "s.date BETWEEN :from AND :to AND NOT EXISTS (SELECT 1 FROM session_review r WHERE "
    "r.session_id = s.id AND r.stale = 0)";

} // namespace

HoursReport build_hours_report(Journal& journal, const Period& period, HoursBy by) {
    HoursReport report;
    report.period = period;
    report.by = by;
    read_transaction(journal, [&](SQLite::Database& db) {
        add_hours_totals(db, report);
        add_hours_rows(db, period, report);
        add_weeks(db, period, report);
    });
    return report;
}

HoursReport build_hours_totals(Journal& journal, const Period& period) {
    HoursReport report;
    report.period = period;
    read_transaction(journal, [&](SQLite::Database& db) { add_hours_totals(db, report); });
    return report;
}

long long count_awaiting_review(Journal& journal, const Period& period) {
    long long count = 0;
    read_transaction(journal, [&](SQLite::Database& db) {
        count = count_of(
            db, fmt::format("SELECT count(*) FROM session s WHERE {}", k_awaiting_review), period);
    });
    return count;
}

OutcomesReport build_outcomes_report(Journal& journal, const Period& period) {
    OutcomesReport report;
    report.period = period;
    read_transaction(journal, [&](SQLite::Database& db) {
        // The peers assessed in the period, each with every BARC-10 up to the period's end: a
        // month's report compares the latest with the peer's baseline, not with the month's
        // first (one assessment in a month would show no change at all).
        SQLite::Statement query(
            db, "SELECT p.code, a.date, item_1 + item_2 + item_3 + item_4 + item_5 + item_6 + "
                "item_7 + item_8 + item_9 + item_10 FROM assessment a JOIN peer p ON p.id = "
                "a.peer_id WHERE a.date <= :to AND a.peer_id IN (SELECT peer_id FROM assessment "
                "WHERE date BETWEEN :from AND :to) ORDER BY p.code COLLATE NOCASE, a.date, a.id");
        bind_period(query, period);
        while (query.executeStep()) {
            std::string code = query.getColumn(0).getString();
            if (report.peers.empty() || report.peers.back().peer_code != code) {
                report.peers.push_back({code, {}});
            }
            report.peers.back().barc10.push_back(
                {stored_date(query.getColumn(1)), query.getColumn(2).getInt()});
        }
        report.goals_achieved = count_of(db,
                                         "SELECT count(*) FROM goal WHERE status = 'achieved' "
                                         "AND status_on BETWEEN :from AND :to",
                                         period);
        report.goals_open = count_of(db,
                                     "SELECT count(*) FROM goal WHERE opened_on <= :to AND "
                                     "status IN ('open', 'progressing') AND :from <= :to",
                                     period);
        report.referrals_made =
            count_of(db, "SELECT count(*) FROM referral WHERE date BETWEEN :from AND :to", period);
        report.referrals_completed = count_of(
            db, referral_changes_in("count(DISTINCT referral_id)", "status = 'completed'"), period);
        report.referrals_declined = count_of(
            db, referral_changes_in("count(DISTINCT referral_id)", "status = 'declined'"), period);
        report.referrals_pending = count_of(db, k_referrals_pending_at_end, period);
    });
    for (const auto& peer : report.peers) {
        report.peers_at_47 += peer.barc10.back().total >= 47 ? 1 : 0;
    }
    return report;
}

void visit_review_queue(Journal& journal, const Period& period,
                        const std::function<void(const ReviewItem&)>& visit) {
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement queue(
            db, fmt::format("SELECT s.id, s.date, coalesce(p.code, g.name), s.minutes FROM session "
                            "s LEFT JOIN peer p ON p.id = s.peer_id LEFT JOIN peer_group g ON g.id "
                            "= s.group_id WHERE {} ORDER BY s.date, s.id",
                            k_awaiting_review));
        bind_period(queue, period);
        while (queue.executeStep()) {
            visit({queue.getColumn(0).getInt64(), stored_date(queue.getColumn(1)),
                   queue.getColumn(2).getString(), queue.getColumn(3).getInt()});
        }
    });
}

SupervisionReport build_supervision_report(Journal& journal, const Period& period,
                                           const ReportOptions& options) {
    // One snapshot for the count and the list.
    SupervisionReport report;
    read_transaction(journal, [&](SQLite::Database&) {
        report = supervision_figures(journal, period, options);
        visit_review_queue(journal, period,
                           [&](const ReviewItem& item) { report.review_queue.push_back(item); });
    });
    return report;
}

void SupervisionReport::visit_queue(const std::function<void(const ReviewItem&)>& visit) const {
    for (const auto& item : review_queue) {
        visit(item);
    }
    if (read_review_queue) {
        read_review_queue(visit);
    }
}

SupervisionReport stream_supervision_report(Journal& journal, const Period& period,
                                            const ReportOptions& options) {
    SupervisionReport report = supervision_figures(journal, period, options);
    report.read_review_queue = [&journal, period](const auto& visit) {
        visit_review_queue(journal, period, visit);
    };
    return report;
}

SupervisionReport supervision_figures(Journal& journal, const Period& period,
                                      const ReportOptions& options) {
    SupervisionReport report;
    report.period = period;
    report.expected_hours = options.monthly_supervision_hours;
    report.expected_sessions = options.monthly_supervision_sessions;
    for (Date month = first_of_month(period.from); month <= period.to;
         month =
             Date{month.year() / month.month() / std::chrono::day{1} + std::chrono::months{1}}) {
        report.months.push_back({month_of(month), 0, 0, true});
    }
    read_transaction(journal, [&](SQLite::Database& db) {
        // Whole calendar months, so a week's report does not judge a month by its first days.
        SQLite::Statement meetings(db, "SELECT substr(date, 1, 7), count(*), sum(minutes) FROM "
                                       "supervision WHERE date BETWEEN :from AND :to GROUP BY 1");
        Date last_month = first_of_month(period.to);
        bind_period(meetings, {first_of_month(period.from),
                               Date{last_month.year() / last_month.month() / std::chrono::last},
                               std::nullopt});
        while (meetings.executeStep()) {
            for (auto& month : report.months) {
                if (month.month == meetings.getColumn(0).getString()) {
                    month.meetings = meetings.getColumn(1).getInt64();
                    month.minutes = meetings.getColumn(2).getInt64();
                }
            }
        }
        report.awaiting_review = count_awaiting_review(journal, period); // the same snapshot
    });
    for (auto& month : report.months) {
        month.meets_expectation =
            static_cast<double>(month.minutes) >= report.expected_hours * 60.0 - 1e-9 &&
            month.meetings >= report.expected_sessions;
    }
    return report;
}

CertificationReport build_certification_report(Journal& journal, const Period& period,
                                               const ReportOptions& options) {
    CertificationReport report;
    report.profile = options.certification;
    report.start = options.certification_start;
    report.as_of = std::min(options.today, period.to);
    Date start = options.certification_start.value_or(Date{std::chrono::year{1970} / 1 / 1});
    Period all = {start, report.as_of, std::nullopt};
    Period recent = {std::max(start, add_days(report.as_of, 1 - k_pace_days)), report.as_of,
                     std::nullopt};
    read_transaction(journal, [&](SQLite::Database& db) {
        auto minutes = [&](const char* record, const Period& range) {
            return all.from > all.to ? 0LL : minutes_in(db, record, range);
        };
        report.work_minutes = minutes("session", all);
        report.supervision_minutes = minutes("supervision", all);
        report.recent_work_minutes = minutes("session", recent);
        report.recent_supervision_minutes = minutes("supervision", recent);
        if (report.profile && !report.not_started()) {
            report.work_reached =
                reached_or_projected(db, "session", all, report.work_minutes,
                                     report.profile->work_hours * 60LL, report.recent_work_minutes);
            report.supervision_reached = reached_or_projected(
                db, "supervision", all, report.supervision_minutes,
                report.profile->supervision_hours * 60LL, report.recent_supervision_minutes);
        }
    });
    return report;
}

WellbeingReport build_wellbeing_report(Journal& journal, const Period& period) {
    WellbeingReport report;
    report.period = period;
    read_transaction(journal, [&](SQLite::Database& db) {
        // The note column is never read here: reports cannot leak it.
        SQLite::Statement query(db, "SELECT date, stress, energy, needs_support FROM checkin "
                                    "WHERE shared = 1 AND date BETWEEN :from AND :to ORDER BY "
                                    "date, id");
        bind_period(query, period);
        while (query.executeStep()) {
            report.checkins.push_back({stored_date(query.getColumn(0)), query.getColumn(1).getInt(),
                                       query.getColumn(2).getInt(),
                                       query.getColumn(3).getInt() != 0});
        }
        report.private_checkins_hidden = count_of(
            db, "SELECT count(*) FROM checkin WHERE shared = 0 AND date BETWEEN :from AND :to",
            period);
    });
    // A run is called out once, when it ends, with its real length and its first and last day;
    // call-outs are kept with the day they start, to be put in date order at the end.
    std::vector<std::pair<Date, std::string>> callouts;
    StressRun run;
    auto end_run = [&] {
        if (run.checkins >= k_high_stress_run) {
            report.stress_runs.push_back(run);
            callouts.emplace_back(run.from,
                                  fmt::format("{} to {}: {} in a row at stress {} or more",
                                              format_date(run.from), format_date(run.to),
                                              counted(run.checkins, "check-in"), k_high_stress));
        }
        run = {};
    };
    for (const auto& checkin : report.checkins) {
        if (checkin.stress >= k_high_stress) {
            run.from = run.checkins == 0 ? checkin.date : run.from;
            run.to = checkin.date;
            ++run.checkins;
        } else {
            end_run();
        }
        if (checkin.needs_support) {
            callouts.emplace_back(checkin.date,
                                  fmt::format("{}: asked for support", format_date(checkin.date)));
        }
    }
    end_run();
    // A run is known only when it ends, after the call-outs inside it: order them by the day
    // each starts with, keeping found order within a day.
    std::stable_sort(callouts.begin(), callouts.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [day, text] : callouts) {
        report.callouts.push_back(std::move(text));
    }
    return report;
}

} // namespace peerlog
