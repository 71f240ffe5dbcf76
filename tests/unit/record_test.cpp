// Unit tests of the record beyond one-on-one sessions: groups, goals, referrals, BARC-10,
// supervision and reviews, check-ins.
#include "peerlog/assessment.hpp"
#include "peerlog/checkin.hpp"
#include "peerlog/error.hpp"
#include "peerlog/goal.hpp"
#include "peerlog/group.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/referral.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/supervision.hpp"
#include "test_journal.hpp"

#include <doctest/doctest.h>

using namespace peerlog;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
const Date k_today = ymd(2026, 11, 18);

ErrorKind failure_of(auto&& call) {
    try {
        call();
    } catch (const Error& error) {
        return error.kind();
    }
    FAIL("no error");
    return ErrorKind::usage;
}

std::string message_of(auto&& call) {
    try {
        call();
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

struct Fixture {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "j.db", OpenMode::write);

    Fixture() {
        for (const char* code : {"P1", "P2", "P3"}) {
            Peer peer;
            peer.code = code;
            peer.since = ymd(2026, 10, 1);
            add_peer(journal, peer);
        }
        add_group(journal, {0, "Circle", "Tue 18:00"});
    }

    Session group_session(Date date, int minutes, std::vector<std::string> attendees, int unnamed) {
        Session session;
        session.group = "Circle";
        session.date = date;
        session.minutes = minutes;
        session.support = SupportSet::parse("affiliational");
        session.attendees = std::move(attendees);
        session.unnamed = unnamed;
        return session;
    }
};

} // namespace

TEST_CASE("a group session stores its attendees and unnamed count with no peer") {
    Fixture f;
    auto id = add_session(f.journal, f.group_session(k_today, 90, {"P2", "P1"}, 3), k_today);
    Session stored = get_session(f.journal, id);
    CHECK(stored.peer_code.empty());
    CHECK(stored.group == "Circle");
    CHECK(stored.attendees == std::vector<std::string>{"P1", "P2"});
    CHECK(stored.unnamed == 3);
}

TEST_CASE("group minutes count once per attendee on each peer's record") {
    Fixture f;
    add_session(f.journal, f.group_session(k_today, 90, {"P1", "P2"}, 0), k_today);
    auto p1 = peer_overview(f.journal, "P1");
    auto p3 = peer_overview(f.journal, "P3");
    CHECK(p1.sessions == 1);
    CHECK(p1.minutes == 90);
    CHECK(p1.last_contact == k_today);
    CHECK(p3.sessions == 0);
    SessionFilter filter;
    filter.peer_code = "P2";
    CHECK(list_sessions(f.journal, filter).size() == 1);
    auto group = group_overview(f.journal, "circle");
    CHECK(group.sessions == 1);
    CHECK(group.minutes == 90);
    CHECK(group.attendances == 2);
}

TEST_CASE("forgetting an attendee keeps a group session's headcount: they count as unnamed") {
    Fixture f;
    auto id = add_session(f.journal, f.group_session(k_today, 90, {"P1", "P2"}, 3), k_today);
    add_session(f.journal, f.group_session(k_today, 60, {"P2"}, 0), k_today);
    auto before = group_overview(f.journal, "Circle");
    CHECK(before.attendances == 3);
    CHECK(before.unnamed == 3);
    ForgetResult would = preview_forget(f.journal, "P1");
    ForgetResult forgotten = forget_peer(f.journal, "P1");
    CHECK(forgotten.group_sessions == 1);
    CHECK(describe(forgotten) == describe(would));
    CHECK(describe(forgotten).find("removed from 1 group session (now counted there as "
                                   "unnamed);") != std::string::npos);
    Session stored = get_session(f.journal, id);
    CHECK(stored.attendees == std::vector<std::string>{"P2"});
    CHECK(stored.unnamed == 4); // 5 came, and still 5 are counted
    auto after = group_overview(f.journal, "Circle");
    CHECK(after.sessions == before.sessions);
    CHECK(after.minutes == before.minutes);
    CHECK(after.attendances + after.unnamed == before.attendances + before.unnamed);
    CHECK(after.unnamed == 4);
    CHECK(peer_overview(f.journal, "P2").minutes == 150); // the other attendee's hours stay
    // A peer at no group session: no word about unnamed attendees.
    CHECK(describe(forget_peer(f.journal, "P3")).find("unnamed") == std::string::npos);
}

TEST_CASE("forgetting an attendee of a group session at 10000 unnamed keeps it at the limit") {
    Fixture f;
    auto id = add_session(f.journal, f.group_session(k_today, 90, {"P1", "P2"}, 10000), k_today);
    CHECK(forget_peer(f.journal, "P1").group_sessions == 1); // not refused by the schema's CHECK
    CHECK(get_session(f.journal, id).unnamed == 10000);
    close_peer(f.journal, "P2", k_today);
    PurgeCutoffs cutoffs;
    cutoffs.closed_before = ymd(2026, 11, 19);
    CHECK(purge_closed_before(f.journal, cutoffs, {"P2"}).peers.size() == 1);
    Session stored = get_session(f.journal, id);
    CHECK(stored.attendees.empty());
    CHECK(stored.unnamed == 10000);
}

