// The supervisor's reports checked against a small hand-computed data set (November 2026).
#include "journal_db.hpp"
#include "peerlog/assessment.hpp"
#include "peerlog/checkin.hpp"
#include "peerlog/goal.hpp"
#include "peerlog/group.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/referral.hpp"
#include "peerlog/report_writer.hpp"
#include "peerlog/reports.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/supervision.hpp"
#include "test_journal.hpp"

#include <ctime>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace peerlog;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
const Date k_today = ymd(2026, 11, 18);
const Period k_november = period_between(ymd(2026, 11, 1), ymd(2026, 11, 30));

Session one_on_one(std::string peer, Date date, int minutes, std::string support,
                   Modality modality = Modality::in_person) {
    Session session;
    session.peer_code = std::move(peer);
    session.date = date;
    session.minutes = minutes;
    session.support = SupportSet::parse(support);
    session.modality = modality;
    return session;
}

// Peers A, B, C (last seen 2026-09-15) and D (paused, never contacted); three November sessions
// (A 60 min phone emotional in the community, A 30 min emotional+instrumental, a 90-minute group
// with A and B), two supervision meetings (one in November), goals, referrals, BARC-10s (B's
// baseline in October) and check-ins.
struct DataSet {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    ReportOptions options;

    DataSet() {
        for (auto [code, since] : {std::pair{"A", ymd(2026, 9, 1)},
                                   {"B", ymd(2026, 10, 1)},
                                   {"C", ymd(2026, 8, 1)},
                                   {"D", ymd(2026, 10, 1)}}) {
            Peer peer;
            peer.code = code;
            peer.since = since;
            add_peer(journal, peer);
        }
        pause_peer(journal, "D");
        add_group(journal, {0, "Circle", ""});
        Session phone = one_on_one("A", ymd(2026, 11, 2), 60, "emotional", Modality::phone);
        phone.setting = Setting::community;
        add_session(journal, phone, k_today);
        add_session(journal, one_on_one("A", ymd(2026, 11, 10), 30, "emotional,instrumental"),
                    k_today);
        Session group = one_on_one("", ymd(2026, 11, 12), 90, "affiliational");
        group.group = "Circle";
        group.attendees = {"A", "B"};
        group.unnamed = 2;
        add_session(journal, group, k_today);
        add_session(journal, one_on_one("C", ymd(2026, 9, 15), 45, "informational"), k_today);
        add_supervision(journal, {0, ymd(2026, 11, 5), 60, "Dr Lee", {}, ""}, k_today);
        add_supervision(journal, {0, ymd(2026, 10, 20), 30, "Dr Lee", {}, ""}, k_today);
        add_goals_and_referrals();
        add_assessment(journal, {0, "A", ymd(2026, 11, 1), parse_barc10("4,4,4,4,4,4,4,4,4,4")},
                       k_today);
        add_assessment(journal, {0, "A", ymd(2026, 11, 15), parse_barc10("5,5,5,5,5,5,5,5,4,4")},
                       k_today);
        add_assessment(journal, {0, "B", ymd(2026, 10, 6), parse_barc10("2,2,2,2,2,2,3,3,3,3")},
                       k_today);
        add_assessment(journal, {0, "B", ymd(2026, 11, 5), parse_barc10("3,3,3,3,3,3,3,3,3,3")},
                       k_today);
        add_checkin(journal, {0, ymd(2026, 11, 10), 4, 3, false, "", true}, k_today);
        add_checkin(journal, {0, ymd(2026, 11, 11), 5, 2, true, "hard day", true}, k_today);
        add_checkin(journal, {0, ymd(2026, 11, 12), 4, 2, false, "", true}, k_today);
        add_checkin(journal, {0, ymd(2026, 11, 13), 2, 4, false, "private", false}, k_today);
        options.today = k_today;
        options.inactive_days = 30;
        options.certification = CertificationProfile{"custom", "custom target", 10, 2};
        options.certification_start = ymd(2026, 9, 1);
        options.monthly_supervision_hours = 1.0;
        options.monthly_supervision_sessions = 1;
    }

