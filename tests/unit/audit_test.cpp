// Unit tests of the hash-chained audit trail.
#include "audit_log.hpp"
#include "journal_db.hpp"
#include "migrations.hpp"
#include "old_journal.hpp"
#include "peerlog/audit.hpp"
#include "peerlog/consent.hpp"
#include "peerlog/disclosure.hpp"
#include "peerlog/error.hpp"
#include "peerlog/group.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/rules.hpp"
#include "peerlog/session_store.hpp"
#include "test_journal.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <iterator>

using namespace peerlog;
using peerlog::testing::create_at_schema;
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

namespace {
// Two peers with sessions, an override, consents and a disclosure each: the typed text of P1's
// records must leave the audit trail when P1 is forgotten, P2's must stay.
struct Caseload {
    TempDir dir;
    std::filesystem::path path = dir.path() / "j.db";
    Journal journal = Journal::open(path, OpenMode::write);
    Date today = ymd(2026, 11, 18);

    Caseload() {
        BoundaryPolicy blocking;
        blocking.severities[static_cast<std::size_t>(BoundaryRule::contact_hours)] =
            Severity::block;
        for (const char* code : {"P1", "P2"}) {
            Peer peer;
            peer.code = code;
            peer.since = ymd(2026, 1, 5);
            add_peer(journal, peer, PeerIdentity{std::string("Name of ") + code, ""});
            Session late;
            late.peer_code = code;
            late.date = ymd(2026, 11, 17);
            late.start = TimeOfDay{23 * 60};
            late.minutes = 30;
            late.support = SupportSet::parse("emotional");
            add_session(journal, late, today, blocking, std::string("crisis call from ") + code);
            Consent consent;
            consent.peer_code = code;
            consent.recipient = "Dr Lee";
            consent.purpose = std::string("housing plan of ") + code;
            consent.information = "notes";
            consent.share = {ShareCategory::attendance, ShareCategory::notes};
            consent.signed_on = ymd(2026, 10, 1);
            consent.effective_on = consent.signed_on;
            consent.expires_on = ymd(2027, 10, 1);
            add_consent(journal, consent);
        }
        IdentifiedExport disclosed = prepare_disclosure(
            journal, period_between(ymd(2026, 11, 16), ymd(2026, 11, 22)),
            disclosure_request(Config{}, "Dr Lee", "", today, SuppressionAsked::no));
        record_disclosure(journal, disclosed);
    }
    std::string summaries() {
        std::string all;
        for (const auto& event : list_audit(journal, std::nullopt)) {
            all += event.object + ": " + event.summary + "\n";
        }
        return all;
    }
    void tamper(const std::string& sql) {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
        raw.exec(sql);
    }
};

// Purge's cut-offs for peers closed before `day`, keeping every disclosure.
PurgeCutoffs closed_before(Date day) {
    PurgeCutoffs cutoffs;
    cutoffs.closed_before = day;
    cutoffs.disclosures_before = ymd(2000, 1, 1);
    return cutoffs;
}
} // namespace

TEST_CASE_FIXTURE(Caseload, "an event's hash covers its summary's digest, the digest its summary") {
    auto events = list_audit(journal, std::nullopt);
    REQUIRE_FALSE(events.empty());
    for (const auto& event : events) {
        REQUIRE(event.summary_digest.has_value());
        CHECK(*event.summary_digest == sha256_hex(event.summary));
        CHECK(audit_hash(event) == event.hash);
    }
    AuditEvent v1 = events.front();
    v1.summary_digest.reset();
    CHECK(audit_hash(v1) != events.front().hash); // the two schemes never agree
    CHECK(summaries().find("crisis call from P1") != std::string::npos);
    CHECK(summaries().find("housing plan of P1") != std::string::npos);
}