TEST_CASE("a group session needs someone present and a known group") {
    Fixture f;
    CHECK(failure_of([&] {
              add_session(f.journal, f.group_session(k_today, 60, {}, 0), k_today);
          }) == ErrorKind::invalid_data);
    Session unknown = f.group_session(k_today, 60, {"P1"}, 0);
    unknown.group = "Nope";
    CHECK(failure_of([&] { add_session(f.journal, unknown, k_today); }) == ErrorKind::not_found);
    Session both = f.group_session(k_today, 60, {"P1"}, 0);
    both.peer_code = "P1";
    CHECK(failure_of([&] { add_session(f.journal, both, k_today); }) == ErrorKind::invalid_data);
}

TEST_CASE("a group session names each attendee once (codes in any case)") {
    Fixture f;
    try {
        add_session(f.journal, f.group_session(k_today, 60, {"P1", "P2", "p1"}, 0), k_today);
        FAIL("a peer named twice was accepted");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::invalid_data);
        CHECK(std::string(error.what()).find("p1 is named twice in --attendee") !=
              std::string::npos);
    }
    CHECK(list_sessions(f.journal, {}).empty());
}

TEST_CASE("a duplicate group name is a conflict") {
    Fixture f;
    CHECK(failure_of([&] { add_group(f.journal, {0, "CIRCLE", ""}); }) == ErrorKind::conflict);
}

TEST_CASE("a name of spaces alone is refused: a group, a reviewer") {
    Fixture f;
    CHECK(failure_of([&] { add_group(f.journal, {0, "   ", ""}); }) == ErrorKind::invalid_data);
    auto id = add_session(f.journal, f.group_session(k_today, 60, {"P1"}, 0), k_today);
    CHECK(failure_of([&] {
              review_sessions(f.journal, {id}, {"  ", k_today, ""});
          }) == ErrorKind::invalid_data);
    CHECK_FALSE(get_session(f.journal, id).reviewed);
}

TEST_CASE("goals are added, listed per peer, linked to sessions and change status") {
    Fixture f;
    Goal goal;
    goal.peer_code = "P1";
    goal.domain = parse_goal_domain("recovery-community");
    goal.text = "go to a meeting weekly";
    goal.opened_on = goal.status_on = ymd(2026, 11, 1);
    auto id = add_goal(f.journal, goal, k_today);
    CHECK(list_goals(f.journal, std::string("P1")).size() == 1);
    CHECK(list_goals(f.journal, std::string("P2")).empty());
    Session session = f.group_session(k_today, 60, {"P1"}, 0);
    session.goals = {id};
    auto session_id = add_session(f.journal, session, k_today);
    CHECK(get_session(f.journal, session_id).goals == std::vector<std::int64_t>{id});
    Session not_theirs = f.group_session(k_today, 60, {"P2"}, 0);
    not_theirs.goals = {id};
    CHECK(failure_of([&] { add_session(f.journal, not_theirs, k_today); }) == ErrorKind::conflict);
    Goal done = set_goal_status(f.journal, id, GoalStatus::achieved, k_today, k_today);
    CHECK(done.status == GoalStatus::achieved);
    CHECK(done.status_on == k_today);
    CHECK(failure_of([&] { set_goal_status(f.journal, 99, GoalStatus::open, k_today, k_today); }) ==
          ErrorKind::not_found);
    CHECK(failure_of([] { parse_goal_domain("money"); }) == ErrorKind::invalid_data);
}

TEST_CASE("a goal's status date can be neither in the future nor before it was opened") {
    Fixture f;
    Goal goal;
    goal.peer_code = "P1";
    goal.domain = GoalDomain::housing;
    goal.text = "a flat";
    goal.opened_on = goal.status_on = ymd(2026, 11, 1);
    auto id = add_goal(f.journal, goal, k_today);
    auto message_of = [&](Date on) {
        try {
            set_goal_status(f.journal, id, GoalStatus::achieved, on, k_today);
        } catch (const Error& error) {
            CHECK(error.kind() == ErrorKind::invalid_data);
            return std::string(error.what());
        }
        return std::string();
    };
    CHECK(message_of(ymd(2027, 1, 1)) ==
          "the status date 2027-01-01 is in the future (today is 2026-11-18): give the day the "
          "status changed.");
    CHECK(message_of(ymd(2026, 10, 31)) == "the status date 2026-10-31 is before goal 1 was "
                                           "opened (2026-11-01): give a day on or after it.");
    CHECK(list_goals(f.journal, std::string("P1"))[0].status == GoalStatus::open);
    CHECK(set_goal_status(f.journal, id, GoalStatus::achieved, ymd(2026, 11, 1), k_today).status ==
          GoalStatus::achieved);
}