    void add_goals_and_referrals() {
        Goal housing{0,
                     "A",
                     GoalDomain::housing,
                     "a flat",
                     GoalStatus::open,
                     std::nullopt,
                     ymd(2026, 11, 1),
                     ymd(2026, 11, 1)};
        auto id = add_goal(journal, housing, k_today);
        set_goal_status(journal, id, GoalStatus::achieved, ymd(2026, 11, 15), k_today);
        add_goal(journal,
                 {0, "B", GoalDomain::employment, "a job", GoalStatus::open, std::nullopt,
                  ymd(2026, 11, 2), ymd(2026, 11, 2)},
                 k_today);
        add_resource(journal, {0, "R", "housing", ""});
        auto referral = add_referral(
            journal, {0, "A", "R", ymd(2026, 11, 3), ReferralStatus::made, ymd(2026, 11, 3)},
            k_today);
        set_referral_status(journal, referral, ReferralStatus::completed, ymd(2026, 11, 9));
        add_referral(journal,
                     {0, "B", "R", ymd(2026, 11, 4), ReferralStatus::made, ymd(2026, 11, 4)},
                     k_today);
    }
};

} // namespace

TEST_CASE("report hours splits one-on-one, group and supervision minutes") {
    DataSet data;
    auto hours = build_hours_report(data.journal, k_november, HoursBy::support);
    CHECK(hours.one_on_one_sessions == 2);
    CHECK(hours.one_on_one_minutes == 90);
    CHECK(hours.group_sessions == 1);
    CHECK(hours.group_minutes == 90);
    CHECK(hours.direct_minutes() == 180);
    CHECK(hours.supervision_meetings == 1);
    CHECK(hours.supervision_minutes == 60);
    REQUIRE(hours.rows.size() == 4);
    CHECK(hours.rows[0].key == "emotional");
    CHECK(hours.rows[0].minutes == 90);
    CHECK(hours.rows[1].minutes == 0);
    CHECK(hours.rows[2].minutes == 30);
    CHECK(hours.rows[3].minutes == 90);
    REQUIRE(hours.weeks.size() == 6); // 2026-W44 (holds Nov 1) to 2026-W49 (holds Nov 30)
    CHECK(hours.weeks[1].minutes_by_support[0] == 60);
    CHECK(hours.weeks[2].minutes_by_support[0] == 15); // 30 minutes split over two kinds
    CHECK(hours.weeks[2].minutes_by_support[2] == 15);
    CHECK(hours.weeks[2].minutes_by_support[3] == 90);
}

TEST_CASE("report hours by peer counts group minutes once per attendee") {
    DataSet data;
    auto by_peer = build_hours_report(data.journal, k_november, HoursBy::peer);
    REQUIRE(by_peer.rows.size() == 2);
    CHECK(by_peer.rows[0].key == "A");
    CHECK(by_peer.rows[0].sessions == 3);
    CHECK(by_peer.rows[0].minutes == 180);
    CHECK(by_peer.rows[1].key == "B");
    CHECK(by_peer.rows[1].minutes == 90);
    auto by_modality = build_hours_report(data.journal, k_november, HoursBy::modality);
    REQUIRE(by_modality.rows.size() == 2);
    CHECK(by_modality.rows[0].key == "in-person");
    CHECK(by_modality.rows[0].minutes == 120);
    CHECK(by_modality.rows[1].key == "phone");
    auto by_month = build_hours_report(data.journal, k_november, HoursBy::month);
    REQUIRE(by_month.rows.size() == 1);
    CHECK(by_month.rows[0].key == "2026-11");
    CHECK(by_month.rows[0].sessions == 3);
    CHECK(by_month.rows[0].minutes == 180);
}

TEST_CASE("report hours by setting counts each session once under its setting") {
    DataSet data;
    auto by_setting = build_hours_report(data.journal, k_november, HoursBy::setting);
    REQUIRE(by_setting.rows.size() == 2);
    CHECK(by_setting.rows[0].key == "community"); // the 60-minute phone session
    CHECK(by_setting.rows[0].sessions == 1);
    CHECK(by_setting.rows[0].minutes == 60);
    CHECK(by_setting.rows[1].key == "office"); // the 30-minute session and the group
    CHECK(by_setting.rows[1].sessions == 2);
    CHECK(by_setting.rows[1].minutes == 120);
    std::ostringstream csv;
    write_hours_report(csv, by_setting, OutputFormat::csv, {});
    CHECK(csv.str().find("Hours,community,hours,1.00") != std::string::npos);
    CHECK(csv.str().find("counts in full under each kind") == std::string::npos);
}

