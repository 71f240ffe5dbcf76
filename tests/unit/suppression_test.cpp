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

namespace {
// A team whose peers column is `peers` (sessions 20 each, so that column hides nothing).
TeamReport peers_column(const std::vector<std::pair<std::string, long long>>& peers) {
    std::vector<TeamMember> members;
    for (const auto& [name, count] : peers) {
        members.push_back(member(name, 20, count));
    }
    return team_of(members);
}

std::vector<std::string> shown_peers(const TeamReport& report) {
    std::vector<std::string> shown;
    for (const auto& m : report.members) {
        shown.push_back(shown_count(report, m, "distinct_peers", m.distinct_peers));
    }
    shown.push_back(
        shown_count(report, report.totals, "distinct_peers", report.totals.distinct_peers));
    return shown;
}

using Shown = std::vector<std::string>;
} // namespace

TEST_CASE("two hidden cells that a total pins down: 3, <3, <3 and a total of 5") {
    // 5 - 3 = 2 over two cells of 1 or 2 makes both 1. Hiding the 3 is not enough: a
    // "suppressed" member is 3 or more, which still leaves 2 for the two. So the total goes too.
    auto report = peers_column({{"(a)", 3}, {"(c)", 1}, {"Bea", 1}});
    suppress_small_cells(report, 3);
    CHECK(shown_peers(report) == Shown{"suppressed", "<3", "<3", "suppressed"});
    CHECK(shown_count(report, report.members[0], "sessions", 20) == "20"); // its own column
}

TEST_CASE("hidden cells whose range the total leaves wide need nothing more") {
    // 13 - 10 = 3 over two cells of 1 or 2: 1+2 or 2+1, neither known.
    auto report = peers_column({{"Ana", 2}, {"Ben", 1}, {"Cai", 10}});
    suppress_small_cells(report, 3);
    CHECK(shown_peers(report) == Shown{"<3", "<3", "10", "13"});
    // 47 - 40 = 7 over two cells of 1 to 10: anything from 1 to 6 each.
    auto wide = peers_column({{"Ana", 4}, {"Ben", 3}, {"Cai", 40}});
    suppress_small_cells(wide, 11);
    CHECK(shown_peers(wide) == Shown{"<11", "<11", "40", "47"});
}

TEST_CASE("hidden cells at the top of their range are pinned too") {
    // 6 over three cells of 1 or 2: all 2. No shown cell is left to hide, so the total goes.
    auto report = peers_column({{"Ana", 2}, {"Ben", 2}, {"Cai", 2}});
    suppress_small_cells(report, 3);
    CHECK(shown_peers(report) == Shown{"<3", "<3", "<3", "suppressed"});
    // 2 + 2 + 3 = 7: with one of 1 or 2 hidden beside two, the 3 and 7 would give it away.
    auto one = peers_column({{"Ana", 2}, {"Ben", 3}, {"Cai", 30}});
    suppress_small_cells(one, 3);
    CHECK(shown_peers(one) == Shown{"<3", "suppressed", "30", "35"});
}

TEST_CASE("a hidden total of N-1 members of 1 says suppressed, not <N") {
    // "<3" beside two "<3" members would be 2, and each of them 1.
    auto report = peers_column({{"Ana", 1}, {"Ben", 1}});
    suppress_small_cells(report, 3);
    CHECK(shown_peers(report) == Shown{"<3", "<3", "suppressed"});
    auto single = peers_column({{"Ana", 1}, {"Ben", 0}}); // 1 and a total <3: 1 or 2, unknown
    suppress_small_cells(single, 3);
    CHECK(shown_peers(single) == Shown{"<3", "0", "<3"});
}

TEST_CASE("with a threshold of 2 no other cell is hidden: <2 is 1 whatever is shown") {
    auto report = peers_column({{"Ana", 1}, {"Ben", 30}});
    suppress_small_cells(report, 2);
    CHECK(shown_peers(report) == Shown{"<2", "30", "31"});
}