TEST_CASE("referrals name a known peer and resource and track their status") {
    Fixture f;
    add_resource(f.journal, {0, "Harbor House", "housing", "555-0100"});
    CHECK(failure_of([&] {
              add_resource(f.journal, {0, "harbor house", "housing", ""});
          }) == ErrorKind::conflict);
    Referral referral{
        0, "P1", "HARBOR HOUSE", ymd(2026, 11, 2), ReferralStatus::made, ymd(2026, 11, 2)};
    auto id = add_referral(f.journal, referral, k_today);
    Referral nowhere = referral;
    nowhere.resource = "Nowhere";
    CHECK(failure_of([&] { add_referral(f.journal, nowhere, k_today); }) == ErrorKind::not_found);
    set_referral_status(f.journal, id, ReferralStatus::completed, k_today);
    auto stored = list_referrals(f.journal, std::string("P1"));
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].resource == "Harbor House");
    CHECK(stored[0].status == ReferralStatus::completed);
}

TEST_CASE("a BARC-10 needs exactly ten items scored 1 to 6") {
    auto items = parse_barc10("4,5,3,4,5,4,3,6,5,4");
    CHECK(items[7] == 6);
    CHECK(message_of([] { parse_barc10("4,5,3,4,5,4,3,6,5"); }).find("exactly 10") !=
          std::string::npos);
    CHECK(message_of([] { parse_barc10("4,5,3,4,5,4,3,6,5,7"); }).find("item 10 is '7'") !=
          std::string::npos);
    CHECK(failure_of([] { parse_barc10("4,5,3,4,5,4,3,6,5,0"); }) == ErrorKind::invalid_data);
    CHECK(failure_of([] { parse_barc10("4,5,3,4,5,4,3,6,5,x"); }) == ErrorKind::invalid_data);
    CHECK(failure_of([] { parse_barc10("4,5,3,4,5,4,3,6,5,4,4"); }) == ErrorKind::invalid_data);
    CHECK(barc10_item_wording()[0].find("more important things") != std::string_view::npos);
}

TEST_CASE("BARC-10s are stored per peer in date order with their totals") {
    Fixture f;
    Assessment later{0, "P1", ymd(2026, 11, 10), parse_barc10("5,5,5,5,5,5,5,5,5,5")};
    Assessment first{0, "P1", ymd(2026, 10, 1), parse_barc10("4,5,3,4,5,4,3,6,5,4")};
    add_assessment(f.journal, later, k_today);
    add_assessment(f.journal, first, k_today);
    auto stored = list_assessments(f.journal, "P1");
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].total() == 43);
    CHECK(stored[1].total() == 50);
    Assessment future = first;
    future.date = ymd(2026, 12, 1);
    CHECK(failure_of([&] { add_assessment(f.journal, future, k_today); }) ==
          ErrorKind::invalid_data);
}

TEST_CASE("session reviews are all or nothing and empty the review queue") {
    Fixture f;
    auto a = add_session(f.journal, f.group_session(k_today, 60, {"P1"}, 0), k_today);
    auto b = add_session(f.journal, f.group_session(k_today, 30, {"P2"}, 0), k_today);
    CHECK(failure_of([&] {
              review_sessions(f.journal, {a, 999}, {"Dr Lee", k_today, ""});
          }) == ErrorKind::not_found);
    SessionFilter queue;
    queue.unreviewed_only = true;
    CHECK(list_sessions(f.journal, queue).size() == 2);
    review_sessions(f.journal, {a}, {"Dr Lee", k_today, "fine"});
    auto left = list_sessions(f.journal, queue);
    REQUIRE(left.size() == 1);
    CHECK(left[0].id == b);
    CHECK(get_session(f.journal, a).reviewed);
}

TEST_CASE("supervision meetings are validated and listed by period") {
    Fixture f;
    add_supervision(f.journal, {0, ymd(2026, 11, 10), 60, "Dr Lee", SupervisionFormat::group, ""},
                    k_today);
    add_supervision(f.journal, {0, ymd(2026, 10, 10), 30, "Dr Lee", {}, ""}, k_today);
    CHECK(list_supervision(f.journal, std::nullopt).size() == 2);
    CHECK(list_supervision(f.journal, period_between(ymd(2026, 11, 1), ymd(2026, 11, 30))).size() ==
          1);
    CHECK(failure_of([&] {
              add_supervision(f.journal, {0, k_today, 60, "", {}, ""}, k_today);
          }) == ErrorKind::invalid_data);
}

TEST_CASE("check-ins keep their note private and reports see only shared ones") {
    Fixture f;
    add_checkin(f.journal, {0, ymd(2026, 11, 16), 4, 2, true, "rough", true}, k_today);
    add_checkin(f.journal, {0, ymd(2026, 11, 17), 2, 4, false, "private", false}, k_today);
    CHECK(list_checkins(f.journal, std::nullopt, false).size() == 2);
    auto shared = list_checkins(f.journal, std::nullopt, true);
    REQUIRE(shared.size() == 1);
    CHECK(shared[0].note.empty());
    CHECK(failure_of([&] {
              add_checkin(f.journal, {0, k_today, 6, 2, false, "", false}, k_today);
          }) == ErrorKind::invalid_data);
}
