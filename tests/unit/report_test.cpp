// The supervisor's reports checked against a small hand-computed data set (November 2026).
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

#include <doctest/doctest.h>
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

// Peers A, B, C (last seen 2026-09-15) and D (paused); three November sessions (A 60 min
// phone emotional, A 30 min emotional+instrumental, a 90-minute group with A and B), two
// supervision meetings (one in November), goals, referrals, BARC-10s and check-ins.
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
        add_session(journal, one_on_one("A", ymd(2026, 11, 2), 60, "emotional", Modality::phone),
                    k_today);
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
        auto id = add_goal(journal, housing);
        set_goal_status(journal, id, GoalStatus::achieved, ymd(2026, 11, 15), k_today);
        add_goal(journal, {0, "B", GoalDomain::employment, "a job", GoalStatus::open, std::nullopt,
                           ymd(2026, 11, 2), ymd(2026, 11, 2)});
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
}

TEST_CASE("report outcomes compares first and latest BARC-10 and counts goals and referrals") {
    DataSet data;
    auto outcomes = build_outcomes_report(data.journal, k_november);
    REQUIRE(outcomes.peers.size() == 2);
    CHECK(outcomes.peers[0].barc10.front().total == 40);
    CHECK(outcomes.peers[0].barc10.back().total == 48);
    CHECK(outcomes.peers[1].barc10.back().total == 30);
    CHECK(outcomes.peers_at_47 == 1);
    CHECK(outcomes.goals_achieved == 1);
    CHECK(outcomes.goals_open == 1);
    CHECK(outcomes.referrals_made == 2);
    CHECK(outcomes.referrals_completed == 1);
    CHECK(outcomes.referral_completion() == doctest::Approx(0.5));
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
    REQUIRE(report.callouts.size() == 2);
    CHECK(report.callouts[0] == "2026-11-11: asked for support");
    CHECK(report.callouts[1].find("2026-11-12: 3 check-ins in a row") == 0);
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