TEST_CASE("report hours says a session of several kinds counts in full in the table and is "
          "split in the chart") {
    DataSet data;
    auto hours = build_hours_report(data.journal, k_november, HoursBy::support);
    // 90 + 0 + 30 + 90 = 210 minutes by kind against 180 direct: the 30-minute session is in two.
    std::ostringstream text, csv, json, html;
    write_hours_report(text, hours, OutputFormat::table, {});
    write_hours_report(csv, hours, OutputFormat::csv, {});
    write_hours_report(json, hours, OutputFormat::json, {});
    write_hours_report(html, hours, OutputFormat::html, {});
    const std::string rule = "In the By support table, a session of several support kinds counts "
                             "in full under each kind, so its rows can add up to more than the "
                             "direct hours.";
    CHECK(text.str().find(rule) != std::string::npos);
    CHECK(csv.str().find("Hours,note,text,") != std::string::npos);
    CHECK(json.str().find(rule) != std::string::npos);
    CHECK(json.str().find("In weeks, a session of several kinds is split evenly") !=
          std::string::npos);
    CHECK(html.str().find(rule) != std::string::npos);
    CHECK(
        html.str().find("A session of several kinds is split evenly between them in this chart") !=
        std::string::npos);
    CHECK(html.str().find("<title>W46, emotional: 0.25 h</title>") != std::string::npos);
    CHECK(html.str().find("1.50 h in 2 sessions") != std::string::npos);
    CHECK(html.str().find("1.00 h in 1 meeting<") != std::string::npos);
}

TEST_CASE("report caseload shows last contact, goals, referrals and BARC-10 per peer") {
    DataSet data;
    auto caseload = build_caseload_report(data.journal, k_november, data.options);
    CHECK(caseload.as_of == k_today);
    REQUIRE(caseload.peers.size() == 4);
    const auto& a = caseload.peers[0];
    CHECK(a.last_contact == ymd(2026, 11, 12));
    CHECK(a.days_since == 6);
    CHECK(a.open_goals == 0);
    CHECK(a.referrals_pending == 0);
    CHECK(a.latest_barc10 == 48);
    const auto& b = caseload.peers[1];
    CHECK(b.open_goals == 1);
    CHECK(b.referrals_pending == 1);
    CHECK(b.latest_barc10 == 30);
    CHECK_FALSE(b.overdue);
    CHECK(caseload.peers[2].days_since == 64);
    CHECK(caseload.peers[2].overdue);
    CHECK(caseload.peers[3].status == PeerStatus::paused);
    CHECK_FALSE(caseload.peers[3].overdue);
    CHECK(caseload.peers[3].never_contacted());
    CHECK(caseload.peers[3].days_since == 48); // on the caseload since 2026-10-01
}

TEST_CASE("report caseload labels a peer never contacted in every format") {
    DataSet data;
    auto caseload = build_caseload_report(data.journal, k_november, data.options);
    std::ostringstream text, csv, json, html;
    write_caseload_report(text, caseload, OutputFormat::table, {});
    write_caseload_report(csv, caseload, OutputFormat::csv, {});
    write_caseload_report(json, caseload, OutputFormat::json, {});
    write_caseload_report(html, caseload, OutputFormat::html, {});
    CHECK(text.str().find("never (on caseload 48 days)") != std::string::npos);
    CHECK(text.str().find("A peer never contacted shows the days on the caseload") !=
          std::string::npos);
    CHECK(csv.str().find("Caseload on 2026-11-18,D,last_contact,never (on caseload 48 days)") !=
          std::string::npos);
    auto peers = nlohmann::json::parse(json.str())["peers"];
    CHECK(peers[3]["peer"] == "D");
    CHECK(peers[3]["last_contact"].is_null());
    CHECK(peers[3]["never_contacted"] == true);
    CHECK(peers[3]["days_since"] == 48);
    CHECK(peers[0]["never_contacted"] == false);
    CHECK(html.str().find("<title>D: never contacted, on the caseload 48 days</title>") !=
          std::string::npos);
    CHECK(html.str().find("<title>A: 6 days</title>") != std::string::npos);
    CHECK(html.str().find("never contacted</text>") != std::string::npos);
}

