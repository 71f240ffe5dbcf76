// Unit tests of the hash-chained audit trail.
#include "peerlog/audit.hpp"
#include "peerlog/peer_store.hpp"
#include "test_journal.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace peerlog;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
// A journal with three audited changes, and raw access to tamper with it.
struct Chain {
    TempDir dir;
    std::filesystem::path path = dir.path() / "j.db";
    Chain() {
        Journal journal = Journal::open(path, OpenMode::write);
        for (const char* code : {"A", "B", "C"}) {
            Peer peer;
            peer.code = code;
            peer.since = ymd(2026, 1, 1);
            add_peer(journal, peer);
        }
    }
    void tamper(const std::string& sql) {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
        raw.exec(sql);
    }
    AuditCheck check() {
        Journal journal = Journal::open(path, OpenMode::read);
        return verify_audit(journal);
    }
};
} // namespace

TEST_CASE_FIXTURE(Chain, "an intact chain verifies and its head is the last event") {
    AuditCheck result = check();
    CHECK(result.events == 3);
    CHECK_FALSE(result.first_bad_event.has_value());
    CHECK(result.head.id == 3);
    Journal journal = Journal::open(path, OpenMode::read);
    auto events = list_audit(journal, std::nullopt);
    REQUIRE(events.size() == 3);
    CHECK(events[0].prev_hash == k_audit_genesis);
    CHECK(events[1].prev_hash == events[0].hash);
    CHECK(audit_hash(events[2]) == events[2].hash);
    CHECK(events[0].summary.find('A') == std::string::npos); // peers by id, never by code
}

TEST_CASE_FIXTURE(Chain, "an edited event is named") {
    tamper("UPDATE audit_event SET summary = 'nothing happened' WHERE id = 2");
    CHECK(check().first_bad_event == 2);
}

TEST_CASE_FIXTURE(Chain, "a deleted event is noticed at the next one") {
    tamper("DELETE FROM audit_event WHERE id = 2");
    CHECK(check().first_bad_event == 3);
}

TEST_CASE_FIXTURE(Chain, "an inserted event is noticed") {
    tamper("UPDATE audit_event SET id = id + 10 WHERE id = 3");
    tamper(
        "INSERT INTO audit_event (id, at, action, object, summary, prev_hash, hash) "
        "SELECT 3, at, 'peer.add', 'peer #9', 'forged', hash, hash FROM audit_event WHERE id = 2");
    CHECK(check().first_bad_event.has_value());
}

TEST_CASE_FIXTURE(Chain, "two reordered events are noticed") {
    tamper("UPDATE audit_event SET id = 99 WHERE id = 2; UPDATE audit_event SET id = 2 WHERE id = "
           "3; UPDATE audit_event SET id = 3 WHERE id = 99");
    CHECK(check().first_bad_event == 2);
}