TEST_CASE_FIXTURE(Caseload, "forget redacts every event about the peer and the chain verifies") {
    ForgetResult result = forget_peer(journal, "P1");
    std::string after = summaries();
    CHECK(after.find("crisis call from P1") == std::string::npos);
    CHECK(after.find("housing plan of P1") == std::string::npos);
    CHECK(after.find("crisis call from P2") != std::string::npos);
    CHECK(after.find("housing plan of P2") != std::string::npos); // its consent.add event
    // The disclosure of both named P1's purpose: it is redacted too.
    CHECK(after.find("housing plan of P1") == std::string::npos);
    auto events = list_audit(journal, std::nullopt);
    long long redacted = 0;
    for (const auto& event : events) {
        if (event.redacted) {
            ++redacted;
            CHECK(event.summary == k_audit_redacted);
        }
    }
    // P1's peer.add, identity, session.add, override, consent.add, and the disclosure.
    CHECK(redacted == 6);
    CHECK(result.redacted_events == 6);
    const AuditEvent& forget = events.back();
    CHECK(forget.action == "peer.forget");
    CHECK(forget.object == k_forgotten_peer); // not the code: the code is the peer's pseudonym
    CHECK(forget.summary.find('#') == std::string::npos); // no internal id ties it to the rest
    CHECK(forget.summary.starts_with("forgotten on request: 1 session, 1 consent"));
    CHECK(forget.summary.find("6 audit events redacted") != std::string::npos);
    AuditCheck check = verify_audit(journal);
    CHECK(check.intact());
    CHECK(check.redacted == 6);
}

TEST_CASE_FIXTURE(Caseload, "forget keeps the accounting of disclosures, without the peer") {
    Consent consent;
    consent.peer_code = "P1";
    consent.recipient = "Dr Quimby";
    consent.purpose = "relapse plan Wolfram";
    consent.information = "notes";
    consent.share = {ShareCategory::attendance, ShareCategory::notes};
    consent.signed_on = ymd(2026, 10, 1);
    consent.effective_on = consent.signed_on;
    consent.expires_on = ymd(2027, 10, 1);
    add_consent(journal, consent);
    IdentifiedExport alone = prepare_disclosure(
        journal, period_between(ymd(2026, 11, 16), ymd(2026, 11, 22)),
        disclosure_request(Config{}, "Dr Quimby", "", today, SuppressionAsked::no));
    REQUIRE(alone.peers.size() == 1);
    record_disclosure(journal, alone);
    auto before = list_disclosures(journal, "");
    REQUIRE(before.size() == 2);
    CHECK(preview_forget(journal, "P1").disclosures == 2);
    ForgetResult result = forget_peer(journal, "P1"); // checkpoints
    CHECK(result.disclosures == 2);
    CHECK(result.scrub == Scrub::complete);
    CHECK(describe(result).ends_with("; kept in the accounting of 2 disclosures as a forgotten "
                                     "peer"));
    auto left = list_disclosures(journal, "");
    REQUIRE(left.size() == 2); // HIPAA 164.528: the accounting outlives the forget
    CHECK(left[0].recipient == "Dr Lee");
    CHECK(left[0].people == 2);
    CHECK(left[0].peer_codes == std::vector<std::string>{k_forgotten_peer, "P2"});
    CHECK(left[1].recipient == "Dr Quimby");
    CHECK(left[1].purpose == "relapse plan Wolfram"); // its consent's purpose, as it was
    CHECK(left[1].at == before[1].at);
    CHECK(left[1].information == before[1].information);
    CHECK(left[1].people == 1);
    CHECK(left[1].peer_codes == std::vector<std::string>{k_forgotten_peer});
    CHECK(list_disclosures(journal, "P2").size() == 1); // P2's own accounting is as it was
    SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("SELECT count(*) FROM disclosure_peer WHERE peer_code = 'P1' OR peer_id "
                         "= 1")
              .getInt() == 0); // neither the code nor the id stays
    std::ifstream file(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    REQUIRE(bytes.size() > 4096);
    CHECK(bytes.find("Name of P1") == std::string::npos);
    CHECK(bytes.find("crisis call from P1") == std::string::npos);
}

TEST_CASE_FIXTURE(Caseload, "purge removes the disclosures older than their retention") {
    close_peer(journal, "P2", ymd(2026, 6, 1));
    PurgeCutoffs keep = closed_before(ymd(2026, 7, 1));
    keep.disclosures_before = ymd(2000, 1, 1);
    CHECK(preview_purge(journal, keep).disclosures_expired == 0);
    PurgeResult kept = purge_closed_before(journal, keep, {"P2"});
    CHECK(kept.disclosures_expired == 0);
    REQUIRE(list_disclosures(journal, "").size() == 1);
    CHECK(list_disclosures(journal, "")[0].peer_codes ==
          std::vector<std::string>{"P1", k_forgotten_peer});
    // Every disclosure recorded today is "before" tomorrow.
    PurgeCutoffs expire = closed_before(ymd(2026, 7, 1));
    expire.disclosures_before = add_days(local_today(), 2);
    CHECK(preview_purge(journal, expire).disclosures_expired == 1);
    PurgeResult expired = purge_closed_before(journal, expire, {});
    CHECK(expired.peers.empty());
    CHECK(expired.disclosures_expired == 1);
    CHECK(list_disclosures(journal, "").empty());
    auto events = list_audit(journal, std::nullopt);
    CHECK(events.back().action == "disclosure.expire");
    CHECK(events.back().summary.starts_with("1 disclosure made before "));
    CHECK(verify_audit(journal).intact());
}

