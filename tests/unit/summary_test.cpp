// Unit tests of the period summary against a hand-computed data set.
#include "json_codec.hpp"
#include "peerlog/audit.hpp"
#include "peerlog/export_writer.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/summary.hpp"
#include "peerlog/summary_report.hpp"
#include "test_journal.hpp"

#include <ctime>
#include <doctest/doctest.h>
#include <sstream>
#include <string>
#include <vector>

using namespace peerlog;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
const Date k_today = ymd(2026, 11, 18); // Wednesday of 2026-W47 (Nov 16 - 22)

// The data set, by hand:
//   A joined 2026-09-01; B joined 2026-11-16 (new in W47); C joined 2026-08-01, last seen
//   2026-10-01 (48 days before the 18th); D paused; E closed 2026-11-01.
//   W47 sessions: A 45m emotional in-person (follow-up 11-20), A 60m emotional+instrumental
//   phone on 11-17, B 30m informational video on 11-18. W46: A 20m affiliational, follow-up
//   11-12 with no later contact... but A was seen on 11-16, so it is met.
//   C's session on 10-01 planned a follow-up on 10-08: overdue (no contact since).
struct DataSet {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "journal.db", OpenMode::write);

    DataSet() {
        add("A", ymd(2026, 9, 1));
        add("B", ymd(2026, 11, 16));
        add("C", ymd(2026, 8, 1));
        add("D", ymd(2026, 8, 1));
        add("E", ymd(2026, 8, 1));
        log("A", ymd(2026, 11, 10), 20, "affiliational", Modality::in_person, ymd(2026, 11, 12));
        log("A", ymd(2026, 11, 16), 45, "emotional", Modality::in_person, ymd(2026, 11, 20));
        log("A", ymd(2026, 11, 17), 60, "emotional,instrumental", Modality::phone, {});
        log("B", ymd(2026, 11, 18), 30, "informational", Modality::video, {});
        log("C", ymd(2026, 10, 1), 50, "emotional", Modality::in_person, ymd(2026, 10, 8));
        pause_peer(journal, "D");
        close_peer(journal, "E", ymd(2026, 11, 1));
    }
    void add(const char* code, Date since) {
        Peer peer;
        peer.code = code;
        peer.since = since;
        add_peer(journal, peer);
    }
    void log(const char* code, Date date, int minutes, const char* support, Modality modality,
             std::optional<Date> follow_up) {
        Session session;
        session.peer_code = code;
        session.date = date;
        session.minutes = minutes;
        session.support = SupportSet::parse(support);
        session.modality = modality;
        session.follow_up = follow_up;
        session.note = "PRIVATE-NOTE-TEXT";
        session.disclosure = "PRIVATE-PURPOSE";
        add_session(journal, session, k_today);
    }
    PeriodSummary week47() {
        return build_summary(journal, period_of_week(IsoWeek{2026, 47}), {k_today, 30, "Sam"});
    }
};

std::size_t index(SupportKind kind) {
    return static_cast<std::size_t>(kind);
}
std::size_t index(Modality modality) {
    return static_cast<std::size_t>(modality);
}
} // namespace

TEST_CASE_FIXTURE(DataSet, "the week's totals match the hand count") {
    auto summary = week47();
    CHECK(summary.totals.sessions == 3);
    CHECK(summary.totals.minutes == 135);
    CHECK(summary.totals.distinct_peers == 2);
    CHECK(summary.totals.new_peers == 1);
    CHECK(summary.totals.follow_ups_due == 1);
    CHECK(summary.totals.by_support[index(SupportKind::emotional)] == SliceTotal{2, 105});
    CHECK(summary.totals.by_support[index(SupportKind::instrumental)] == SliceTotal{1, 60});
    CHECK(summary.totals.by_support[index(SupportKind::informational)] == SliceTotal{1, 30});
    CHECK(summary.totals.by_support[index(SupportKind::affiliational)] == SliceTotal{0, 0});
    CHECK(summary.totals.by_modality[index(Modality::in_person)] == SliceTotal{1, 45});
    CHECK(summary.totals.by_modality[index(Modality::phone)] == SliceTotal{1, 60});
    CHECK(summary.totals.by_modality[index(Modality::video)] == SliceTotal{1, 30});
    CHECK(summary.totals.by_modality[index(Modality::text)] == SliceTotal{0, 0});
    REQUIRE(summary.sessions.size() == 3);
    CHECK(summary.sessions[0].peer_code == "A");
    CHECK(summary.sessions[2].peer_code == "B");
    CHECK(summary.sessions[0].self_disclosure);
}

TEST_CASE_FIXTURE(DataSet, "the caseload counts open peers and calls out who was not seen") {
    auto summary = week47();
    CHECK(summary.caseload.as_of == k_today);  // the week has not ended yet
    CHECK(summary.caseload.active_peers == 4); // A, B, C, D (paused); E is closed
    CHECK(summary.caseload.paused_peers == 1);
    REQUIRE(summary.caseload.not_seen.size() == 1);
    CHECK(summary.caseload.not_seen[0].peer_code == "C");
    CHECK(summary.caseload.not_seen[0].days_since == 48);
    CHECK(summary.caseload.not_seen[0].last_contact == ymd(2026, 10, 1));
}

TEST_CASE_FIXTURE(DataSet, "a follow-up is overdue only without a later contact") {
    auto summary = week47();
    REQUIRE(summary.follow_ups_overdue.size() == 1);
    CHECK(summary.follow_ups_overdue[0].peer_code == "C");
    CHECK(summary.follow_ups_overdue[0].due == ymd(2026, 10, 8));
    REQUIRE(summary.follow_ups_due.size() == 1);
    CHECK(summary.follow_ups_due[0].due == ymd(2026, 11, 20));
}

