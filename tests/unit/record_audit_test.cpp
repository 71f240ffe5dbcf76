// Unit tests of the audit events the record writes: groups, goals, resources, referrals,
// BARC-10, supervision, session reviews and check-ins.
#include "peerlog/assessment.hpp"
#include "peerlog/audit.hpp"
#include "peerlog/checkin.hpp"
#include "peerlog/goal.hpp"
#include "peerlog/group.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/referral.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/supervision.hpp"
#include "test_journal.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace peerlog;
using peerlog::testing::failure_of;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
const Date k_today = ymd(2026, 11, 18);

// Free text typed into each record: none of it may reach an audit summary.
const std::vector<std::string> k_typed_text = {
    "RosaCode",         "Womens Circle",  "Thursdays 6pm", "eviction hearing",
    "Harbor Shelter",   "shelter",        "555-0100",      "Dr Okafor",
    "boundary worries", "co-sign remark", "panic at night"};

struct Fixture {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "j.db", OpenMode::write);

    Fixture() {
        Peer peer;
        peer.code = "RosaCode";
        peer.since = ymd(2026, 10, 1);
        add_peer(journal, peer);
    }

    // The last event, which must be the one the write just appended.
    AuditEvent last_event() {
        auto events = list_audit(journal, std::nullopt);
        REQUIRE_FALSE(events.empty());
        return events.back();
    }
};

void check_no_typed_text(const AuditEvent& event) {
    for (const auto& text : k_typed_text) {
        INFO("event ", event.action, " ", event.object, ": ", event.summary);
        CHECK(event.summary.find(text) == std::string::npos);
        CHECK(event.object.find(text) == std::string::npos);
    }
}

} // namespace

TEST_CASE_FIXTURE(Fixture, "every record write appends an event that names it without its text") {
    auto group = add_group(journal, {0, "Womens Circle", "Thursdays 6pm"});
    CHECK(last_event().action == "group.add");
    CHECK(last_event().object == fmt::format("group {}", group));
    CHECK(last_event().summary == "added with a schedule");

    Goal goal;
    goal.peer_code = "RosaCode";
    goal.domain = GoalDomain::legal;
    goal.text = "eviction hearing";
    goal.opened_on = goal.status_on = k_today;
    auto goal_id = add_goal(journal, goal, k_today);
    CHECK(last_event().action == "goal.add");
    CHECK(last_event().object == fmt::format("goal {}", goal_id));
    CHECK(last_event().summary == "peer #1, legal, open");
    set_goal_status(journal, goal_id, GoalStatus::achieved, k_today, k_today);
    CHECK(last_event().action == "goal.set");
    CHECK(last_event().summary == "status achieved on 2026-11-18");

    auto resource = add_resource(journal, {0, "Harbor Shelter", "shelter", "555-0100"});
    CHECK(last_event().action == "resource.add");
    CHECK(last_event().object == fmt::format("resource {}", resource));
    auto referral = add_referral(
        journal, {0, "RosaCode", "Harbor Shelter", k_today, ReferralStatus::made, k_today},
        k_today);
    CHECK(last_event().action == "referral.add");
    CHECK(last_event().object == fmt::format("referral {}", referral));
    CHECK(last_event().summary ==
          fmt::format("peer #1 to resource #{} on 2026-11-18, made", resource));
    set_referral_status(journal, referral, ReferralStatus::connected, k_today);
    CHECK(last_event().action == "referral.set");
    CHECK(last_event().summary == "status connected on 2026-11-18");

    Assessment assessment;
    assessment.peer_code = "RosaCode";
    assessment.date = k_today;
    assessment.items = {4, 5, 3, 4, 5, 4, 3, 6, 5, 4};
    auto assessment_id = add_assessment(journal, assessment, k_today);
    CHECK(last_event().action == "assessment.add");
    CHECK(last_event().object == fmt::format("assessment {}", assessment_id));
    CHECK(last_event().summary == "peer #1, BARC-10 on 2026-11-18");

    auto meeting = add_supervision(
        journal, {0, k_today, 60, "Dr Okafor", SupervisionFormat::group, "boundary worries"},
        k_today);
    CHECK(last_event().action == "supervision.add");
    CHECK(last_event().object == fmt::format("supervision {}", meeting));
    CHECK(last_event().summary == "2026-11-18, 60 min, group");

    Session session;
    session.peer_code = "RosaCode";
    session.date = k_today;
    session.minutes = 30;
    session.support = SupportSet::parse("emotional");
    auto session_id = add_session(journal, session, k_today);
    review_sessions(journal, {session_id}, {"Dr Okafor", k_today, "co-sign remark"});
    CHECK(last_event().action == "session.review");
    CHECK(last_event().object == fmt::format("session {}", session_id));
    CHECK(last_event().summary == "review #1 on 2026-11-18, with a comment");

    auto checkin = add_checkin(journal, {0, k_today, 5, 1, true, "panic at night", false}, k_today);
    CHECK(last_event().action == "checkin.add");
    CHECK(last_event().object == fmt::format("checkin {}", checkin));
    CHECK(last_event().summary == "2026-11-18, private");

    for (const auto& event : list_audit(journal, std::nullopt)) {
        check_no_typed_text(event);
    }
    AuditCheck chain = verify_audit(journal);
    CHECK_FALSE(chain.first_bad_event.has_value());
    CHECK(chain.events == 12); // peer.add, session.add and the ten record writes
}

TEST_CASE_FIXTURE(Fixture, "a review of several sessions audits each, and a refused one none") {
    Session session;
    session.peer_code = "RosaCode";
    session.date = k_today;
    session.minutes = 30;
    session.support = SupportSet::parse("emotional");
    auto first = add_session(journal, session, k_today);
    auto second = add_session(journal, session, k_today);
    auto before = list_audit(journal, std::nullopt).size();
    CHECK(failure_of([&] {
              review_sessions(journal, {first, 999}, {"Dr Okafor", k_today, ""});
          }) == ErrorKind::not_found);
    CHECK(list_audit(journal, std::nullopt).size() == before); // rolled back with the reviews
    review_sessions(journal, {first, second}, {"Dr Okafor", k_today, ""});
    auto events = list_audit(journal, std::nullopt);
    REQUIRE(events.size() == before + 2);
    CHECK(events[before].object == fmt::format("session {}", first));
    CHECK(events[before].summary == "review #1 on 2026-11-18");
    CHECK(events[before + 1].object == fmt::format("session {}", second));
}

TEST_CASE_FIXTURE(Fixture, "a refused record write leaves no audit event") {
    auto before = list_audit(journal, std::nullopt).size();
    add_group(journal, {0, "Womens Circle", ""});
    CHECK(last_event().summary == "added, no schedule");
    CHECK(failure_of([&] { add_group(journal, {0, "womens circle", ""}); }) == ErrorKind::conflict);
    CHECK(failure_of([&] { set_goal_status(journal, 42, GoalStatus::open, k_today, k_today); }) ==
          ErrorKind::not_found);
    CHECK(failure_of([&] {
              set_referral_status(journal, 42, ReferralStatus::declined, k_today);
          }) == ErrorKind::not_found);
    CHECK(list_audit(journal, std::nullopt).size() == before + 1);
}