TEST_CASE("report outcomes compares first and latest BARC-10 and counts goals and referrals") {
    DataSet data;
    auto outcomes = build_outcomes_report(data.journal, k_november);
    REQUIRE(outcomes.peers.size() == 2);
    CHECK(outcomes.peers[0].barc10.front().total == 40);
    CHECK(outcomes.peers[0].barc10.back().total == 48);
    // B's baseline is October's 24, not November's only BARC-10: a change of +6, not +0.
    CHECK(outcomes.peers[1].barc10.front().date == ymd(2026, 10, 6));
    CHECK(outcomes.peers[1].barc10.front().total == 24);
    CHECK(outcomes.peers[1].barc10.back().total == 30);
    CHECK(outcomes.peers[1].barc10.size() == 2);
    CHECK(outcomes.peers_at_47 == 1);
    CHECK(outcomes.goals_achieved == 1);
    CHECK(outcomes.goals_open == 1);
    CHECK(outcomes.referrals_made == 2);
    CHECK(outcomes.referrals_completed == 1);
    CHECK(outcomes.referrals_pending == 1);
    // Of the referrals closed in November (one, completed), all were completed.
    CHECK(outcomes.referral_completion() == doctest::Approx(1.0));
    std::ostringstream text;
    write_outcomes_report(text, outcomes, OutputFormat::table, {});
    std::string table = text.str();
    CHECK(table.find("\nB     2026-10-06      24  2026-11-05      30      +6  no\n") !=
          std::string::npos);
}

TEST_CASE("report outcomes takes the baseline before the period and the latest up to its end") {
    DataSet data;
    // 2026-11-10 to 2026-11-30: only A was assessed (on the 15th); A's baseline is the 1st.
    auto late =
        build_outcomes_report(data.journal, period_between(ymd(2026, 11, 10), ymd(2026, 11, 30)));
    REQUIRE(late.peers.size() == 1);
    CHECK(late.peers[0].peer_code == "A");
    CHECK(late.peers[0].barc10.front().total == 40);
    CHECK(late.peers[0].barc10.back().total == 48);
    CHECK(late.peers_at_47 == 1);
    // 2026-11-01 to 2026-11-10: A's latest is the 1st's 40 (the 15th is after the period).
    auto early =
        build_outcomes_report(data.journal, period_between(ymd(2026, 11, 1), ymd(2026, 11, 10)));
    REQUIRE(early.peers.size() == 2);
    CHECK(early.peers[0].barc10.size() == 1);
    CHECK(early.peers[0].barc10.back().total == 40);
    CHECK(early.peers[1].barc10.front().total == 24);
    CHECK(early.peers_at_47 == 0);
    std::ostringstream html;
    write_outcomes_report(html, early, OutputFormat::html, {});
    CHECK(html.str().find("2026-10-06</text>") != std::string::npos); // the chart's first day
    CHECK(html.str().find("Each peer from their baseline") != std::string::npos);
}

TEST_CASE("report supervision checks each month against the expectation and lists the queue") {
    DataSet data;
    auto report = build_supervision_report(data.journal, k_november, data.options);
    REQUIRE(report.months.size() == 1);
    CHECK(report.months[0].month == "2026-11");
    CHECK(report.months[0].minutes == 60);
    CHECK(report.months[0].meets_expectation);
    CHECK(report.review_queue.size() == 3);
    review_sessions(data.journal, {2}, {"Dr Lee", k_today, ""});
    auto october_november = build_supervision_report(
        data.journal, period_between(ymd(2026, 10, 1), ymd(2026, 11, 30)), data.options);
    REQUIRE(october_november.months.size() == 2);
    CHECK_FALSE(october_november.months[0].meets_expectation); // 30 minutes < 1 hour
    CHECK(october_november.review_queue.size() == 2);
    CHECK(october_november.review_queue[1].who == "Circle");
}

// `report supervision` as the built report writes it and as the journal streams it, in `format`.
std::pair<std::string, std::string> supervision_both_ways(DataSet& data, const Period& period,
                                                          OutputFormat format, RenderStyle style) {
    std::ostringstream built, streamed;
    write_supervision_report(built, build_supervision_report(data.journal, period, data.options),
                             format, style);
    write_supervision_report(streamed, data.journal, period, data.options, format, style);
    return {built.str(), streamed.str()};
}

