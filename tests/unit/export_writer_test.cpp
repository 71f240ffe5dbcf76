// The ndjson export writes its session lines by hand, without a JSON object per row: each line
// must be byte for byte what dump_json writes for session_row_json, for any text in the row.
#include "json_codec.hpp"
#include "peerlog/export_writer.hpp"
#include "test_journal.hpp"

#include <doctest/doctest.h>
#include <sstream>
#include <string>
#include <vector>

using namespace peerlog;
using peerlog::testing::ymd;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

std::string expected_line(const SessionRow& row) {
    Json json = session_row_json(row);
    json["type"] = "session";
    return dump_json(json, -1);
}

} // namespace

TEST_CASE("ndjson session lines are what dump_json writes, for any text") {
    SessionRow one_on_one;
    one_on_one.id = 7;
    one_on_one.date = ymd(2026, 11, 10);
    one_on_one.minutes = 45;
    one_on_one.peer_code = "P0001";
    one_on_one.support = SupportSet::parse("emotional,informational");
    one_on_one.follow_up = ymd(2026, 11, 20);
    SessionRow timed = one_on_one;
    timed.id = 8;
    timed.start = TimeOfDay{9 * 60 + 30};
    timed.self_disclosure = true;
    timed.follow_up = std::nullopt;
    timed.modality = Modality::phone;
    timed.setting = Setting::community;
    SessionRow group;
    group.id = 9;
    group.date = ymd(2026, 11, 11);
    group.minutes = 90;
    group.group = "Tuesday \"circle\" \\ caf\xc3\xa9 \x01 \x7f \xc2\x85 \xe2\x80\xae \xff";
    group.attendees = {"A1", "b\xc3\xa9", "C\"3"};
    group.unnamed = 3;
    group.support = SupportSet::parse("affiliational");
    SessionRow empty_group = group;
    empty_group.id = 10;
    empty_group.group = "Group";
    empty_group.attendees = {};

    PeriodSummary summary;
    summary.period = {ymd(2026, 11, 9), ymd(2026, 11, 15), std::nullopt};
    summary.sessions = {one_on_one, timed, group, empty_group};
    std::ostringstream out;
    write_export(out, summary, OutputFormat::ndjson);
    auto lines = lines_of(out.str());
    REQUIRE(lines.size() == 5); // the summary line, then one per session
    for (std::size_t i = 0; i < summary.sessions.size(); ++i) {
        CHECK(lines[i + 1] == expected_line(summary.sessions[i]));
    }
}