TEST_CASE("purge_cutoffs: peers by retention_years of 365 days, disclosures by calendar years") {
    Config config;
    config.retention_years = 6;
    config.disclosure_retention_years = 7;
    PurgeCutoffs cutoffs = purge_cutoffs(config, ymd(2032, 2, 29), std::nullopt);
    CHECK(cutoffs.closed_before == add_days(ymd(2032, 2, 29), -365 * 6));
    CHECK(cutoffs.disclosures_before == ymd(2025, 2, 28));
    CHECK(cutoffs.disclosure_retention_years == 7);
    CHECK(purge_cutoffs(config, ymd(2032, 2, 29), ymd(2020, 1, 1)).closed_before ==
          ymd(2020, 1, 1));
}

TEST_CASE_FIXTURE(Caseload, "forget redacts the events of a group session the peer attended") {
    Group circle;
    circle.name = "Circle";
    add_group(journal, circle);
    BoundaryPolicy blocking;
    blocking.severities[static_cast<std::size_t>(BoundaryRule::contact_hours)] = Severity::block;
    Session group;
    group.group = "Circle";
    group.attendees = {"P1", "P2"};
    group.date = ymd(2026, 11, 17);
    group.start = TimeOfDay{23 * 60};
    group.minutes = 60;
    group.support = SupportSet::parse("affiliational");
    add_session(journal, group, today, blocking, "crisis about P1 Zebulon");
    REQUIRE(summaries().find("crisis about P1 Zebulon") != std::string::npos);
    ForgetResult would = preview_forget(journal, "P1");
    ForgetResult result = forget_peer(journal, "P1");
    CHECK(summaries().find("Zebulon") == std::string::npos);
    CHECK(summaries().find("crisis call from P2") != std::string::npos);
    // The six of the fixture, and the group session's session.add and override.
    CHECK(result.redacted_events == 8);
    CHECK(result.group_sessions == 1);
    CHECK(verify_audit(journal).intact());
    // The dry run counted the same rows and events, from the same lists.
    CHECK(describe(would) == describe(result));
    CHECK(describe(result) ==
          "1 session, 1 consent, 0 goals, 0 referrals and 0 assessments "
          "deleted; removed from 1 group session (now counted there as unnamed); 8 "
          "audit events redacted; kept in the accounting of 1 disclosure as a forgotten peer");
}

TEST_CASE_FIXTURE(Caseload, "a redacted event stays tamper-evident") {
    forget_peer(journal, "P1");
    SQLite::Database raw(path.string());
    std::int64_t id =
        raw.execAndGet("SELECT min(id) FROM audit_event WHERE redacted = 1").getInt64();
    SUBCASE("its other fields edited") {
        tamper(fmt::format("UPDATE audit_event SET at = '2020-01-01T00:00:00Z' WHERE id = {}", id));
    }
    SUBCASE("its summary replaced by other text") {
        tamper(fmt::format("UPDATE audit_event SET summary = 'nothing' WHERE id = {}", id));
    }
    SUBCASE("its redacted mark taken off") {
        tamper(fmt::format("UPDATE audit_event SET redacted = 0 WHERE id = {}", id));
    }
    AuditCheck check = verify_audit(journal);
    CHECK(check.first_bad_event == id);
}

