// Unit tests of reading an export file's figures for `report team`.
#include "export_figures.hpp"
#include "peerlog/error.hpp"
#include "test_journal.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>

using namespace peerlog;
using peerlog::testing::failure_of;
using peerlog::testing::TempDir;

namespace {

// A complete export of one week: a one-on-one session and a group session.
constexpr const char* k_export = R"({
  "schema_version": 1, "kind": "peerlog.export", "specialist": "Ana",
  "period": {"week": "2026-W47", "from": "2026-11-16", "to": "2026-11-22"},
  "totals": {"sessions": 2, "minutes": 90, "distinct_peers": 2, "new_peers": 1,
    "by_support": {"emotional": {"sessions": 1, "minutes": 30},
                   "informational": {"sessions": 0, "minutes": 0},
                   "instrumental": {"sessions": 0, "minutes": 0},
                   "affiliational": {"sessions": 1, "minutes": 60}}},
  "follow_ups_due": [],
  "sessions": [
    {"id": 1, "minutes": 30, "peer": "P1", "group": null, "attendees": [], "unnamed": 0,
     "support": ["emotional"]},
    {"id": 2, "minutes": 60, "peer": null, "group": "Tuesday circle", "attendees": ["P1", "P2"],
     "unnamed": 3, "support": ["affiliational"]}]})";

std::filesystem::path written(const TempDir& dir, const std::string& text) {
    auto path = dir.path() / "export.json";
    std::ofstream(path) << text;
    return path;
}

// The error message reading `text` gives, or "" when it reads.
std::string error_of(const std::string& text) {
    TempDir dir;
    try {
        read_export_figures(written(dir, text));
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    return text.replace(text.find(from), from.size(), to);
}

} // namespace

TEST_CASE("an export's figures are read as they stream past") {
    TempDir dir;
    auto figures = read_export_figures(written(dir, k_export));
    CHECK(figures.specialist == "Ana");
    CHECK(figures.from == testing::ymd(2026, 11, 16));
    CHECK(figures.to == testing::ymd(2026, 11, 22));
    CHECK(figures.sessions == 2);
    CHECK(figures.minutes == 90);
    CHECK(figures.new_peers == 1);
    CHECK(figures.minutes_by_support == std::array<long long, 4>{30, 0, 0, 60});
    CHECK(figures.group_sessions == 1);
    CHECK(figures.group_minutes == 60);
    CHECK(figures.peers == std::vector<std::string>{"P1", "P1", "P2"});
}

TEST_CASE("an export without a specialist counts under its directory's name") {
    TempDir dir;
    auto figures = read_export_figures(
        written(dir, replaced(k_export, R"("specialist": "Ana")", R"("specialist": "")")));
    CHECK(figures.specialist == "(" + dir.path().filename().string() + ")");
}

TEST_CASE("a file that is not a readable export is refused, naming what is wrong") {
    CHECK(error_of("not json").find("is not JSON") != std::string::npos);
    CHECK(error_of("[1, 2]").find("is JSON, but an array, not an export object") !=
          std::string::npos);
    CHECK(error_of("[]").find("is JSON, but an array, not an export object") != std::string::npos);
    CHECK(error_of("\"peerlog\"").find("is JSON, but a string") != std::string::npos);
    CHECK(error_of("[1, 2").find("is not JSON") != std::string::npos);
    CHECK(error_of(R"({"kind": "peerlog.export"})").find("has no schema_version") !=
          std::string::npos);
    CHECK(error_of(replaced(k_export, R"("schema_version": 1)", R"("schema_version": 2)"))
              .find("has schema_version 2") != std::string::npos);
    CHECK(error_of(replaced(k_export, "peerlog.export", "peerlog.report.summary"))
              .find("is not a peerlog export") != std::string::npos);
    CHECK(error_of(replaced(k_export, R"("minutes": 90)", R"("minutes": "<11")"))
              .find("out of range (totals.minutes)") != std::string::npos);
    CHECK(error_of(replaced(k_export, R"("minutes": 90)", R"("minutes": -90)"))
              .find("(totals.minutes)") != std::string::npos);
    CHECK(error_of(replaced(k_export, R"("sessions": 2,)", R"("sessions": 18446744073709551615,)"))
              .find("(totals.sessions)") != std::string::npos);
    CHECK(error_of(replaced(k_export, R"("new_peers": 1,)", "")).find("(totals.new_peers)") !=
          std::string::npos);
    CHECK(error_of(replaced(k_export, R"("id": 1, "minutes": 30)", R"("id": 1, "minutes": 1.5)"))
              .find("(sessions[].minutes)") != std::string::npos);
    CHECK(error_of(replaced(k_export, R"("follow_ups_due": [],)",
                            R"("follow_ups_due": [], "suppressed_below": 11,)"))
              .find("--suppress-below") != std::string::npos);
    CHECK(error_of(replaced(k_export, R"(,
     "support": ["emotional"])",
                            ""))
              .find("(sessions[].support)") != std::string::npos);
    TempDir dir;
    CHECK(failure_of([&] { read_export_figures(dir.path() / "missing.json"); }) == ErrorKind::io);
}

