// Unit tests of small-cell suppression.
#include "peerlog/error.hpp"
#include "peerlog/suppression.hpp"

#include <doctest/doctest.h>

using namespace peerlog;

namespace {
PeriodSummary summary_with(long long in_person, long long phone, long long video) {
    PeriodSummary s;
    auto& t = s.totals;
    t.by_modality[static_cast<std::size_t>(Modality::in_person)] = {in_person, in_person * 30};
    t.by_modality[static_cast<std::size_t>(Modality::phone)] = {phone, phone * 30};
    t.by_modality[static_cast<std::size_t>(Modality::video)] = {video, video * 30};
    t.sessions = in_person + phone + video;
    t.minutes = t.sessions * 30;
    t.by_support[0] = {t.sessions, t.minutes};
    t.distinct_peers = 4;
    s.caseload.active_peers = 20;
    s.sessions.resize(3);
    return s;
}
const std::string k_video = "totals.by_modality.video.sessions";
const std::string k_phone = "totals.by_modality.phone.sessions";
const std::string k_in_person = "totals.by_modality.in-person.sessions";
} // namespace

TEST_CASE("counts from 1 to N-1 are hidden as <N; zero and N stay") {
    auto s = summary_with(40, 11, 0);
    s.totals.new_peers = 10;
    suppress_small_cells(s, 11);
    CHECK(shown_count(s, "totals.distinct_peers", 4) == "<11");
    CHECK(shown_count(s, "totals.new_peers", 10) == "<11");
    CHECK(shown_count(s, k_phone, 11) == "11");
    CHECK(shown_count(s, "totals.by_modality.video.sessions", 0) == "0");
    CHECK(shown_count(s, "caseload.active_peers", 20) == "20");
}

TEST_CASE("one hidden cell of a group hides the next smallest, so the total gives nothing away") {
    auto s = summary_with(40, 25, 3); // total 68 shown; video 3 hidden
    suppress_small_cells(s, 11);
    CHECK(is_suppressed(s, k_video));
    CHECK(is_suppressed(s, k_phone)); // 68 - 40 - phone would give video back
    CHECK_FALSE(is_suppressed(s, k_in_person));
    CHECK(shown_count(s, k_video, 3) == "<11");
    CHECK(shown_count(s, k_phone, 25) == "suppressed"); // never claims to be below 11
    CHECK(is_suppressed(s, "totals.by_modality.phone.minutes"));
}

TEST_CASE("two hidden cells need no complementary one; a hidden total needs none either") {
    auto two = summary_with(40, 2, 3);
    suppress_small_cells(two, 11);
    CHECK_FALSE(is_suppressed(two, k_in_person));
    auto small = summary_with(0, 0, 5);
    suppress_small_cells(small, 11);
    CHECK(is_suppressed(small, "totals.sessions"));
    CHECK(is_suppressed(small, "totals.minutes"));
}

TEST_CASE("suppression drops per-session rows and refuses a threshold below 2") {
    auto s = summary_with(40, 25, 3);
    suppress_small_cells(s, 11);
    CHECK(s.sessions.empty());
    CHECK(s.suppressed_below == 11);
    auto t = summary_with(1, 1, 1);
    CHECK_THROWS_AS(suppress_small_cells(t, 1), Error);
}

namespace {
TeamMember member(const std::string& name, long long sessions, long long peers) {
    TeamMember m;
    m.specialist = name;
    m.sessions = sessions;
    m.minutes = sessions * 60;
    m.distinct_peers = peers;
    return m;
}

TeamReport team_of(std::vector<TeamMember> members) {
    TeamReport report;
    report.totals.specialist = "all";
    for (const auto& m : members) {
        report.totals.sessions += m.sessions;
        report.totals.minutes += m.minutes;
        report.totals.distinct_peers += m.distinct_peers;
    }
    report.members = std::move(members);
    return report;
}
} // namespace

TEST_CASE("team suppression hides small cells and one more so the total cannot give them away") {
    auto report = team_of({member("Ana", 5, 3), member("Ben", 30, 12), member("Cai", 40, 0)});
    suppress_small_cells(report, 11);
    const auto& ana = report.members[0];
    const auto& ben = report.members[1];
    const auto& cai = report.members[2];
    CHECK(shown_count(report, ana, "sessions", ana.sessions) == "<11");
    CHECK(shown_count(report, ana, "minutes", ana.minutes) == "suppressed");
    // Ana's 5 = 75 - 30 - 40 if Ben's 30 showed: the smaller of the others is hidden with it.
    CHECK(shown_count(report, ben, "sessions", ben.sessions) == "suppressed");
    CHECK(shown_count(report, cai, "sessions", cai.sessions) == "40");
    CHECK(shown_count(report, report.totals, "sessions", 75) == "75");
    // Peers: Ana's 3 hidden; Cai's 0 says nothing, so Ben's 12 is the complement.
    CHECK(shown_count(report, ana, "distinct_peers", 3) == "<11");
    CHECK(shown_count(report, ben, "distinct_peers", 12) == "suppressed");
    CHECK(shown_count(report, cai, "distinct_peers", 0) == "0");
}

TEST_CASE("team suppression hides the total when no other cell can protect a hidden one") {
    auto report = team_of({member("Ana", 4, 1), member("Ben", 0, 0)});
    report.totals.sessions = 14; // as if the totals counted more than the members show
    suppress_small_cells(report, 11);
    CHECK(is_suppressed(report.members[0], "sessions"));
    CHECK_FALSE(is_suppressed(report.members[1], "sessions"));
    CHECK(shown_count(report, report.totals, "sessions", 14) == "suppressed");

    auto small = team_of({member("Ana", 2, 1), member("Ben", 3, 1)});
    suppress_small_cells(small, 11);
    CHECK(shown_count(small, small.totals, "sessions", 5) == "<11");
    CHECK(shown_count(small, small.members[1], "sessions", 3) == "<11");
    CHECK_THROWS_AS(suppress_small_cells(small, 1), Error);
}