TEST_CASE_FIXTURE(Caseload, "an event's subject peer is covered by its hash") {
    // The override reason of P1's session: `peer forget P1` finds it by its subject.
    SQLite::Database raw(path.string());
    std::int64_t id = raw.execAndGet("SELECT id FROM audit_event WHERE summary LIKE "
                                     "'%crisis call from P1%'")
                          .getInt64();
    REQUIRE(
        !raw.execAndGet(fmt::format("SELECT subject_peer_id FROM audit_event WHERE id = {}", id))
             .isNull());
    SUBCASE("nulled") {
        tamper(fmt::format("UPDATE audit_event SET subject_peer_id = NULL WHERE id = {}", id));
    }
    SUBCASE("changed to another peer") {
        tamper(fmt::format("UPDATE audit_event SET subject_peer_id = subject_peer_id + 1 WHERE "
                           "id = {}",
                           id));
    }
    SUBCASE("set on an event about no peer") {
        id = raw.execAndGet("SELECT id FROM audit_event WHERE action = 'disclosure'").getInt64();
        tamper(fmt::format("UPDATE audit_event SET subject_peer_id = 1 WHERE id = {}", id));
    }
    AuditCheck check = verify_audit(journal);
    CHECK(check.first_bad_event == id);
    CHECK(check.problem == "its content no longer matches its hash (it was edited)");
}

TEST_CASE_FIXTURE(Caseload, "a redacted event keeps its subject, and a forget does not take it "
                            "again") {
    forget_peer(journal, "P1");
    SQLite::Database raw(path.string());
    CHECK(raw.execAndGet("SELECT count(*) FROM audit_event WHERE redacted = 1 AND "
                         "subject_peer_id IS NOT NULL")
              .getInt() == 5); // all but the disclosure, which is about no one peer
    CHECK(verify_audit(journal).intact());
    // A new peer may be given the forgotten one's id: its forget redacts its own events only.
    Peer again;
    again.code = "P3";
    again.since = ymd(2026, 1, 5);
    add_peer(journal, again);
    ForgetResult result = forget_peer(journal, "P3");
    CHECK(result.redacted_events == 1); // its peer.add
    CHECK(verify_audit(journal).intact());
}

TEST_CASE_FIXTURE(Caseload, "a peer's accounting of disclosures names that peer alone") {
    auto all = list_disclosures(journal, "");
    REQUIRE(all.size() == 1);
    CHECK(all[0].peer_codes == std::vector<std::string>{"P1", "P2"});
    CHECK(all[0].purpose == "housing plan of P1; housing plan of P2");
    auto own = list_disclosures(journal, "p2");
    REQUIRE(own.size() == 1);
    CHECK(own[0].id == all[0].id);
    CHECK(own[0].recipient == "Dr Lee");
    CHECK(own[0].information == all[0].information);
    CHECK(own[0].peer_codes == std::vector<std::string>{"P2"});
    CHECK(own[0].peer_purposes == std::vector<std::string>{"housing plan of P2"});
    CHECK(own[0].purpose == "housing plan of P2");
}

TEST_CASE("a head before any event reads as none yet, not as event 0") {
    CHECK(describe(AuditHead{}) == "none yet (the audit trail has no event)");
    CHECK(describe(AuditHead{7, "ab12"}) == "event 7 ab12");
}

TEST_CASE_FIXTURE(Caseload, "an intact event marked redacted by hand is caught") {
    tamper("UPDATE audit_event SET redacted = 1, summary = '(redacted: peer forgotten)' WHERE id = "
           "1");
    AuditCheck check = verify_audit(journal);
    CHECK_FALSE(check.intact()); // no forget accounts for it
    CHECK(check.redacted == 1);
}

TEST_CASE_FIXTURE(Caseload, "purge says the peer was purged by retention") {
    close_peer(journal, "P2", ymd(2026, 6, 1));
    auto purged = purge_closed_before(journal, closed_before(ymd(2026, 7, 1)), {"P2"}).peers;
    REQUIRE(purged.size() == 1);
    CHECK(purged[0].peer.code == "P2");
    CHECK(*purged[0].peer.closed_on == ymd(2026, 6, 1));
    auto events = list_audit(journal, std::nullopt);
    CHECK(events.back().summary.starts_with("purged by retention (closed before 2026-07-01): "));
    CHECK(events.back().summary.find("on request") == std::string::npos);
    CHECK(verify_audit(journal).intact());
}