TEST_CASE("report supervision streamed from the journal writes byte for byte the built report") {
    DataSet data;
    // A group whose name has a comma, quotes, a letter outside ASCII, a formula's sign and a
    // control character (stored past the checks, as a journal from elsewhere may hold it).
    add_group(data.journal, {0, "Tea, \"Sober\" Café", ""});
    Session tea = one_on_one("", ymd(2026, 11, 16), 45, "affiliational");
    tea.group = "Tea, \"Sober\" Café";
    tea.attendees = {"A"};
    add_session(data.journal, tea, k_today);
    write_transaction(data.journal, [](SQLite::Database& db) {
        db.exec("UPDATE peer_group SET name = '=Tea, \"Sober\" Café' || char(7) || 'ø' WHERE "
                "name LIKE 'Tea%'");
    });
    const Period empty = period_between(ymd(2026, 1, 1), ymd(2026, 1, 31));
    for (const Period& period : {k_november, empty}) {
        for (auto format : {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv,
                            OutputFormat::json, OutputFormat::html}) {
            auto [built, streamed] = supervision_both_ways(data, period, format, {});
            CHECK(streamed == built);
            CHECK(!built.empty());
        }
        auto [built, streamed] = supervision_both_ways(data, period, OutputFormat::table, {true});
        CHECK(streamed == built);
        // An xlsx workbook carries the second it was made in: compare two made in the same one.
        for (int attempt = 0; attempt < 3; ++attempt) {
            std::time_t started = std::time(nullptr);
            auto [book, streamed_book] =
                supervision_both_ways(data, period, OutputFormat::xlsx, {});
            if (std::time(nullptr) == started) {
                CHECK(streamed_book == book);
                break;
            }
        }
    }
    auto [built, streamed] = supervision_both_ways(data, k_november, OutputFormat::csv, {});
    CHECK(streamed.find("Tea, \"\"Sober\"\" Café") != std::string::npos); // in the queue, quoted
}

// `report boundaries` as the held report writes it and as the journal streams it, in `format`.
std::pair<std::string, std::string> boundaries_both_ways(DataSet& data, const Period& period,
                                                         OutputFormat format, RenderStyle style) {
    std::ostringstream built, streamed;
    write_boundary_report(built, build_boundary_report(data.journal, period), format, style);
    write_boundary_report(streamed, data.journal, period, format, style);
    return {built.str(), streamed.str()};
}

TEST_CASE("report boundaries streamed from the journal writes byte for byte the held report") {
    DataSet data;
    // Flags of two rules, one session with both, reasons with a comma, quotes, a letter outside
    // ASCII, a formula's sign and a control character (stored past the checks).
    write_transaction(data.journal, [](SQLite::Database& db) {
        db.exec("INSERT INTO session_flag (session_id, rule, severity, message, override_reason) "
                "SELECT id, 'contact_hours', 'warn', 'late: ' || id, CASE WHEN id % 2 = 0 THEN "
                "'=crisis, \"call\" é' || char(7) ELSE '' END FROM session WHERE peer_id IS NOT "
                "NULL; INSERT INTO session_flag (session_id, rule, severity, message, "
                "override_reason) SELECT id, 'gift', 'block', 'gift', 'reason; ' || id FROM "
                "session WHERE peer_id IS NOT NULL AND id % 2 = 1");
    });
    const Period long_ago = period_between(ymd(1900, 1, 1), ymd(2026, 11, 30)); // flags first
    const Period empty = period_between(ymd(2026, 1, 1), ymd(2026, 1, 31));
    for (const Period& period : {k_november, long_ago, empty}) {
        auto held = build_boundary_report(data.journal, period);
        auto streamed = stream_boundary_report(data.journal, period);
        CHECK(streamed.flagged_sessions == held.flagged_sessions);
        CHECK(streamed.overrides == held.overrides);
        REQUIRE(streamed.rules.size() == held.rules.size());
        for (std::size_t i = 0; i < held.rules.size(); ++i) {
            CHECK(streamed.rules[i].count == static_cast<long long>(held.rules[i].flags.size()));
            CHECK(streamed.rules[i].overrides == held.rules[i].overrides);
        }
        for (auto format : {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv,
                            OutputFormat::json, OutputFormat::html}) {
            auto [built, read] = boundaries_both_ways(data, period, format, {});
            CHECK(read == built);
            CHECK(!built.empty());
        }
        auto [built, read] = boundaries_both_ways(data, period, OutputFormat::table, {true});
        CHECK(read == built);
    }
    // A month's flags are held, read once, and those of 92 days; all history's, or those of
    // 93 days, are read as they are written.
    CHECK_FALSE(stream_boundary_report(data.journal, k_november).read_flags);
    CHECK_FALSE(
        stream_boundary_report(data.journal, period_between(ymd(2026, 9, 1), ymd(2026, 12, 1)))
            .read_flags);
    CHECK(stream_boundary_report(data.journal, period_between(ymd(2026, 9, 1), ymd(2026, 12, 2)))
              .read_flags);
    CHECK(stream_boundary_report(data.journal, long_ago).read_flags);
    auto [built, read] = boundaries_both_ways(data, long_ago, OutputFormat::json, {});
    auto json = nlohmann::json::parse(read); // the arrays written in place make valid JSON
    auto held = build_boundary_report(data.journal, long_ago);
    REQUIRE(json["rules"].size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(json["rules"][i]["rule"] == std::string(to_string(held.rules[i].rule)));
        CHECK(json["rules"][i]["flags"].size() == held.rules[i].flags.size());
        CHECK(!held.rules[i].flags.empty());
    }
    CHECK(read.find("=crisis, \\\"call\\\" \u00e9\\u0007") != std::string::npos);
}