TEST_CASE_FIXTURE(DataSet,
                  "overdue follow-ups of a day come by peer code as SQLite's NOCASE orders it") {
    // Sorted in C++, not by SQLite: ASCII letters fold to lower case, every other byte stays
    // ('_' is 0x5F: after 'Z' in binary order, before 'z' folded). Binary order would give
    // B0, C, a9, bZ, b_1.
    for (const char* code : {"bZ", "b_1", "B0", "a9"}) {
        add(code, ymd(2026, 8, 1));
        log(code, ymd(2026, 10, 1), 30, "emotional", Modality::phone, ymd(2026, 10, 8));
    }
    auto summary = week47();
    std::vector<std::string> codes;
    for (const auto& follow_up : summary.follow_ups_overdue) {
        CHECK(follow_up.due == ymd(2026, 10, 8));
        codes.push_back(follow_up.peer_code);
    }
    CHECK(codes == std::vector<std::string>{"a9", "B0", "b_1", "bZ", "C"});
}

TEST_CASE_FIXTURE(DataSet, "a past week's caseload is taken on its last day") {
    auto summary = build_summary(journal, period_of_week(IsoWeek{2026, 46}), {k_today, 30, "Sam"});
    CHECK(summary.caseload.as_of == ymd(2026, 11, 15));
    CHECK(summary.totals.sessions == 1);
    CHECK(summary.totals.new_peers == 0);
    // On the 15th, A's follow-up of the 12th was overdue: A was seen again only on the 16th.
    REQUIRE(summary.follow_ups_overdue.size() == 2);
    CHECK(summary.follow_ups_overdue[1].peer_code == "A");
}

TEST_CASE_FIXTURE(DataSet, "the head is the snapshot's, whatever the period and time zone") {
    // Every event of the data set was appended today (real time), long after 2020-W10 and
    // after W46 ended: the head at the end of those periods would be none. The snapshot's head
    // anchors a week back-filled later all the same, and does not move with the time zone.
    AuditCheck check = verify_audit(journal);
    REQUIRE(check.head.id > 0);
    for (const char* zone : {"UTC", "Asia/Tokyo", "America/Los_Angeles"}) {
        CAPTURE(zone);
        ::setenv("TZ", zone, 1);
        ::tzset();
        for (auto week : {IsoWeek{2020, 10}, IsoWeek{2026, 46}, IsoWeek{2026, 47}}) {
            auto summary = build_summary(journal, period_of_week(week), {k_today, 30, "Sam"});
            CHECK(summary.audit_head.id == check.head.id);
            CHECK(summary.audit_head.hash == check.head.hash);
        }
    }
    ::unsetenv("TZ");
    ::tzset();
}

TEST_CASE_FIXTURE(DataSet, "no export or report format carries notes or disclosure purposes") {
    auto summary = week47();
    for (auto format : {OutputFormat::json, OutputFormat::csv, OutputFormat::ndjson}) {
        std::ostringstream out;
        write_export(out, summary, format);
        CAPTURE(out.str());
        CHECK(out.str().find("PRIVATE") == std::string::npos);
        bool has_code = out.str().find("\"A\"") != std::string::npos ||
                        out.str().find(",A,") != std::string::npos;
        CHECK(has_code);
    }
    for (auto format :
         {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv, OutputFormat::json}) {
        std::ostringstream out;
        write_summary_report(out, summary, format, RenderStyle{});
        CHECK(out.str().find("PRIVATE") == std::string::npos);
        bool human = format == OutputFormat::table || format == OutputFormat::markdown;
        if (human) {
            CHECK(out.str().find("2.25") != std::string::npos); // 135 minutes
        }
    }
}

TEST_CASE_FIXTURE(DataSet, "the export is the same bytes every time") {
    std::ostringstream first, second;
    write_export(first, week47(), OutputFormat::json);
    write_export(second, week47(), OutputFormat::json);
    CHECK(first.str() == second.str());
    CHECK(first.str().find("\"schema_version\": 1") != std::string::npos);
}

TEST_CASE_FIXTURE(DataSet, "the streamed export is byte for byte the export of the value") {
    Period periods[] = {period_of_week(IsoWeek{2026, 47}), period_of_week(IsoWeek{2026, 30}),
                        period_between(ymd(1900, 1, 1), k_today)};
    for (const Period& period : periods) {
        SummaryOptions options{k_today, 30, "Sam"};
        for (auto format : {OutputFormat::json, OutputFormat::ndjson, OutputFormat::csv}) {
            std::ostringstream from_value, streamed;
            write_export(from_value, build_summary(journal, period, options), format);
            write_export(streamed, journal, period, options, format);
            CHECK(streamed.str() == from_value.str());
        }
    }
}

TEST_CASE_FIXTURE(DataSet, "the streamed json export is the document nlohmann prints whole") {
    Period period = period_between(ymd(1900, 1, 1), k_today);
    PeriodSummary summary = build_summary(journal, period, {k_today, 30, "Sam"});
    REQUIRE_FALSE(summary.follow_ups_due.empty());
    Json sessions = Json::array();
    for (const auto& row : summary.sessions) {
        sessions.push_back(session_row_json(row));
    }
    Json whole{{"schema_version", k_export_schema_version},
               {"kind", "peerlog.export"},
               {"specialist", summary.specialist},
               {"period", period_json(summary.period)},
               {"totals", totals_json(summary)},
               {"follow_ups_due", follow_ups_json(summary.follow_ups_due)},
               {"audit_head", audit_head_json(summary.audit_head)},
               {"sessions", sessions}};
    std::ostringstream expected, streamed;
    write_json(expected, whole, false);
    write_export(streamed, journal, period, {k_today, 30, "Sam"}, OutputFormat::json);
    CHECK(streamed.str() == expected.str());
}