TEST_CASE_FIXTURE(Caseload, "a purge is one transaction: a failure part-way forgets no one") {
    close_peer(journal, "P1", ymd(2026, 6, 1));
    close_peer(journal, "P2", ymd(2026, 6, 2));
    tamper("CREATE TRIGGER keep_p2 BEFORE DELETE ON peer WHEN old.code = 'P2' BEGIN SELECT "
           "RAISE(ABORT, 'P2 is held'); END");
    auto events = list_audit(journal, std::nullopt).size();
    CHECK_THROWS(purge_closed_before(journal, closed_before(ymd(2026, 7, 1)), {"P1", "P2"}));
    CHECK(peers_closed_before(journal, ymd(2026, 7, 1)).size() == 2); // P1, taken first, too
    CHECK(list_audit(journal, std::nullopt).size() == events);
    CHECK(summaries().find("crisis call from P1") != std::string::npos); // nothing redacted
    tamper("DROP TRIGGER keep_p2");
    auto purged = purge_closed_before(journal, closed_before(ymd(2026, 7, 1)), {"P2", "P1"}).peers;
    REQUIRE(purged.size() == 2);
    CHECK(purged[0].peer.code == "P1");
    CHECK(purged[1].forgotten.peer_code == "P2");
    CHECK(purged[1].forgotten.sessions == 1);
    CHECK(peers_closed_before(journal, ymd(2026, 7, 1)).empty());
    CHECK(verify_audit(journal).intact());
}

TEST_CASE_FIXTURE(Caseload, "a purge refuses when the peers closed before the day changed") {
    close_peer(journal, "P1", ymd(2026, 6, 1));
    auto shown = peers_closed_before(journal, ymd(2026, 7, 1));
    REQUIRE(shown.size() == 1);
    close_peer(journal, "P2", ymd(2026, 6, 2)); // after the list was shown, before the purge
    auto events = list_audit(journal, std::nullopt).size();
    std::string message;
    try {
        purge_closed_before(journal, closed_before(ymd(2026, 7, 1)), {shown[0].code});
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::conflict);
        message = error.what();
    }
    CHECK(message == "the peers closed before 2026-07-01 changed since you were asked; nothing "
                     "was forgotten: run purge again.");
    CHECK(peers_closed_before(journal, ymd(2026, 7, 1)).size() == 2); // no one was forgotten
    CHECK(list_audit(journal, std::nullopt).size() == events);
    reopen_peer(journal, "P1"); // one fewer than shown is refused as well
    CHECK_THROWS_AS(purge_closed_before(journal, closed_before(ymd(2026, 7, 1)), {"P1", "P2"}),
                    Error);
    CHECK(purge_closed_before(journal, closed_before(ymd(2026, 7, 1)), {"P2"}).peers.size() == 1);
}

TEST_CASE_FIXTURE(Chain, "events from before schema 4 verify as before and are not redacted") {
    // Rewrite the chain as an older peerlog wrote it: no digest, the hash over the summary; then
    // seal the records as the upgrade to schema 7 does.
    {
        Journal journal = Journal::open(path, OpenMode::read);
        auto events = list_audit(journal, std::nullopt);
        std::string previous(k_audit_genesis);
        for (auto& event : events) {
            event.summary_digest.reset();
            event.record_state.reset();
            event.prev_hash = previous;
            event.hash = audit_hash(event);
            previous = event.hash;
            tamper(fmt::format("UPDATE audit_event SET summary_digest = NULL, subject_peer_id = "
                               "NULL, record_state = NULL, prev_hash = '{}', hash = '{}' WHERE "
                               "id = {}",
                               event.prev_hash, event.hash, event.id));
        }
    }
    {
        Journal journal = Journal::open(path, OpenMode::update);
        write_transaction(journal, [](SQLite::Database& db) {
            seal_all_records(db, "audit.baseline", "sealed");
        });
    }
    CHECK(check().intact());
    Journal journal = Journal::open(path, OpenMode::write);
    forget_peer(journal, "A");
    auto events = list_audit(journal, std::nullopt);
    CHECK(events.front().summary == "added to the caseload"); // cannot be redacted
    CHECK_FALSE(events.front().redacted);
    CHECK(events[3].object == "peer #1"); // its baseline event can
    CHECK(events[3].redacted);
    CHECK(events.back().summary_digest.has_value()); // new events are redactable
    CHECK(verify_audit(journal).intact());
    SUBCASE("and an event without a digest after one with a digest is named") {
        tamper(fmt::format("UPDATE audit_event SET summary_digest = NULL WHERE id = {}",
                           events.back().id));
        CHECK(verify_audit(journal).first_bad_event == events.back().id);
    }
    SUBCASE("and an event without a record state after one with a state is named") {
        tamper(fmt::format("UPDATE audit_event SET record_state = NULL WHERE id = {}",
                           events.back().id));
        CHECK(verify_audit(journal).first_bad_event == events.back().id);
    }
}