TEST_CASE("a month with more flags than a report holds streams them, byte for byte the same") {
    DataSet data;
    // 5,001 sessions on one November day, each flagged twice: 10,002 flags, over the 10,000 a
    // report holds (a month into which an import or the sqlite3 shell put a whole journal).
    write_transaction(data.journal, [](SQLite::Database& db) {
        db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5001) "
                "INSERT INTO session (id, peer_id, date, minutes, modality, setting, "
                "support_mask, created_at, updated_at) SELECT 100000 + i, (SELECT min(id) FROM "
                "peer), '2026-11-20', 30, 'in-person', 'office', 1, '2026-11-20T09:00:00Z', "
                "'2026-11-20T09:00:00Z' FROM n; "
                "INSERT INTO session_flag (session_id, rule, severity, message, override_reason) "
                "SELECT id, 'contact_hours', 'warn', 'late ' || id, CASE WHEN id % 3 = 0 THEN "
                "'crisis, \"call\" ' || id ELSE '' END FROM session WHERE id > 100000; "
                "INSERT INTO session_flag (session_id, rule, severity, message) SELECT id, "
                "'gift', 'block', 'gift' FROM session WHERE id > 100000");
    });
    auto streamed = stream_boundary_report(data.journal, k_november);
    CHECK(streamed.read_flags); // over the cap: read as they are written
    auto held = build_boundary_report(data.journal, k_november);
    CHECK(streamed.flagged_sessions == held.flagged_sessions);
    CHECK(streamed.flagged_sessions >= 5001);
    CHECK(streamed.overrides == held.overrides);
    for (auto format : {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv,
                        OutputFormat::json, OutputFormat::html}) {
        auto [built, read] = boundaries_both_ways(data, k_november, format, {});
        CHECK(read == built);
    }
}

TEST_CASE("report certification projects the date the target is reached at the recent pace") {
    DataSet data;
    auto report = build_certification_report(data.journal, k_november, data.options);
    CHECK(report.work_minutes == 225);       // 60 + 30 + 90 + 45 since 2026-09-01
    CHECK(report.supervision_minutes == 90); // 60 + 30
    CHECK(report.recent_work_minutes == 225);
    // 375 minutes to go at 225 per 90 days: 150 days; supervision 30 at 90: 30 days.
    CHECK(report.work_reached == ymd(2027, 4, 17));
    CHECK(report.supervision_reached == ymd(2026, 12, 18));
    CHECK(report.reached() == ymd(2027, 4, 17));
}

TEST_CASE("report certification counts from running totals that follow every change") {
    DataSet data;
    // Session 1 moves from 11-02 to 09-20 and grows to 80 minutes; session 2 is removed.
    SessionEdit edit;
    edit.date = ymd(2026, 9, 20);
    edit.minutes = 80;
    edit_session(data.journal, 1, edit, k_today);
    remove_session(data.journal, 2);
    auto sums = [&](const char* sql) {
        std::vector<std::string> rows;
        read_transaction(data.journal, [&](SQLite::Database& db) {
            SQLite::Statement query(db, sql);
            while (query.executeStep()) {
                rows.push_back(query.getColumn(0).getString() + " " +
                               query.getColumn(1).getString() + " " +
                               query.getColumn(2).getString());
            }
        });
        return rows;
    };
    auto totals = sums("SELECT record, date, minutes FROM minutes_by_day ORDER BY 1, 2");
    auto counted = sums("SELECT 'session', date, sum(minutes) FROM session GROUP BY date UNION ALL "
                        "SELECT 'supervision', date, sum(minutes) FROM supervision GROUP BY date "
                        "ORDER BY 1, 2");
    CHECK(totals == counted);
    CHECK(totals.size() > 3);
    auto report = build_certification_report(data.journal, k_november, data.options);
    long long work = 0;
    read_transaction(data.journal, [&](SQLite::Database& db) {
        work =
            db.execAndGet("SELECT sum(minutes) FROM session WHERE date >= '2026-09-01'").getInt64();
    });
    CHECK(report.work_minutes == work);
    CHECK(report.supervision_minutes == 90);
}