TEST_CASE("an export whose totals disagree with its session rows is refused, naming the figure") {
    CHECK(error_of(replaced(k_export, R"("minutes": 90)", R"("minutes": 999)"))
              .find("export.json: totals.minutes is 999 but its session rows add up to 90 "
                    "minutes; the file was changed or damaged: export it again") !=
          std::string::npos);
    CHECK(error_of(replaced(k_export, R"("sessions": 2,)", R"("sessions": 3,)"))
              .find("totals.sessions is 3 but its session rows add up to 2 sessions") !=
          std::string::npos);
    CHECK(error_of(replaced(k_export, R"("emotional": {"sessions": 1, "minutes": 30})",
                            R"("emotional": {"sessions": 1, "minutes": 40})"))
              .find("totals.by_support.emotional.minutes is 40 but its session rows add up to 30 "
                    "minutes of emotional support") != std::string::npos);
    CHECK(failure_of([] {
              parse_export_figures(replaced(k_export, R"("minutes": 90)", R"("minutes": 999)"), "-",
                                   "(stdin)");
          }) == ErrorKind::invalid_data);
}

TEST_CASE("a session of several kinds counts in full under each, and split evenly for charts") {
    std::string text = replaced(k_export, R"("support": ["emotional"]})",
                                R"("support": ["emotional", "instrumental"]})");
    text = replaced(text, R"("instrumental": {"sessions": 0, "minutes": 0})",
                    R"("instrumental": {"sessions": 1, "minutes": 30})");
    auto figures = parse_export_figures(text, "-", "(stdin)");
    CHECK(figures.minutes_by_support == std::array<long long, 4>{30, 0, 30, 60});
    CHECK(figures.split_minutes_by_support == std::array<long long, 4>{15, 0, 15, 60});
    CHECK_FALSE(figures.unnamed);
    auto unnamed = parse_export_figures(
        replaced(text, R"("specialist": "Ana")", R"("specialist": "")"), "-", "(stdin)");
    CHECK(unnamed.specialist == "(stdin)");
    CHECK(unnamed.unnamed);
}

TEST_CASE("team load keeps an export's de-identified session rows, and only when asked") {
    std::string text = replaced(k_export, R"({"id": 1, "minutes": 30,)",
                                R"({"id": 1, "date": "2026-11-17", "start": "14:05", "minutes": 30,
     "modality": "phone", "setting": "community", "self_disclosure": true,
     "follow_up": "2026-11-24",)");
    auto dropped = parse_export_figures(text, "-", "(stdin)");
    CHECK(dropped.rows.empty());
    auto kept = parse_export_figures(text, "-", "(stdin)", SessionRows::keep);
    REQUIRE(kept.rows.size() == 2);
    const ExportSession& one = kept.rows[0];
    CHECK(one.id == 1);
    CHECK(one.date == testing::ymd(2026, 11, 17));
    CHECK(one.start == TimeOfDay{14 * 60 + 5});
    CHECK(one.minutes == 30);
    CHECK(one.peer == "P1");
    CHECK(one.group.empty());
    CHECK(one.support == 1U);
    CHECK(one.modality == "phone");
    CHECK(one.setting == "community");
    CHECK(one.self_disclosure);
    CHECK(one.follow_up == testing::ymd(2026, 11, 24));
    const ExportSession& group = kept.rows[1];
    CHECK(group.group == "Tuesday circle");
    CHECK(group.peer.empty());
    CHECK(group.attendees == std::vector<std::string>{"P1", "P2"});
    CHECK(group.unnamed == 3);
    CHECK_FALSE(group.date);
    CHECK_FALSE(group.start);
    CHECK(kept.week == "2026-W47");
}

TEST_CASE("a session row's date, start or follow-up that is not one stops the export") {
    auto with = [](const std::string& fields) {
        return replaced(k_export, R"({"id": 1, "minutes": 30,)",
                        R"({"id": 1, )" + fields + R"(, "minutes": 30,)");
    };
    CHECK(error_of(with(R"("date": "2026-11-31")")).find("(sessions[].date)") != std::string::npos);
    CHECK(error_of(with(R"("date": "yesterday")")).find("(sessions[].date)") != std::string::npos);
    CHECK(error_of(with(R"("date": 20261117)")).find("(sessions[].date)") != std::string::npos);
    CHECK(error_of(with(R"("start": "25:00")")).find("(sessions[].start)") != std::string::npos);
    CHECK(error_of(with(R"("follow_up": "soon")")).find("(sessions[].follow_up)") !=
          std::string::npos);
    CHECK(error_of(with(R"("start": null, "follow_up": null, "date": "2026-11-17")")).empty());
}

TEST_CASE("an export's fingerprint tells copies from other exports, the same on every machine") {
    auto figures = parse_export_figures(k_export, "-", "(stdin)");
    auto same = parse_export_figures(replaced(k_export, R"("id": 1,)", R"("id": 7,)"), "-", "x");
    CHECK(figures_fingerprint(figures) == figures_fingerprint(same));
    std::string hex;
    for (unsigned char byte : figures_fingerprint(figures)) {
        hex += fmt::format("{:02x}", byte);
    }
    // A database keeps it, so it must never move: BLAKE2b-128 of the figures and each peer code
    // with its length, "2 90 1 60 30 0 0 60 2:P1 2:P1 2:P2" (Python's hashlib agrees).
    CHECK(hex == "62960efe0fd56d1ec656fc4bea75d38a");
    auto other = figures;
    other.new_peers = 2;
    CHECK(figures_fingerprint(other) != figures_fingerprint(figures));
    // One code "P1,P2" is not the codes P1 and P2.
    auto one = figures, two = figures;
    one.peers = {"P1,P2"};
    two.peers = {"P1", "P2"};
    CHECK(figures_fingerprint(one) != figures_fingerprint(two));
}
