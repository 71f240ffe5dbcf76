// The hot queries use the journal's indexes: a lost index fails here, not in production.
// The SQL is captured from the library as it runs (sqlite3_trace_v2), so it cannot drift.
#include "journal_db.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/summary.hpp"
#include "test_journal.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <string>
#include <vector>

using namespace peerlog;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {

const Date k_today = ymd(2026, 11, 18);

int collect_sql(unsigned, void* context, void* statement, void*) {
    auto* statements = static_cast<std::vector<std::string>*>(context);
    const char* sql = sqlite3_sql(static_cast<sqlite3_stmt*>(statement));
    if (sql && (std::string_view(sql).starts_with("SELECT") ||
                std::string_view(sql).starts_with("WITH"))) {
        statements->push_back(sql);
    }
    return 0;
}

// The plan lines of every SELECT the library ran, joined; the SQL is traced, not copied.
std::vector<std::string> plans_of(Journal& journal, const std::function<void()>& work) {
    std::vector<std::string> statements;
    sqlite3* handle = journal.impl().db.getHandle();
    sqlite3_trace_v2(handle, SQLITE_TRACE_STMT, collect_sql, &statements);
    work();
    sqlite3_trace_v2(handle, 0, nullptr, nullptr);
    std::vector<std::string> plans;
    for (const auto& sql : statements) {
        if (sql.find("session") == std::string::npos) {
            continue;
        }
        SQLite::Statement explain(journal.impl().db, "EXPLAIN QUERY PLAN " + sql);
        std::string plan = sql + "\n";
        while (explain.executeStep()) {
            plan += "  " + explain.getColumn(3).getString() + "\n";
        }
        plans.push_back(plan);
    }
    return plans;
}

// A full scan of the session table: "SCAN s" or "SCAN session" with no index.
bool scans_sessions(const std::string& plan) {
    for (const char* scan : {"SCAN s\n", "SCAN session\n", "SCAN later\n"}) {
        if (plan.find(scan) != std::string::npos) {
            return true;
        }
    }
    return false;
}

struct HotQueries {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "journal.db", OpenMode::write);

    HotQueries() {
        Peer peer;
        peer.code = "A";
        peer.since = ymd(2026, 1, 1);
        add_peer(journal, peer);
        Session session;
        session.peer_code = "A";
        session.date = ymd(2026, 11, 16);
        session.minutes = 45;
        session.support = SupportSet::parse("emotional");
        session.follow_up = ymd(2026, 11, 20);
        session.note = "Talked about the court date";
        add_session(journal, session, k_today);
    }

    // session list --week, session list --peer --week, report summary / export --week.
    std::vector<std::string> plans() {
        Period week = period_of_week(parse_week("2026-W47", k_today));
        return plans_of(journal, [&] {
            list_sessions(journal, SessionFilter{std::nullopt, week, std::nullopt});
            list_sessions(journal, SessionFilter{std::string("A"), week, std::nullopt});
            build_summary(journal, week, {k_today, 30, ""});
        });
    }
};

std::string joined(const std::vector<std::string>& plans) {
    std::string all;
    for (const auto& plan : plans) {
        all += plan;
    }
    return all;
}

// The plans joined, once each is checked to search an index rather than scan the sessions.
std::string checked_unscanned(const std::vector<std::string>& plans) {
    for (const auto& plan : plans) {
        INFO(plan);
        CHECK_FALSE(scans_sessions(plan));
    }
    return joined(plans);
}

} // namespace

TEST_CASE("period queries on sessions search the indexes, never scan the table") {
    HotQueries queries;
    auto plans = queries.plans();
    REQUIRE(plans.size() >= 6);
    std::string all = checked_unscanned(plans);
    INFO(all);
    CHECK(all.find("USING INDEX session_by_date (date>? AND date<?)") != std::string::npos);
    CHECK(all.find("USING INDEX session_by_peer_date") != std::string::npos);
    CHECK(all.find("USING INDEX session_by_follow_up") != std::string::npos);
}

TEST_CASE("a note search over a period searches the indexes, and reads each match by its id") {
    HotQueries queries;
    SessionFilter filter{std::string("A"), period_of_week(parse_week("2026-W47", k_today)),
                         std::nullopt};
    filter.note_search.emplace("COURT");
    auto plans = plans_of(queries.journal,
                          [&] { CHECK(list_sessions(queries.journal, filter).size() == 1); });
    std::string all = checked_unscanned(plans);
    INFO(all);
    CHECK(all.find("SELECT s.id, s.note FROM session s") != std::string::npos);
    CHECK(all.find("USING INDEX session_by_peer_date") != std::string::npos);
    CHECK(all.find("USING INTEGER PRIMARY KEY (rowid=?)") != std::string::npos);
}

TEST_CASE("the plan check fails when an index is lost") {
    HotQueries queries;
    queries.journal.impl().db.exec("DROP INDEX session_by_date");
    bool any_scan = false;
    for (const auto& plan : queries.plans()) {
        any_scan = any_scan || scans_sessions(plan);
    }
    CHECK(any_scan);
}

TEST_CASE("the caseload and its overdue follow-ups seek each open peer's last day once") {
    // Without the query's shape the planner walked session_by_follow_up: every follow-up ever
    // planned (399k at 1M sessions) for the few that are overdue. No statistics are kept
    // (no ANALYZE), so the plan here is the plan on any journal.
    HotQueries queries;
    std::string overdue;
    int runs = 0;
    for (const auto& plan : queries.plans()) {
        if (plan.starts_with("WITH open_peer")) {
            overdue += plan;
            ++runs;
        }
    }
    INFO(overdue);
    REQUIRE_FALSE(overdue.empty());
    CHECK(runs == 1); // one summary asks each peer's last contact once, for both
    CHECK(overdue.find("session_by_follow_up") == std::string::npos);
    CHECK(overdue.find("USING INDEX session_by_peer_date (peer_id=? AND date=?)") !=
          std::string::npos);
    CHECK(overdue.find("USING COVERING INDEX session_attendee_by_peer (peer_id=?)") !=
          std::string::npos);
    CHECK_FALSE(scans_sessions(overdue));
}