TEST_CASE("report certification dates a target already met on the day it was crossed") {
    DataSet data;
    data.options.certification = CertificationProfile{"custom", "Custom", 2, 1};
    auto report = build_certification_report(data.journal, k_november, data.options);
    // Work: 45 (09-15) + 60 (11-02) + 30 (11-10) = 135 >= 120 on 11-10. Supervision: 30
    // (10-20) + 60 (11-05) = 90 >= 60 on 11-05.
    CHECK(report.work_reached == ymd(2026, 11, 10));
    CHECK(report.supervision_reached == ymd(2026, 11, 5));
    CHECK(report.reached() == ymd(2026, 11, 10));
    std::ostringstream text;
    write_certification_report(text, report, OutputFormat::table, {});
    CHECK(text.str().find("Certification: as of 2026-11-18") == 0);
    CHECK(text.str().find("2026-11-10 (done)") != std::string::npos);
}

TEST_CASE("report certification before its start day says counting has not started") {
    DataSet data;
    data.options.certification_start = ymd(2027, 1, 1);
    auto report = build_certification_report(data.journal, k_november, data.options);
    CHECK(report.not_started());
    CHECK(report.work_minutes == 0);
    CHECK_FALSE(report.work_reached);
    std::ostringstream text;
    write_certification_report(text, report, OutputFormat::table, {});
    CHECK(text.str().find("counting has not started") != std::string::npos);
    CHECK(text.str().find("Hours count from 2027-01-01") != std::string::npos);
    CHECK(text.str().find("not within") == std::string::npos);
}

TEST_CASE("report wellbeing shows shared check-ins only and calls out stress and support") {
    DataSet data;
    auto report = build_wellbeing_report(data.journal, k_november);
    REQUIRE(report.checkins.size() == 3);
    CHECK(report.private_checkins_hidden == 1);
    REQUIRE(report.callouts.size() == 2); // by the day each starts: the run began first
    CHECK(report.callouts[0] ==
          "2026-11-10 to 2026-11-12: 3 check-ins in a row at stress 4 or more");
    CHECK(report.callouts[1] == "2026-11-11: asked for support");
}

TEST_CASE("report wellbeing calls out each run of high stress once, with its length and days") {
    DataSet data;
    for (auto [day, stress] : {std::pair{14, 4}, {15, 1}, {16, 4}, {17, 5}, {18, 4}}) {
        add_checkin(data.journal, {0, ymd(2026, 11, day), stress, 3, false, "", true}, k_today);
    }
    auto report = build_wellbeing_report(data.journal, k_november);
    // 10, 11, 12 and 14 (the 13th is private) then 16, 17, 18.
    REQUIRE(report.stress_runs.size() == 2);
    CHECK(report.stress_runs[0].checkins == 4);
    CHECK(report.stress_runs[1].from == ymd(2026, 11, 16));
    REQUIRE(report.callouts.size() == 3);
    CHECK(report.callouts[0] ==
          "2026-11-10 to 2026-11-14: 4 check-ins in a row at stress 4 or more");
    CHECK(report.callouts[1] == "2026-11-11: asked for support");
    CHECK(report.callouts[2] ==
          "2026-11-16 to 2026-11-18: 3 check-ins in a row at stress 4 or more");
    std::ostringstream json;
    write_wellbeing_report(json, report, OutputFormat::json, {});
    auto runs = nlohmann::json::parse(json.str())["stress_runs"];
    CHECK(runs == nlohmann::json::parse(R"([{"from": "2026-11-10", "to": "2026-11-14",
        "checkins": 4}, {"from": "2026-11-16", "to": "2026-11-18", "checkins": 3}])"));
}

TEST_CASE("report summary html is self-contained, has its charts and no note") {
    DataSet data;
    auto summary = build_supervisor_summary(data.journal, k_november, data.options);
    std::ostringstream html;
    write_supervisor_summary(html, summary, OutputFormat::html, {});
    std::string text = html.str();
    CHECK(text.find("<!DOCTYPE html>") == 0);
    CHECK(text.find("http://") == std::string::npos);
    CHECK(text.find("https://") == std::string::npos);
    CHECK(text.find("hard day") == std::string::npos);
    CHECK(text.find("Hours per week by support kind") != std::string::npos);
    CHECK(text.find("Days since last contact") != std::string::npos);
    CHECK(text.find("BARC-10 total per peer") != std::string::npos);
    CHECK(text.find("Wellbeing over time") != std::string::npos);
    std::size_t svgs = 0;
    for (auto at = text.find("<svg"); at != std::string::npos; at = text.find("<svg", at + 1)) {
        ++svgs;
    }
    CHECK(svgs == 4);
}

