// The supervisor's reports as documents (text, markdown, csv, html) and as JSON.
#include "peerlog/report_writer.hpp"

#include "boundary_sections.hpp"
#include "document.hpp"
#include "journal_db.hpp"
#include "json_codec.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/summary_report.hpp"
#include "peerlog/suppression.hpp"
#include "period_section.hpp"
#include "support_chart.hpp"

#include <fmt/format.h>
#include <sstream>
#include <stdexcept>

namespace peerlog {
namespace {

std::string optional_date(std::optional<Date> date, std::string_view none = "") {
    return date ? format_date(*date) : std::string(none);
}

std::string percent(std::optional<double> share) {
    return share ? fmt::format("{:.0f}%", *share * 100) : "n/a";
}

double x_in(const Period& period, Date date) {
    int span = std::max(1, days_between(period.from, period.to));
    return static_cast<double>(days_between(period.from, date)) / span;
}

// ---- caseload ----

DocSection caseload_section(const CaseloadReport& r) {
    DocSection section{fmt::format("Caseload on {}", format_date(r.as_of)), {}, {}, {}, {}};
    long long overdue = 0;
    DocTable table{{{"Peer", "peer"},
                    {"Stage", "stage"},
                    {"Status", "status"},
                    {"Last contact", "last_contact", Align::left, CellType::date},
                    {"Days since", "days_since", Align::right, CellType::number},
                    {"Open goals", "open_goals", Align::right, CellType::number},
                    {"Referrals pending", "referrals_pending", Align::right, CellType::number},
                    {"Latest BARC-10", "latest_barc10", Align::right, CellType::number}},
                   {},
                   {}};
    Chart chart{Chart::Kind::bars,
                "Days since last contact",
                "days",
                {},
                {},
                {},
                0,
                {},
                static_cast<double>(r.inactive_days)};
    chart.series.push_back({"days since contact", "#0275d8", {}, {}});
    chart.unit = "days";
    chart.x_label = "peer";
    chart.hatched_label = "never contacted";
    long long never = 0;
    for (const auto& p : r.peers) {
        overdue += p.overdue ? 1 : 0;
        never += p.never_contacted() ? 1 : 0;
        // A peer never seen is a warning sign too; its figure is the days on the caseload.
        std::string last_contact = p.never_contacted() ? fmt::format("never (on caseload {})",
                                                                     counted(p.days_since, "day"))
                                                       : format_date(*p.last_contact);
        table.rows.push_back({p.peer_code, p.stage ? std::string(to_string(*p.stage)) : "",
                              std::string(to_string(p.status)), last_contact,
                              std::to_string(p.days_since), std::to_string(p.open_goals),
                              std::to_string(p.referrals_pending),
                              p.latest_barc10 ? std::to_string(*p.latest_barc10) : ""});
        table.highlight.push_back(p.overdue);
        chart.categories.push_back(p.peer_code);
        chart.series[0].values.push_back(p.days_since);
        chart.highlight.push_back(p.overdue);
        chart.hatched.push_back(p.never_contacted());
        chart.tooltips.push_back(p.never_contacted()
                                     ? fmt::format("{}: never contacted, on the caseload {}",
                                                   p.peer_code, counted(p.days_since, "day"))
                                     : "");
    }
    section.figures = {{"Peers on the caseload", std::to_string(r.peers.size())},
                       {fmt::format("Not seen for more than {}", counted(r.inactive_days, "day")),
                        std::to_string(overdue)}};
    if (overdue > 0) {
        section.notes.push_back(fmt::format("Marked rows: peers not seen for more than {}.",
                                            counted(r.inactive_days, "day")));
    }
    if (never > 0) {
        section.notes.push_back("A peer never contacted shows the days on the caseload instead of "
                                "the days since the last contact (hatched in the chart).");
    }
    section.tables.push_back(table);
    if (!r.peers.empty()) {
        section.charts.push_back(chart);
    }
    return section;
}

Json caseload_json(const CaseloadReport& r) {
    Json peers = Json::array();
    for (const auto& p : r.peers) {
        peers.push_back({{"peer", p.peer_code},
                         {"stage", p.stage ? Json(to_string(*p.stage)) : Json()},
                         {"status", to_string(p.status)},
                         {"last_contact", date_json(p.last_contact)},
                         {"never_contacted", p.never_contacted()},
                         {"days_since", p.days_since},
                         {"not_seen", p.overdue},
                         {"open_goals", p.open_goals},
                         {"referrals_pending", p.referrals_pending},
                         {"latest_barc10", p.latest_barc10 ? Json(*p.latest_barc10) : Json()}});
    }
    return Json{
        {"as_of", format_date(r.as_of)}, {"inactive_days", r.inactive_days}, {"peers", peers}};
}

// ---- hours ----

// A session of several support kinds: the table keeps the export's rule, the chart splits it.
constexpr const char* k_rows_in_full_note =
    "In the By support table, a session of several support kinds counts in full under each "
    "kind, so its rows can add up to more than the direct hours.";
constexpr const char* k_weeks_split_json_note =
    "In weeks, a session of several kinds is split evenly between them, so a week adds up to its "
    "direct minutes.";

Chart weekly_chart(const HoursReport& r) {
    Chart chart = support_hours_chart("Hours per week by support kind", "the week's hours");
    chart.x_label = "ISO week";
    chart.time_axis = true;
    // Weeks of one year are W45, W46; across years 2025-W52, 2026-W01.
    bool one_year = r.weeks.empty() || r.weeks.front().week.year == r.weeks.back().week.year;
    for (const auto& week : r.weeks) {
        chart.categories.push_back(one_year ? fmt::format("W{:02}", week.week.week)
                                            : format_week(week.week));
        for (std::size_t k = 0; k < 4; ++k) {
            chart.series[k].values.push_back(static_cast<double>(week.minutes_by_support[k]) / 60);
        }
    }
    return chart;
}

DocSection hours_section(const HoursReport& r) {
    DocSection section{"Hours", {}, {}, {}, {}};
    section.figures = {
        {"Direct hours", format_hours(r.direct_minutes())},
        {"One-on-one", fmt::format("{} h in {}", format_hours(r.one_on_one_minutes),
                                   counted(r.one_on_one_sessions, "session"))},
        {"Group", fmt::format("{} h in {}", format_hours(r.group_minutes),
                              counted(r.group_sessions, "session"))},
        {"Supervision", fmt::format("{} h in {}", format_hours(r.supervision_minutes),
                                    counted(r.supervision_meetings, "meeting"))}};
    DocTable table{{{fmt::format("By {}", to_string(r.by)), std::string(to_string(r.by))},
                    {"Sessions", "sessions", Align::right, CellType::number},
                    {"Hours", "hours", Align::right, CellType::number}},
                   {},
                   {}};
    for (const auto& row : r.rows) {
        table.rows.push_back({row.key, std::to_string(row.sessions), format_hours(row.minutes)});
    }
    if (r.by == HoursBy::support) {
        section.notes.push_back(k_rows_in_full_note);
    }
    section.tables.push_back(table);
    section.charts.push_back(weekly_chart(r));
    return section;
}

Json hours_json(const HoursReport& r) {
    Json rows = Json::array();
    for (const auto& row : r.rows) {
        rows.push_back({{"key", row.key}, {"sessions", row.sessions}, {"minutes", row.minutes}});
    }
    Json weeks = Json::array();
    for (const auto& week : r.weeks) {
        Json by = Json::object();
        for (auto kind : k_support_kinds) {
            by[std::string(to_string(kind))] =
                week.minutes_by_support[static_cast<std::size_t>(kind)];
        }
        weeks.push_back({{"week", format_week(week.week)}, {"minutes_by_support", by}});
    }
    Json notes = Json::array();
    if (r.by == HoursBy::support) {
        notes.push_back(k_rows_in_full_note);
    }
    notes.push_back(k_weeks_split_json_note);
    return Json{
        {"direct_minutes", r.direct_minutes()},
        {"one_on_one", {{"sessions", r.one_on_one_sessions}, {"minutes", r.one_on_one_minutes}}},
        {"group", {{"sessions", r.group_sessions}, {"minutes", r.group_minutes}}},
        {"supervision", {{"meetings", r.supervision_meetings}, {"minutes", r.supervision_minutes}}},
        {"by", to_string(r.by)},
        {"rows", rows},
        {"weeks", weeks},
        {"notes", notes}};
}

// ---- outcomes ----

DocSection outcomes_section(const OutcomesReport& r) {
    DocSection section{"Outcomes", {}, {}, {}, {}};
    std::optional<double> share;
    if (!r.peers.empty()) {
        share = static_cast<double>(r.peers_at_47) / static_cast<double>(r.peers.size());
    }
    section.figures = {
        {"Peers with a BARC-10", std::to_string(r.peers.size())},
        {"Latest BARC-10 at 47 or more", fmt::format("{} ({})", r.peers_at_47, percent(share))},
        {"Goals achieved", std::to_string(r.goals_achieved)},
        {"Goals open", std::to_string(r.goals_open)},
        {"Referrals made", std::to_string(r.referrals_made)},
        {"Referrals completed",
         fmt::format("{} ({} of those closed, {} declined)", r.referrals_completed,
                     percent(r.referral_completion()), r.referrals_declined)},
        {"Referrals pending at the end", std::to_string(r.referrals_pending)}};
    DocTable table{{{"Peer", "peer"},
                    {"Baseline on", "baseline_date", Align::left, CellType::date},
                    {"First", "first", Align::right, CellType::number},
                    {"Latest on", "latest_date", Align::left, CellType::date},
                    {"Latest", "latest", Align::right, CellType::number},
                    {"Change", "change", Align::right, CellType::number},
                    {"47+", "at_47"}},
                   {},
                   {}};
    // The chart runs from the earliest baseline, so each trend starts where the peer started.
    Period span = r.period;
    for (const auto& p : r.peers) {
        span.from = std::min(span.from, p.barc10.front().date);
    }
    Chart chart{Chart::Kind::lines,
                "BARC-10 total per peer",
                "BARC-10 total (10 to 60)",
                {format_date(span.from), format_date(span.to)},
                {},
                {},
                10,
                60,
                47.0};
    chart.caption = "Each peer from their baseline (first BARC-10) to the period's end; 47 is "
                    "the dashed line.";
    chart.x_label = "date";
    for (const auto& p : r.peers) {
        const auto &first = p.barc10.front(), &latest = p.barc10.back();
        table.rows.push_back({p.peer_code, format_date(first.date), std::to_string(first.total),
                              format_date(latest.date), std::to_string(latest.total),
                              fmt::format("{:+}", latest.total - first.total),
                              latest.total >= 47 ? "yes" : "no"});
        ChartSeries series{p.peer_code, "", {}, {}}; // colour, marker and dash from the chart
        for (const auto& point : p.barc10) {
            series.xy.emplace_back(x_in(span, point.date), point.total);
        }
        chart.series.push_back(series);
    }
    if (!r.peers.empty()) {
        section.notes.push_back(
            "First is each peer's baseline: their first BARC-10 ever, even before the period; "
            "latest is their latest up to the period's end.");
    }
    section.tables.push_back(table);
    if (!r.peers.empty()) {
        section.charts.push_back(chart);
    }
    return section;
}

Json outcomes_json(const OutcomesReport& r) {
    Json peers = Json::array();
    for (const auto& p : r.peers) {
        Json points = Json::array();
        for (const auto& point : p.barc10) {
            points.push_back({{"date", format_date(point.date)}, {"total", point.total}});
        }
        peers.push_back({{"peer", p.peer_code},
                         {"first", p.barc10.front().total},
                         {"first_date", format_date(p.barc10.front().date)},
                         {"latest", p.barc10.back().total},
                         {"latest_date", format_date(p.barc10.back().date)},
                         {"barc10", points}});
    }
    auto completion = r.referral_completion();
    return Json{{"peers", peers},
                {"peers_at_47", r.peers_at_47},
                {"goals_achieved", r.goals_achieved},
                {"goals_open", r.goals_open},
                {"referrals_made", r.referrals_made},
                {"referrals_completed", r.referrals_completed},
                {"referrals_declined", r.referrals_declined},
                {"referrals_pending", r.referrals_pending},
                {"referral_completion", completion ? Json(*completion) : Json()}};
}

// ---- supervision ----

DocSection supervision_section(const SupervisionReport& r) {
    DocSection section{"Supervision", {}, {}, {}, {}};
    long long minutes = 0, meetings = 0;
    DocTable months{{{"Month", "month"},
                     {"Meetings", "meetings", Align::right, CellType::number},
                     {"Hours", "hours", Align::right, CellType::number},
                     {"Meets expectation", "meets_expectation"}},
                    {},
                    {}};
    bool any_short = false;
    for (const auto& m : r.months) {
        minutes += m.minutes;
        meetings += m.meetings;
        months.rows.push_back({m.month, std::to_string(m.meetings), format_hours(m.minutes),
                               m.meets_expectation ? "yes" : "no"});
        months.highlight.push_back(!m.meets_expectation);
        any_short = any_short || !m.meets_expectation;
    }
    if (any_short) {
        section.notes.push_back("Marked rows: months below the expected supervision.");
    }
    // The months are whole calendar months, which can reach beyond the period: say which.
    std::string months_text =
        r.months.empty() ? std::string()
        : r.months.size() == 1
            ? " in " + r.months.front().month
            : fmt::format(" in {} to {}", r.months.front().month, r.months.back().month);
    section.figures = {{"Supervision hours" + months_text, format_hours(minutes)},
                       {"Meetings" + months_text, std::to_string(meetings)},
                       {"Expected per month", fmt::format("{:.4g} h, {}", r.expected_hours,
                                                          counted(r.expected_sessions, "meeting"))},
                       {"Sessions awaiting review", std::to_string(r.awaiting_review)}};
    DocTable queue{{{"Session", "session", Align::right, CellType::number},
                    {"Date", "date", Align::left, CellType::date},
                    {"With", "with"},
                    {"Duration", "minutes", Align::right, CellType::number}},
                   {},
                   {}};
    // Rendered as it is visited: a queue read from the journal is never held.
    queue.streamed = [&r](const std::function<void(const DocRow&)>& visit) {
        r.visit_queue([&](const ReviewItem& item) {
            std::vector<std::string> cells{std::to_string(item.session_id), format_date(item.date),
                                           item.who, format_duration(item.minutes)};
            visit(DocRow{cells, false});
        });
    };
    section.tables = {months, queue};
    return section;
}

Json review_item_json(const ReviewItem& item) {
    return {{"session", item.session_id},
            {"date", format_date(item.date)},
            {"with", item.who},
            {"minutes", item.minutes}};
}

// The held queue only: supervision_json(r, streams) writes one read as it is visited.
Json supervision_json(const SupervisionReport& r) {
    Json months = Json::array(), queue = Json::array();
    for (const auto& m : r.months) {
        months.push_back({{"month", m.month},
                          {"meetings", m.meetings},
                          {"minutes", m.minutes},
                          {"meets_expectation", m.meets_expectation}});
    }
    for (const auto& item : r.review_queue) {
        queue.push_back(review_item_json(item));
    }
    return Json{{"expected_hours_per_month", r.expected_hours},
                {"expected_meetings_per_month", r.expected_sessions},
                {"months", months},
                {"review_queue", queue}};
}

// The report's json; a queue read as it is visited is a marker, its stream added to `streams`
// (write_json_streamed writes it in place, a session at a time).
Json supervision_json(const SupervisionReport& r, std::vector<JsonStream>& streams) {
    Json json = supervision_json(r);
    if (r.read_review_queue) {
        std::string marker = json_stream_marker(static_cast<int>(streams.size()));
        json["review_queue"] = marker;
        streams.push_back({marker, [&r](const auto& item) {
                               r.read_review_queue([&](const ReviewItem& queued) {
                                   item(review_item_json(queued));
                               });
                           }});
    }
    return json;
}

// ---- certification ----

DocSection certification_section(const CertificationReport& r) {
    DocSection section{"Certification", {}, {}, {}, {}};
    if (!r.profile) {
        section.notes.push_back("No certification target: set [certification] profile in the "
                                "config (see `peerlog config show`).");
        return section;
    }
    auto reached = [&](std::optional<Date> date) {
        if (r.not_started()) {
            return std::string("counting has not started");
        }
        if (!date) {
            return fmt::format("not within {} years at the recent pace", k_projection_days / 365);
        }
        return fmt::format("{}{}", format_date(*date), *date <= r.as_of ? " (done)" : "");
    };
    section.figures = {
        {"Target", r.profile->name},
        {"Counting from", optional_date(r.start, "the first record")},
        {"Work hours",
         fmt::format("{} of {}", format_hours(r.work_minutes), r.profile->work_hours)},
        {"Supervision hours", fmt::format("{} of {}", format_hours(r.supervision_minutes),
                                          r.profile->supervision_hours)},
        {"Work hours reached", reached(r.work_reached)},
        {"Supervision hours reached", reached(r.supervision_reached)},
        {"Target reached", reached(r.reached())}};
    if (r.not_started()) {
        section.notes.push_back(fmt::format("Hours count from {} (certification.start), after {}.",
                                            format_date(*r.start), format_date(r.as_of)));
    } else {
        section.notes.push_back(fmt::format("Projected at the pace of the last {} days up to {}.",
                                            k_pace_days, format_date(r.as_of)));
    }
    return section;
}

Json certification_json(const CertificationReport& r) {
    if (!r.profile) {
        return Json{{"target", Json()}};
    }
    return Json{{"target", r.profile->key},
                {"name", r.profile->name},
                {"start", date_json(r.start)},
                {"as_of", format_date(r.as_of)},
                {"work_minutes", r.work_minutes},
                {"work_hours_target", r.profile->work_hours},
                {"supervision_minutes", r.supervision_minutes},
                {"supervision_hours_target", r.profile->supervision_hours},
                {"work_reached", date_json(r.work_reached)},
                {"supervision_reached", date_json(r.supervision_reached)},
                {"reached", date_json(r.reached())}};
}

// ---- wellbeing ----

DocSection wellbeing_section(const WellbeingReport& r) {
    DocSection section{"Wellbeing (shared check-ins)", {}, {}, {}, {}};
    section.figures = {{"Shared check-ins", std::to_string(r.checkins.size())},
                       {"Call-outs", std::to_string(r.callouts.size())}};
    section.notes = r.callouts;
    bool any_asked = false;
    for (const auto& c : r.checkins) {
        any_asked = any_asked || c.needs_support;
    }
    if (any_asked) {
        section.notes.push_back("Marked rows: check-ins that asked for support.");
    }
    DocTable table{{{"Date", "date", Align::left, CellType::date},
                    {"Stress", "stress", Align::right, CellType::number},
                    {"Energy", "energy", Align::right, CellType::number},
                    {"Needs support", "needs_support"}},
                   {},
                   {}};
    Chart chart{Chart::Kind::lines,
                "Wellbeing over time (1-5)",
                "score (1 to 5)",
                {format_date(r.period.from), format_date(r.period.to)},
                {},
                {},
                1,
                5,
                {}};
    chart.series = {{"stress", "#d9534f", {}, {}}, {"energy", "#5cb85c", {}, {}}};
    chart.x_label = "date";
    for (const auto& c : r.checkins) {
        table.rows.push_back({format_date(c.date), std::to_string(c.stress),
                              std::to_string(c.energy), c.needs_support ? "yes" : "no"});
        table.highlight.push_back(c.needs_support);
        chart.series[0].xy.emplace_back(x_in(r.period, c.date), c.stress);
        chart.series[1].xy.emplace_back(x_in(r.period, c.date), c.energy);
    }
    section.tables.push_back(table);
    if (!r.checkins.empty()) {
        section.charts.push_back(chart);
    }
    return section;
}

Json wellbeing_json(const WellbeingReport& r) {
    Json checkins = Json::array();
    for (const auto& c : r.checkins) {
        checkins.push_back({{"date", format_date(c.date)},
                            {"stress", c.stress},
                            {"energy", c.energy},
                            {"needs_support", c.needs_support}});
    }
    Json runs = Json::array();
    for (const auto& run : r.stress_runs) {
        runs.push_back({{"from", format_date(run.from)},
                        {"to", format_date(run.to)},
                        {"checkins", run.checkins}});
    }
    return Json{{"checkins", checkins}, {"callouts", r.callouts}, {"stress_runs", runs}};
}

// ---- shared ----

// "Caseload: 2026-W47 (2026-11-16 to 2026-11-22)"
std::string heading(std::string_view title, const Period& period) {
    return fmt::format("{}: {}", title, describe(period));
}

// What every report's json starts with.
Json report_json_head(std::string_view kind, const Period& period) {
    return Json{{"schema_version", k_report_schema_version},
                {"kind", fmt::format("peerlog.report.{}", kind)},
                {"period", period_json(period)}};
}

template <class Report, class Section, class ToJson>
void write_report(std::ostream& out, const Report& report, std::string_view kind,
                  std::string heading, Section section, ToJson to_json, OutputFormat format,
                  const RenderStyle& style) {
    if (format == OutputFormat::json) {
        Json json = report_json_head(kind, report.period);
        json.update(to_json(report));
        write_json(out, json, false);
        return;
    }
    Document document{std::move(heading), {section(report)}};
    render_document(out, document, format, style);
}

} // namespace

void write_caseload_report(std::ostream& out, const CaseloadReport& report, OutputFormat format,
                           const RenderStyle& style) {
    write_report(out, report, "caseload", heading("Caseload", report.period), caseload_section,
                 caseload_json, format, style);
}
void write_hours_report(std::ostream& out, const HoursReport& report, OutputFormat format,
                        const RenderStyle& style) {
    write_report(out, report, "hours", heading("Hours", report.period), hours_section, hours_json,
                 format, style);
}
void write_outcomes_report(std::ostream& out, const OutcomesReport& report, OutputFormat format,
                           const RenderStyle& style) {
    write_report(out, report, "outcomes", heading("Outcomes", report.period), outcomes_section,
                 outcomes_json, format, style);
}
void write_supervision_report(std::ostream& out, const SupervisionReport& report,
                              OutputFormat format, const RenderStyle& style) {
    if (format == OutputFormat::json) {
        std::vector<JsonStream> streams;
        Json json = report_json_head("supervision", report.period);
        json.update(supervision_json(report, streams));
        write_json_streamed(out, json, streams);
        return;
    }
    write_report(
        out, report, "supervision", heading("Supervision", report.period), supervision_section,
        [](const SupervisionReport& r) { return supervision_json(r); }, format, style);
}

void write_supervision_report(std::ostream& out, Journal& journal, const Period& period,
                              const ReportOptions& options, OutputFormat format,
                              const RenderStyle& style) {
    read_transaction(journal, [&](SQLite::Database&) { // the queue is read in this snapshot
        write_supervision_report(out, stream_supervision_report(journal, period, options), format,
                                 style);
    });
}
void write_certification_report(std::ostream& out, const CertificationReport& report,
                                OutputFormat format, const RenderStyle& style) {
    struct WithPeriod {
        Period period;
        const CertificationReport& report;
    } value{{report.as_of, report.as_of, std::nullopt}, report};
    write_report(
        out, value, "certification",
        fmt::format("Certification: as of {}", format_date(report.as_of)),
        [](const WithPeriod& v) { return certification_section(v.report); },
        [](const WithPeriod& v) { return certification_json(v.report); }, format, style);
}
void write_wellbeing_report(std::ostream& out, const WellbeingReport& report, OutputFormat format,
                            const RenderStyle& style) {
    write_report(out, report, "wellbeing", heading("Wellbeing", report.period), wellbeing_section,
                 wellbeing_json, format, style);
}

SummaryDetail summary_detail(OutputFormat format) {
    switch (format) {
    case OutputFormat::json:
        return SummaryDetail::figures;
    case OutputFormat::html:
    case OutputFormat::xlsx:
        return SummaryDetail::full;
    default:
        return SummaryDetail::glance;
    }
}

SupervisorSummary build_supervisor_summary(Journal& journal, const Period& period,
                                           const ReportOptions& options,
                                           std::optional<int> suppress_below,
                                           SummaryDetail detail) {
    SupervisorSummary s;
    s.detail = detail;
    // One snapshot for every figure and the chain head the report prints.
    read_transaction(journal, [&](SQLite::Database&) {
        // Its lists of sessions and follow-ups due are printed by no format of it: not read.
        s.summary = summary_figures(journal, period,
                                    {options.today, options.inactive_days, options.specialist});
        if (suppress_below) {
            suppress_small_cells(s.summary, *suppress_below);
            s.summary_only = true;
            return;
        }
        // Its flags are read as they are written: a summary of all history lists every one.
        s.boundaries = stream_boundary_report(journal, period);
        s.outcomes = build_outcomes_report(journal, period);
        if (detail == SummaryDetail::glance) { // the caseload's line is the period summary's
            s.hours = build_hours_totals(journal, period);
            s.supervision.awaiting_review = count_awaiting_review(journal, period);
        } else {
            s.caseload = build_caseload_report(journal, period, options);
            s.hours = build_hours_report(journal, period, HoursBy::support);
            s.supervision = stream_supervision_report(journal, period, options);
        }
        if (detail != SummaryDetail::glance || options.certification) { // no target, no line
            s.certification = build_certification_report(journal, period, options);
        }
        s.wellbeing = build_wellbeing_report(journal, period);
    });
    return s;
}

namespace {

// One line per report, as the summary's "at a glance" section.
// The caseload line is the period summary's caseload: the caseload report's peers and
// overdue ones are the same peers on the same day (a unit test holds them equal).
DocSection glance_section(const SupervisorSummary& s) {
    const Caseload& caseload = s.summary.caseload;
    const auto& o = s.outcomes;
    const auto& c = s.certification;
    DocSection section{"At a glance", {}, {}, {}, {}};
    section.figures = {
        {"Caseload",
         fmt::format("{}, {} not seen for more than {}", counted(caseload.active_peers, "peer"),
                     caseload.not_seen.size(), counted(caseload.inactive_days, "day"))},
        {"Hours",
         fmt::format("{} h one-on-one, {} h group, {} h supervision",
                     format_hours(s.hours.one_on_one_minutes), format_hours(s.hours.group_minutes),
                     format_hours(s.hours.supervision_minutes))},
        {"Boundaries", boundaries_glance(s.boundaries)},
        {"Outcomes", fmt::format("BARC-10 47+: {} of {}; goals achieved: {}; referrals "
                                 "made: {}, completed: {}",
                                 o.peers_at_47, o.peers.size(), o.goals_achieved, o.referrals_made,
                                 o.referrals_completed)},
        {"Supervision",
         fmt::format("{} awaiting review", counted(s.supervision.awaiting_review, "session"))},
        {"Certification",
         c.profile ? fmt::format("{}: {} of {} work h, {} of {} supervision h", c.profile->name,
                                 format_hours(c.work_minutes), c.profile->work_hours,
                                 format_hours(c.supervision_minutes), c.profile->supervision_hours)
                   : std::string("no target configured")},
        {"Wellbeing",
         fmt::format(
             "{}, {}",
             counted(static_cast<long long>(s.wellbeing.checkins.size()), "shared check-in"),
             counted(static_cast<long long>(s.wellbeing.callouts.size()), "call-out"))}};
    return section;
}

} // namespace

DocTable overdue_doc_table(const std::vector<FollowUp>& overdue) {
    DocTable table{{{"Peer", "peer"},
                    {"Due", "due", Align::left, CellType::date},
                    {"Session", "session", Align::right, CellType::number}},
                   {},
                   {}};
    for (const auto& follow_up : overdue) {
        table.rows.push_back({follow_up.peer_code, format_date(follow_up.due),
                              std::to_string(follow_up.session_id)});
    }
    return table;
}

DocSection period_section(const PeriodSummary& s) {
    const auto& t = s.totals;
    DocSection section{"The period", {}, {}, {}, {}};
    section.figures = {{"Sessions", std::to_string(t.sessions)},
                       {"Hours", format_hours(t.minutes)},
                       {"Distinct peers", std::to_string(t.distinct_peers)},
                       {"New peers", std::to_string(t.new_peers)},
                       {"Follow-ups due", std::to_string(t.follow_ups_due)},
                       {"Audit chain head", describe(s.audit_head)}};
    DocTable overdue = overdue_doc_table(s.follow_ups_overdue);
    section.notes.push_back(
        s.follow_ups_overdue.empty()
            ? fmt::format("No follow-up is overdue on {}.", format_date(s.caseload.as_of))
            : fmt::format("Follow-ups overdue on {}:", format_date(s.caseload.as_of)));
    if (!overdue.rows.empty()) {
        section.tables.push_back(overdue);
    }
    return section;
}

namespace {

// The boundary flags in the summary's csv columns (section,item,sessions,minutes,value).
void write_boundaries_csv(std::ostream& out, const BoundaryReport& report) {
    auto row = [&](std::string section, std::string item, std::string value) {
        out << csv_line({std::move(section), std::move(item), "", "", std::move(value)});
    };
    row("boundaries", "flagged_sessions", std::to_string(report.flagged_sessions));
    row("boundaries", "overrides", std::to_string(report.overrides));
    DocSection section = boundaries_section(report);
    if (section.tables.empty()) {
        return;
    }
    for (const auto& rule : section.tables[0].rows) { // rule, flags, overrides
        row("boundary_rule", rule[0], rule[1]);
        row("boundary_rule_overrides", rule[0], rule[2]);
    }
    // session, date, peer, rules, reason: read as they are written
    for_each_row(section.tables[1], [&](const DocRow& session, bool) {
        row("flagged_session", session.cells[2], session.cells[0]);
    });
}

} // namespace

void write_supervisor_summary(std::ostream& out, const SupervisorSummary& s, OutputFormat format,
                              const RenderStyle& style) {
    if (s.summary_only) {
        if (format == OutputFormat::html) {
            throw Error(ErrorKind::usage,
                        "--suppress-below works with --format table, markdown, csv or json: the "
                        "html summary's charts show peers one by one.");
        }
        write_summary_report(out, s.summary, format, style);
        return;
    }
    if (s.detail < summary_detail(format)) {
        throw std::logic_error("a summary holds less than its format prints");
    }
    if (format == OutputFormat::json) {
        std::ostringstream base;
        write_summary_report(base, s.summary, OutputFormat::json, style);
        Json json = Json::parse(base.str());
        // The long lists (each rule's flags, a streamed review queue) are written in place as
        // they are read, in the order they come in the document.
        std::vector<JsonStream> streams;
        json["boundaries"] = boundaries_json(s.boundaries, streams);
        json["caseload_report"] = caseload_json(s.caseload);
        json["hours"] = hours_json(s.hours);
        json["outcomes"] = outcomes_json(s.outcomes);
        json["supervision"] = supervision_json(s.supervision, streams);
        json["certification"] = certification_json(s.certification);
        json["wellbeing"] = wellbeing_json(s.wellbeing);
        write_json_streamed(out, json, streams);
        return;
    }
    if (format == OutputFormat::html || format == OutputFormat::xlsx) {
        std::string who = s.summary.specialist.empty() ? "" : " for " + s.summary.specialist;
        Document document{fmt::format("Summary{}: {}", who, describe(s.summary.period)),
                          {period_section(s.summary), glance_section(s),
                           boundaries_section(s.boundaries), hours_section(s.hours),
                           caseload_section(s.caseload), outcomes_section(s.outcomes),
                           supervision_section(s.supervision),
                           certification_section(s.certification), wellbeing_section(s.wellbeing)}};
        render_document(out, document, format, style);
        return;
    }
    write_summary_report(out, s.summary, format, style);
    Document glance{"", {glance_section(s)}};
    if (format == OutputFormat::csv) { // in the summary's own columns
        write_boundaries_csv(out, s.boundaries);
        for (const auto& [label, value] : glance.sections[0].figures) {
            out << csv_line({"at_a_glance", label, "", "", value});
        }
        return;
    }
    out << "\n";
    DocSection section = glance.sections[0];
    DocTable table{{{"Report", "report"}, {"Figures", "figures"}}, {}, {}};
    for (const auto& [label, value] : section.figures) {
        table.rows.push_back({label, value});
    }
    TextTable text;
    text.column("Report");
    text.column("At a glance");
    for (const auto& row : table.rows) {
        text.row(row);
    }
    out << (format == OutputFormat::markdown
                ? "## At a glance\n\n" + text.render_markdown()
                : "At a glance\n-----------\n" + text.render_text(style));
    out << "\n";
    render_document(out, Document{"", {boundaries_section(s.boundaries)}}, format, style);
}

void write_supervisor_summary(std::ostream& out, Journal& journal, const Period& period,
                              const ReportOptions& options, std::optional<int> suppress_below,
                              OutputFormat format, const RenderStyle& style) {
    // One snapshot: the summary's long lists, its boundary flags and (json, html, xlsx) its
    // review queue, are read from it as they are written.
    read_transaction(journal, [&](SQLite::Database&) {
        write_supervisor_summary(out,
                                 build_supervisor_summary(journal, period, options, suppress_below,
                                                          summary_detail(format)),
                                 format, style);
    });
}

} // namespace peerlog