TEST_CASE("summary: a total hidden for the modalities is not given back by the support kinds") {
    // In person 3, phone 1, video 1 below 3: 5 - 3 pins phone and video, so in person and then
    // the total are hidden; emotional 5 (every session) would show the total, so it goes too.
    auto s = summary_with(3, 1, 1);
    suppress_small_cells(s, 3);
    CHECK(shown_count(s, k_phone, 1) == "<3");
    CHECK(shown_count(s, k_video, 1) == "<3");
    CHECK(shown_count(s, k_in_person, 3) == "suppressed");
    CHECK(shown_count(s, "totals.sessions", 5) == "suppressed");
    CHECK(is_suppressed(s, "totals.minutes"));
    CHECK(shown_count(s, "totals.by_support.emotional.sessions", 5) == "suppressed");
    CHECK(is_suppressed(s, "totals.by_support.emotional.minutes"));
}

TEST_CASE("summary: support kinds add up to the sessions or more") {
    auto s = summary_with(20, 0, 0);
    auto& by = s.totals.by_support;
    by[static_cast<std::size_t>(SupportKind::emotional)] = {20, 600};
    by[static_cast<std::size_t>(SupportKind::informational)] = {20, 600};
    by[static_cast<std::size_t>(SupportKind::affiliational)] = {3, 90};
    suppress_small_cells(s, 11);
    // Sessions of several kinds: affiliational's 3 is anything from 1 to 10 beside them.
    CHECK(shown_count(s, "totals.by_support.affiliational.sessions", 3) == "<11");
    CHECK(shown_count(s, "totals.by_support.emotional.sessions", 20) == "20");
    CHECK(shown_count(s, "totals.sessions", 20) == "20");

    auto t = summary_with(30, 0, 0);
    auto& kinds = t.totals.by_support;
    kinds[static_cast<std::size_t>(SupportKind::emotional)] = {20, 600};
    kinds[static_cast<std::size_t>(SupportKind::instrumental)] = {10, 300};
    suppress_small_cells(t, 11);
    // Every session has a kind: 30 sessions, 20 emotional leave instrumental at least 10, and
    // "<11" says at most 10.
    CHECK(shown_count(t, "totals.by_support.instrumental.sessions", 10) == "<11");
    CHECK(shown_count(t, "totals.by_support.emotional.sessions", 20) == "suppressed");
    CHECK(shown_count(t, "totals.sessions", 30) == "30");
}

TEST_CASE("a cell hidden to protect another is at most the smallest cell still shown") {
    // 5, 11, 11 and 27 below 11: with the first 11 hidden, the other 11 would cap it at 11 (it
    // was the smallest), so it is 11 and 5 = 27 - 11 - 11. Both 11s go.
    auto report = peers_column({{"Ana", 5}, {"Ben", 11}, {"Cai", 11}});
    suppress_small_cells(report, 11);
    CHECK(shown_peers(report) == Shown{"<11", "suppressed", "suppressed", "27"});
    CHECK(report.members[1].complementary.contains("distinct_peers"));
    CHECK_FALSE(report.members[0].complementary.contains("distinct_peers"));
}

TEST_CASE("summary: with nothing shown left to hide, no hidden figure keeps a range") {
    // Below 3: phone 1 and video 1 make the sessions at least 2, and emotional "<3" (every
    // session has a kind) at most 2, so both would be 1 whatever the total printed.
    auto s = summary_with(0, 1, 1);
    suppress_small_cells(s, 3);
    CHECK(shown_count(s, k_phone, 1) == "suppressed");
    CHECK(shown_count(s, k_video, 1) == "suppressed");
    CHECK(shown_count(s, "totals.sessions", 2) == "suppressed");
    CHECK(shown_count(s, "totals.by_support.emotional.sessions", 2) == "suppressed");
    CHECK(shown_count(s, "totals.by_support.emotional.minutes", 60) == "suppressed");
    // Below 4 the same figures leave each of phone and video 1 or 2: they keep "<4".
    auto wide = summary_with(0, 1, 1);
    suppress_small_cells(wide, 4);
    CHECK(shown_count(wide, k_phone, 1) == "<4");
    CHECK(shown_count(wide, "totals.sessions", 2) == "<4");
}