TEST_CASE("every report renders in every format") {
    DataSet data;
    auto summary = build_supervisor_summary(data.journal, k_november, data.options);
    for (auto format : {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv,
                        OutputFormat::json, OutputFormat::html}) {
        std::ostringstream out;
        write_caseload_report(out, summary.caseload, format, {});
        write_hours_report(out, summary.hours, format, {});
        write_outcomes_report(out, summary.outcomes, format, {});
        write_supervision_report(out, summary.supervision, format, {});
        write_certification_report(out, summary.certification, format, {});
        write_wellbeing_report(out, summary.wellbeing, format, {});
        write_supervisor_summary(out, summary, format, {});
        CHECK(out.str().find("hard day") == std::string::npos);
        CHECK(out.str().size() > 500);
    }
}

TEST_CASE("report summary at a glance prints what the full build prints, in every format") {
    // The glance-only build (table, markdown, csv) reads the caseload, hours and review queue
    // by other queries than the full reports: each line must come out the same.
    DataSet data;
    SessionReview review;
    review.reviewer = "Dr Lee";
    review.on = k_today;
    review_sessions(data.journal, {1}, review);
    for (bool with_target : {true, false}) {
        ReportOptions options = data.options;
        if (!with_target) {
            options.certification.reset();
        }
        auto full = build_supervisor_summary(data.journal, k_november, options);
        auto glance = build_supervisor_summary(data.journal, k_november, options, std::nullopt,
                                               SummaryDetail::glance);
        CHECK(glance.detail == SummaryDetail::glance);
        CHECK(glance.caseload.peers.empty());           // not read
        CHECK(glance.supervision.awaiting_review == 2); // the 10th's and the group's, not the 2nd's
        CHECK(glance.summary.caseload.active_peers ==
              static_cast<long long>(full.caseload.peers.size()));
        for (auto format : {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv}) {
            CHECK(summary_detail(format) == SummaryDetail::glance);
            std::ostringstream full_out, glance_out;
            write_supervisor_summary(full_out, full, format, {});
            write_supervisor_summary(glance_out, glance, format, {});
            CHECK(glance_out.str() == full_out.str());
            CHECK(glance_out.str().find("2 sessions awaiting review") != std::string::npos);
        }
        for (auto format : {OutputFormat::json, OutputFormat::html, OutputFormat::xlsx}) {
            CHECK(summary_detail(format) != SummaryDetail::glance);
            std::ostringstream out;
            CHECK_THROWS_AS(write_supervisor_summary(out, glance, format, {}), std::logic_error);
        }
        // From the journal, each format built to its own detail (json with its review queue
        // streamed in) writes byte for byte what the full build writes.
        for (auto format : {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv,
                            OutputFormat::json, OutputFormat::html}) {
            std::ostringstream full_out, journal_out;
            write_supervisor_summary(full_out, full, format, {});
            write_supervisor_summary(journal_out, data.journal, k_november, options, std::nullopt,
                                     format, {});
            CHECK(journal_out.str() == full_out.str());
        }
        auto figures = build_supervisor_summary(data.journal, k_november, options, std::nullopt,
                                                SummaryDetail::figures);
        CHECK(figures.supervision.review_queue.empty());
        CHECK(figures.supervision.awaiting_review == 2);
        // Both read the queue as it is written (nothing held), the same two sessions.
        long long queued = 0;
        full.supervision.visit_queue([&](const ReviewItem&) { ++queued; });
        CHECK(full.supervision.review_queue.empty());
        CHECK(queued == 2);
        std::ostringstream html;
        CHECK_THROWS_AS(write_supervisor_summary(html, figures, OutputFormat::html, {}),
                        std::logic_error);
    }
}

TEST_CASE("the review queue streamed into a json summary keeps its shape when it is empty") {
    DataSet data;
    review_sessions(data.journal, {1, 2, 3}, {"Dr Lee", k_today, ""}); // November's sessions
    auto full = build_supervisor_summary(data.journal, k_november, data.options);
    REQUIRE(full.supervision.review_queue.empty());
    std::ostringstream full_out, journal_out;
    write_supervisor_summary(full_out, full, OutputFormat::json, {});
    write_supervisor_summary(journal_out, data.journal, k_november, data.options, std::nullopt,
                             OutputFormat::json, {});
    CHECK(journal_out.str() == full_out.str());
    CHECK(full_out.str().find("\"review_queue\": []") != std::string::npos);
}
