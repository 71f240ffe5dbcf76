// `report team` checked against hand-computed figures: two specialists, three weekly exports.
#include "peerlog/error.hpp"
#include "peerlog/team_report.hpp"
#include "test_journal.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace peerlog;
using nlohmann::json;
using peerlog::testing::failure_of;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {

struct Row {
    int minutes;
    std::string peer;  ///< empty for a group session
    std::string group; ///< empty for a one-on-one session
    std::vector<std::string> attendees;
    std::vector<std::string> support;
};

// An export as `peerlog export --format json` writes it, its totals added up from `rows`.
json export_of(const std::string& specialist, const std::string& week, const std::string& from,
               const std::string& to, long long new_peers, const std::vector<Row>& rows) {
    json by_support = json::object();
    for (const char* kind : {"emotional", "informational", "instrumental", "affiliational"}) {
        by_support[kind] = {{"sessions", 0}, {"minutes", 0}};
    }
    json sessions = json::array();
    long long minutes = 0;
    int id = 0;
    for (const auto& row : rows) {
        minutes += row.minutes;
        for (const auto& kind : row.support) {
            by_support[kind]["sessions"] = by_support[kind]["sessions"].get<int>() + 1;
            by_support[kind]["minutes"] = by_support[kind]["minutes"].get<int>() + row.minutes;
        }
        sessions.push_back({{"id", ++id},
                            {"minutes", row.minutes},
                            {"peer", row.peer.empty() ? json() : json(row.peer)},
                            {"group", row.group.empty() ? json() : json(row.group)},
                            {"attendees", row.attendees},
                            {"unnamed", 0},
                            {"support", row.support}});
    }
    return {{"schema_version", 1},
            {"kind", "peerlog.export"},
            {"specialist", specialist},
            {"period", {{"week", week}, {"from", from}, {"to", to}}},
            {"totals",
             {{"sessions", rows.size()},
              {"minutes", minutes},
              {"distinct_peers", 0},
              {"new_peers", new_peers},
              {"by_support", by_support}}},
            {"follow_ups_due", json::array()},
            {"sessions", sessions}};
}

std::filesystem::path written(const std::filesystem::path& path, const json& value) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << value.dump(2);
    return path;
}

// Ana: W47 (a 60-minute session of three kinds with P1, a 90-minute group with P1 and P2) and
// W49 (30 minutes with P3; Monday 2026-11-30, Thursday 2026-12-03). Ben: W48 (45 minutes
// informational, 15 minutes emotional and informational, both with Q1).
struct Team {
    TempDir dir;
    std::filesystem::path ana47 =
        written(dir.path() / "ana-w47.json",
                export_of("Ana", "2026-W47", "2026-11-16", "2026-11-22", 1,
                          {{60, "P1", "", {}, {"emotional", "informational", "instrumental"}},
                           {90, "", "Circle", {"P1", "P2"}, {"affiliational"}}}));
    std::filesystem::path ana49 = written(dir.path() / "ana-w49.json",
                                          export_of("Ana", "2026-W49", "2026-11-30", "2026-12-06",
                                                    1, {{30, "P3", "", {}, {"emotional"}}}));
    std::filesystem::path ben48 =
        written(dir.path() / "ben-w48.json",
                export_of("Ben", "2026-W48", "2026-11-23", "2026-11-29", 0,
                          {{45, "Q1", "", {}, {"informational"}},
                           {15, "Q1", "", {}, {"emotional", "informational"}}}));
    std::vector<std::filesystem::path> all{ana47, ana49, ben48};
};

} // namespace

TEST_CASE("report team adds up each specialist's exports and the team's totals") {
    Team team;
    auto report = build_team_report(team.all);
    REQUIRE(report.members.size() == 2);
    const TeamMember& ana = report.members[0];
    CHECK(ana.specialist == "Ana");
    CHECK(ana.files == 2);
    CHECK(ana.from == ymd(2026, 11, 16));
    CHECK(ana.to == ymd(2026, 12, 6));
    CHECK(ana.sessions == 3);
    CHECK(ana.minutes == 180); // 60 + 90 + 30
    CHECK(ana.group_sessions == 1);
    CHECK(ana.group_minutes == 90);
    CHECK(ana.distinct_peers == 3); // P1, P2, P3
    CHECK(ana.new_peers == 2);
    // In full under each kind: emotional 60 + 30, informational 60, instrumental 60, group 90.
    CHECK(ana.minutes_by_support == std::array<long long, 4>{90, 60, 60, 90});
    // Split: the 60 minutes of three kinds are 20 each; emotional 20 + 30.
    CHECK(ana.split_minutes_by_support == std::array<long long, 4>{50, 20, 20, 90});
    const TeamMember& ben = report.members[1];
    CHECK(ben.sessions == 2);
    CHECK(ben.minutes == 60);
    CHECK(ben.distinct_peers == 1);
    CHECK(ben.minutes_by_support == std::array<long long, 4>{15, 60, 0, 0});
    // 15 minutes over two kinds: 7 each, and the first kind (emotional) takes the 1 left over.
    CHECK(ben.split_minutes_by_support == std::array<long long, 4>{8, 52, 0, 0});
    const TeamMember& t = report.totals;
    CHECK(t.specialist == "all");
    CHECK(t.files == 3);
    CHECK(t.sessions == 5);
    CHECK(t.minutes == 240);
    CHECK(t.group_minutes == 90);
    CHECK(t.distinct_peers == 4); // each specialist's own pseudonyms, summed
    CHECK(t.new_peers == 2);
    CHECK(t.split_minutes_by_support == std::array<long long, 4>{58, 72, 20, 90});
    CHECK_FALSE(report.period);
    CHECK(team_report_warnings(report).empty());
}