TEST_CASE_FIXTURE(Chain, "an emptied trail fails while the journal holds records") {
    tamper("DELETE FROM audit_event");
    AuditCheck result = check();
    CHECK(result.events == 0);
    CHECK_FALSE(result.intact());
    CHECK(result.record_problem_count == 3);
    CHECK(result.record_problems[0] == "peer #1 is stored but no audit event records it: added "
                                       "outside peerlog");
}

TEST_CASE("a new journal's empty trail is intact") {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    CHECK(verify_audit(journal).intact());
}

TEST_CASE("a schema 3 journal upgrades: its events verify as before, its flags are reworded") {
    TempDir dir;
    auto path = dir.path() / "j.db";
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        create_at_schema(raw, 3);
        raw.exec("INSERT INTO peer (code, since, created_at, updated_at) VALUES ('P1', "
                 "'2026-01-05', 'x', 'x')");
        raw.exec("INSERT INTO session (peer_id, date, minutes, modality, setting, support_mask, "
                 "created_at, updated_at) VALUES (1, '2026-11-17', 30, 'in-person', 'office', 1, "
                 "'x', 'x')");
        raw.exec("INSERT INTO session_flag (session_id, rule, severity, message) VALUES (1, "
                 "'dual_relationship', 'warn', 'dual relationship: my cousin Zed')");
        AuditEvent event;
        event.id = 1;
        event.at = "2026-11-17T10:00:00Z";
        event.action = "peer.add";
        event.object = "peer #1";
        event.summary = "added to the caseload";
        event.prev_hash = std::string(k_audit_genesis);
        event.hash = audit_hash(event); // no digest: the hash an older peerlog wrote
        SQLite::Statement insert(raw, "INSERT INTO audit_event (id, at, action, object, summary, "
                                      "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
        for (int i = 0;
             const auto& field : {std::to_string(event.id), event.at, event.action, event.object,
                                  event.summary, event.prev_hash, event.hash}) {
            insert.bind(++i, field);
        }
        insert.exec();
    }
    Journal journal = Journal::open(path, OpenMode::update);
    SQLite::Database raw(path.string());
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == k_schema_version);
    CHECK(raw.execAndGet("SELECT message FROM session_flag").getString() ==
          "a dual relationship is recorded (see the session)");
    CHECK(verify_audit(journal).intact());
    ForgetResult forgotten = forget_peer(journal, "P1");
    CHECK(forgotten.redacted_events == 2); // the baseline events; the old event cannot be
    auto events = list_audit(journal, std::nullopt);
    REQUIRE(events.size() == 4); // the old event, the peer's and session's baselines, the forget
    CHECK_FALSE(events[0].summary_digest.has_value());
    CHECK_FALSE(events[0].redacted);
    CHECK(events[1].action == "audit.baseline");
    CHECK(events[3].summary_digest.has_value());
    CHECK(verify_audit(journal).intact());
}

TEST_CASE("a schema 1 journal with records and no audit trail upgrades and verifies") {
    TempDir dir;
    auto path = dir.path() / "j.db";
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        create_at_schema(raw, 1);
        raw.exec("INSERT INTO peer (code, since, created_at, updated_at) VALUES ('P1', "
                 "'2026-01-05', 'x', 'x')");
    }
    {
        Journal journal = Journal::open(path, OpenMode::update);
        CHECK(verify_audit(journal).intact()); // kept before there was a trail: not emptied
    }
    SQLite::Database(path.string(), SQLite::OPEN_READWRITE).exec("DELETE FROM peer");
    Journal journal = Journal::open(path, OpenMode::update);
    Peer peer;
    peer.code = "P2";
    peer.since = ymd(2026, 2, 1);
    add_peer(journal, peer);
    SQLite::Database(path.string(), SQLite::OPEN_READWRITE).exec("DELETE FROM audit_event");
    CHECK_FALSE(verify_audit(journal).intact()); // written since: an empty trail was emptied
}