TEST_CASE("report team over a period counts each export in the period holding its middle day") {
    Team team;
    TeamOptions november;
    november.period = period_between(ymd(2026, 11, 1), ymd(2026, 11, 30));
    auto report = build_team_report(team.all, november);
    // W49 runs 2026-11-30 to 2026-12-06: its Thursday is in December, so November leaves it out.
    CHECK(report.files_outside == 1);
    CHECK(report.files_straddling == 0);
    CHECK(report.totals.files == 2);
    CHECK(report.totals.sessions == 4);
    CHECK(report.totals.minutes == 210); // 150 + 60
    CHECK(report.members[0].to == ymd(2026, 11, 22));
    auto warnings = team_report_warnings(report);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "An export counts toward the period that holds its middle day (an ISO "
                         "week: its Thursday): 1 file outside 2026-11 (2026-11-01 to 2026-11-30) "
                         "left out, 0 files reaching past its edge counted whole.");

    TeamOptions december;
    december.period = period_between(ymd(2026, 12, 1), ymd(2026, 12, 31));
    auto next = build_team_report(team.all, december);
    CHECK(next.files_outside == 2);
    CHECK(next.files_straddling == 1); // W49, counted whole in December
    REQUIRE(next.members.size() == 1);
    CHECK(next.totals.minutes == 30);
    CHECK(team_report_warnings(next).size() == 1); // one sentence on what counted
    // November and December together count every file once.
    CHECK(report.totals.minutes + next.totals.minutes == 240);
    std::ostringstream text;
    write_team_report(text, next, OutputFormat::table, {});
    CHECK(text.str().find("Team report: 2026-12 (2026-12-01 to 2026-12-31)") == 0);
    CHECK(text.str().find("2 files outside 2026-12 (2026-12-01 to 2026-12-31) left out, 1 file "
                          "reaching past its edge counted whole") != std::string::npos);
}

TEST_CASE("report team refuses an export whose totals were changed, naming it and the figure") {
    Team team;
    json tampered =
        export_of("Ana", "2026-W47", "2026-11-16", "2026-11-22", 1,
                  {{60, "P1", "", {}, {"emotional"}}, {90, "P2", "", {}, {"emotional"}}});
    tampered["totals"]["minutes"] = 999;
    auto file = written(team.dir.path() / "tampered.json", tampered);
    try {
        build_team_report({team.ben48, file});
        FAIL("a tampered export was added up");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::invalid_data);
        CHECK(std::string(error.what())
                  .find("tampered.json: totals.minutes is 999 but its "
                        "session rows add up to 150 minutes") != std::string::npos);
    }
}

TEST_CASE("report team reads one export from stdin as -") {
    Team team;
    std::ifstream ben(team.ben48);
    TeamOptions options;
    options.input = &ben;
    auto report = build_team_report({"-", team.ana47}, options);
    REQUIRE(report.members.size() == 2);
    CHECK(report.members[1].specialist == "Ben");
    CHECK(report.totals.minutes == 210);
    std::istringstream empty;
    options.input = &empty;
    CHECK(failure_of([&] { build_team_report({"-", "-"}, options); }) == ErrorKind::usage);
    CHECK(failure_of([&] { build_team_report({"-"}, {}); }) == ErrorKind::usage);
    CHECK(failure_of([&] { build_team_report({"-"}, options); }) == ErrorKind::invalid_data);
}

TEST_CASE("report team groups unnamed exports by directory and says so") {
    TempDir dir;
    std::vector<std::filesystem::path> files{
        written(dir.path() / "noname" / "w47.json",
                export_of("", "2026-W47", "2026-11-16", "2026-11-22", 0,
                          {{60, "P1", "", {}, {"emotional"}}})),
        written(dir.path() / "noname" / "w48.json",
                export_of("", "2026-W48", "2026-11-23", "2026-11-29", 0,
                          {{30, "P1", "", {}, {"emotional"}}}))};
    auto report = build_team_report(files);
    REQUIRE(report.members.size() == 1);
    CHECK(report.members[0].specialist == "(noname)");
    CHECK(report.members[0].minutes == 90);
    CHECK(report.unnamed_files == 2);
    auto warnings = team_report_warnings(report);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "2 exports without a specialist name are counted under their "
                         "directory's name: (noname). Set [specialist] name in each specialist's "
                         "config so that their exports are told apart.");
}

TEST_CASE("the team html sets the totals row apart without marking it as an alert") {
    Team team;
    std::ostringstream html;
    write_team_report(html, build_team_report(team.all), OutputFormat::html, {});
    CHECK(html.str().find("<tr class=\"total\"><td>all</td>") != std::string::npos);
    CHECK(html.str().find("class=\"alert\"") == std::string::npos);
    CHECK(html.str().find("split evenly between them in this chart") != std::string::npos);
    CHECK(html.str().find("<title>Ana, emotional: 0.8333 h</title>") != std::string::npos);
    std::ostringstream text;
    write_team_report(text, build_team_report(team.all), OutputFormat::table, {});
    CHECK(text.str().find("* all") == std::string::npos);
}
