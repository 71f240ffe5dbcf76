// Unit tests of an audit trail that vouches for the records: every record's state is in its
// latest event, and verify names any record changed, deleted or added outside peerlog.
#include "audit_log.hpp"
#include "journal_db.hpp"
#include "old_journal.hpp"
#include "peerlog/assessment.hpp"
#include "peerlog/audit.hpp"
#include "peerlog/checkin.hpp"
#include "peerlog/consent.hpp"
#include "peerlog/disclosure.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/goal.hpp"
#include "peerlog/group.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/referral.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/supervision.hpp"
#include "record_state.hpp"
#include "test_journal.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>

using namespace peerlog;
using peerlog::testing::create_at_schema;
using peerlog::testing::failure_of;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
const Date k_today = ymd(2026, 11, 18);

Session session_of(const std::string& code, Date date, int minutes) {
    Session session;
    session.peer_code = code;
    session.date = date;
    session.minutes = minutes;
    session.support = SupportSet::parse("emotional");
    return session;
}

// One record of every kind (two peers, so one can be forgotten), written through peerlog.
struct Records {
    TempDir dir;
    std::filesystem::path path = dir.path() / "j.db";
    Journal journal = Journal::open(path, OpenMode::write);
    std::int64_t group_session = 0;

    Records() {
        for (const char* code : {"P1", "P2"}) {
            Peer peer;
            peer.code = code;
            peer.since = ymd(2026, 1, 5);
            add_peer(journal, peer, PeerIdentity{std::string("Name of ") + code, ""});
            add_session(journal, session_of(code, ymd(2026, 11, 17), 30), k_today);
            Consent consent;
            consent.peer_code = code;
            consent.recipient = "Dr Lee";
            consent.purpose = "housing";
            consent.information = "notes";
            consent.share = {ShareCategory::attendance, ShareCategory::notes};
            consent.signed_on = consent.effective_on = ymd(2026, 10, 1);
            consent.expires_on = ymd(2027, 10, 1);
            add_consent(journal, consent);
        }
        add_group(journal, {0, "Circle", ""});
        Session group = session_of("", ymd(2026, 11, 16), 60);
        group.group = "Circle";
        group.attendees = {"P1", "P2"};
        group_session = add_session(journal, group, k_today);
        Goal goal;
        goal.peer_code = "P1";
        goal.domain = GoalDomain::housing;
        goal.text = "a flat";
        goal.opened_on = goal.status_on = k_today;
        add_goal(journal, goal, k_today);
        add_resource(journal, {0, "Harbor", "shelter", ""});
        add_referral(journal, {0, "P1", "Harbor", k_today, ReferralStatus::made, k_today}, k_today);
        Assessment assessment;
        assessment.peer_code = "P1";
        assessment.date = k_today;
        assessment.items = {4, 5, 3, 4, 5, 4, 3, 6, 5, 4};
        add_assessment(journal, assessment, k_today);
        add_supervision(journal, {0, k_today, 60, "Dr O", SupervisionFormat::group, ""}, k_today);
        add_checkin(journal, {0, k_today, 3, 3, false, "", false}, k_today);
        IdentifiedExport disclosed = prepare_disclosure(
            journal, period_between(ymd(2026, 11, 16), ymd(2026, 11, 22)),
            disclosure_request(Config{}, "Dr Lee", "", k_today, SuppressionAsked::no));
        record_disclosure(journal, disclosed);
    }

    void tamper(const std::string& sql) {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA foreign_keys = OFF");
        raw.exec(sql);
    }
    AuditCheck check() { return verify_audit(journal); }
};

std::string problems(const AuditCheck& check) {
    return fmt::format("{}\n{}\n{}", check.problem, fmt::join(check.record_problems, "\n"),
                       fmt::join(check.head_problems, "\n"));
}

// A record of each kind: its table, the audit object of its first row, a column to change,
// and an INSERT of a second row.
struct KindCase {
    const char* table;
    const char* object;
    const char* update;
    const char* insert;
};

const KindCase k_cases[] = {
    {"peer", "peer #1", "stage = 'late'",
     "INSERT INTO peer (id, code, since, created_at, updated_at) VALUES (90, 'X9', "
     "'2026-01-01', 'x', 'x')"},
    {"session", "session 1", "minutes = 5",
     "INSERT INTO session (id, peer_id, date, minutes, modality, setting, support_mask, "
     "created_at, updated_at) VALUES (90, 1, '2026-11-01', 30, 'phone', 'office', 1, 'x', 'x')"},
    {"consent", "consent 1", "recipient = 'Someone Else'",
     "INSERT INTO consent (id, peer_id, recipient, purpose, information, signed_on, "
     "effective_on, expires_on, created_at) VALUES (90, 1, 'r', 'p', 'i', '2026-01-01', "
     "'2026-01-01', '2027-01-01', 'x')"},
    {"goal", "goal 1", "status = 'achieved'",
     "INSERT INTO goal (id, peer_id, domain, text, opened_on, status_on, created_at, "
     "updated_at) VALUES (90, 1, 'legal', 't', '2026-01-01', '2026-01-01', 'x', 'x')"},
    {"referral", "referral 1", "status = 'declined'",
     "INSERT INTO referral (id, peer_id, resource_id, date, status_on, created_at, updated_at) "
     "VALUES (90, 1, 1, '2026-01-01', '2026-01-01', 'x', 'x')"},
    {"assessment", "assessment 1", "item_1 = 6",
     "INSERT INTO assessment (id, peer_id, date, item_1, item_2, item_3, item_4, item_5, item_6, "
     "item_7, item_8, item_9, item_10, created_at) VALUES (90, 1, '2026-01-01', 1, 1, 1, 1, 1, "
     "1, 1, 1, 1, 1, 'x')"},
    {"checkin", "checkin 1", "stress = 5",
     "INSERT INTO checkin (id, date, stress, energy, created_at) VALUES (90, '2026-01-01', 1, 1, "
     "'x')"},
    {"supervision", "supervision 1", "minutes = 600",
     "INSERT INTO supervision (id, date, minutes, supervisor, created_at) VALUES (90, "
     "'2026-01-01', 60, 's', 'x')"},
    {"peer_group", "group 1", "schedule = 'Mondays'",
     "INSERT INTO peer_group (id, name, created_at) VALUES (90, 'g', 'x')"},
    {"resource", "resource 1", "contact = '555'",
     "INSERT INTO resource (id, name, category, created_at) VALUES (90, 'r', 'c', 'x')"},
    {"disclosure", "disclosure 1", "recipient = 'Someone Else'",
     "INSERT INTO disclosure (id, at, recipient, purpose, information, period_from, period_to) "
     "VALUES (90, 'x', 'r', 'p', 'i', '2026-01-01', '2026-01-02')"},
};

bool names(const AuditCheck& check, const std::string& text) {
    for (const auto& problem : check.record_problems) {
        if (problem.find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE_FIXTURE(Records, "a journal written by peerlog verifies, every record compared") {
    AuditCheck result = check();
    INFO(problems(result));
    CHECK(result.intact());
    CHECK(result.records == 15); // 2 peers, 3 sessions, 2 consents, 1 of each of 8 other kinds
}

TEST_CASE("each kind of record changed, deleted or added with the shell is named") {
    for (const KindCase& kind : k_cases) {
        INFO(kind.table);
        {
            Records records;
            records.tamper(fmt::format("UPDATE {} SET {} WHERE id = 1", kind.table, kind.update));
            AuditCheck result = records.check();
            CHECK_FALSE(result.intact());
            CHECK(names(result, fmt::format("{} differs from its state at event", kind.object)));
        }
        {
            Records records;
            records.tamper(fmt::format("DELETE FROM {} WHERE id = 1", kind.table));
            AuditCheck result = records.check();
            CHECK(
                names(result, fmt::format("{} is not stored, but its latest event", kind.object)));
        }
        {
            Records records;
            records.tamper(kind.insert);
            AuditCheck result = records.check();
            RecordRef added{record_named(kind.object)->kind, 90};
            CHECK(names(result, object_name(added) + " is stored but no audit event records it"));
        }
    }
}

TEST_CASE_FIXTURE(Records, "a session's attendees, goals, flags and reviews are part of it") {
    SUBCASE("an attendee taken off") {
        tamper(fmt::format("DELETE FROM session_attendee WHERE session_id = {} AND peer_id = 2",
                           group_session));
    }
    SUBCASE("a goal linked") {
        tamper(fmt::format("INSERT INTO session_goal VALUES ({}, 1)", group_session));
    }
    SUBCASE("a flag added") {
        tamper(fmt::format("INSERT INTO session_flag (session_id, rule, severity, message) VALUES "
                           "({}, 'money', 'warn', 'm')",
                           group_session));
    }
    SUBCASE("a co-sign forged") {
        tamper(fmt::format("INSERT INTO session_review (id, session_id, reviewer, reviewed_on, "
                           "created_at) VALUES (7, {}, 'Dr O', '2026-11-18', 'x')",
                           group_session));
    }
    CHECK(names(check(), fmt::format("session {} differs", group_session)));
}

TEST_CASE_FIXTURE(Records, "a peer's identity and a disclosure's peers are part of them") {
    SUBCASE("identity") {
        tamper("UPDATE peer_identity SET name = 'Someone' WHERE peer_id = 2");
        CHECK(names(check(), "peer #2 differs"));
    }
    SUBCASE("disclosure peers") {
        tamper("DELETE FROM disclosure_peer WHERE peer_code = 'P2'");
        CHECK(names(check(), "disclosure 1 differs"));
    }
    SUBCASE("a child row of a record that does not exist") {
        tamper("INSERT INTO session_attendee VALUES (77, 1)");
        CHECK(names(check(), "a session_attendee row names session 77, which is not stored"));
    }
}

TEST_CASE_FIXTURE(Records, "peerlog's own edits, removals, forgets and purges verify") {
    SessionEdit longer;
    longer.minutes = 45;
    edit_session(journal, 1, longer, k_today);
    PeerEdit rename;
    rename.code = "P1b";
    rename.name = "Another Name";
    edit_peer(journal, "P1", rename);
    remove_session(journal, 2);
    review_sessions(journal, {group_session}, {"Dr O", k_today, ""});
    set_goal_status(journal, 1, GoalStatus::achieved, k_today, k_today);
    set_referral_status(journal, 1, ReferralStatus::connected, k_today);
    revoke_consent(journal, 1, k_today);
    // A session dated before P2's start moves it back (its own event).
    add_session(journal, session_of("P2", ymd(2026, 1, 1), 20), k_today);
    AuditCheck before = check();
    INFO(problems(before));
    CHECK(before.intact());

    ForgetResult forgotten = forget_peer(journal, "P1b");
    CHECK(forgotten.sessions == 1);
    AuditCheck after = check();
    INFO(problems(after));
    CHECK(after.intact());
    auto events = list_audit(journal, std::nullopt);
    CHECK(events.back().action == "peer.forget");
    CHECK(events.back().record_state->starts_with("forgot "));
    // The group session P1 attended was changed (P1 counted as unnamed): it has a new event.
    bool group_resealed = false;
    for (const auto& event : events) {
        group_resealed =
            group_resealed || (event.object == fmt::format("session {}", group_session) &&
                               event.action == "peer.forget.unlink" && !event.redacted);
    }
    CHECK(group_resealed);

    close_peer(journal, "P2", ymd(2026, 5, 1));
    // The purge also removes every entry of the accounting (cut-off far ahead): each one's
    // deletion is the purge's own, recorded by an event per entry.
    PurgeCutoffs cutoffs{ymd(2026, 6, 1), ymd(2100, 1, 1), 6};
    PurgeResult purge = purge_closed_before(journal, cutoffs, {"P2"});
    CHECK(purge.peers.size() == 1);
    CHECK(purge.disclosures_expired == 1);
    AuditCheck purged = check();
    INFO(problems(purged));
    CHECK(purged.intact());
}

TEST_CASE_FIXTURE(Records, "a deletion made to look like a forget is caught") {
    forget_peer(journal, "P1");
    REQUIRE(check().intact());
    // Delete P2's consent with the shell and mark its events redacted, as a forget would.
    tamper("DELETE FROM consent WHERE id = 2; UPDATE audit_event SET summary = '(redacted: peer "
           "forgotten)', redacted = 1 WHERE object = 'consent 2'");
    AuditCheck result = check();
    CHECK_FALSE(result.intact());
    CHECK(names(result, "forget events account for"));
    SUBCASE("and so is an event marked redacted by hand") {
        Records fresh;
        fresh.tamper("UPDATE audit_event SET summary = '(redacted: peer forgotten)', redacted = 1 "
                     "WHERE object = 'consent 2'");
        CHECK(names(fresh.check(), "events were marked redacted outside peerlog"));
    }
}

TEST_CASE_FIXTURE(Records, "an emptied trail fails whatever else is emptied with it") {
    SUBCASE("the events alone") {
        tamper("DELETE FROM audit_event");
    }
    SUBCASE("an old baseline flag set as well") {
        tamper("CREATE TABLE audit_baseline (unaudited_history INTEGER); INSERT INTO "
               "audit_baseline VALUES (1); DELETE FROM audit_event");
    }
    SUBCASE("all but the first event") {
        tamper("DELETE FROM audit_event WHERE id > 1");
    }
    SUBCASE("every record and event, ids kept") {
        for (const KindCase& kind : k_cases) {
            tamper(fmt::format("DELETE FROM {}", kind.table));
        }
        tamper("DELETE FROM audit_event");
        AuditCheck result = check();
        CHECK(result.problem.find("ids up to") != std::string::npos);
        return;
    }
    AuditCheck result = check();
    CHECK_FALSE(result.intact());
    CHECK(names(result, "is stored but no audit event records it"));
}

TEST_CASE_FIXTURE(Records, "a column added with a default changes no record's state") {
    tamper("ALTER TABLE consent ADD COLUMN share TEXT NOT NULL DEFAULT ''; ALTER TABLE session "
           "ADD COLUMN extra INTEGER");
    AuditCheck result = check();
    INFO(problems(result));
    CHECK(result.intact());
    tamper("UPDATE consent SET share = 'notes' WHERE id = 1");
    CHECK(names(check(), "consent 1 differs"));
}

TEST_CASE_FIXTURE(Records, "a published head catches a cut tail and a rewritten event") {
    AuditHead published = verify_audit(journal).head;
    add_checkin(journal, {0, k_today, 2, 2, false, "", false}, k_today);
    CHECK(verify_audit(journal, {{published}}).intact()); // a later head is normal
    SUBCASE("cut") {
        tamper(fmt::format("DELETE FROM audit_event WHERE id >= {}; DELETE FROM checkin WHERE id "
                           "= 2",
                           published.id));
        AuditCheck result = verify_audit(journal, {{published}});
        REQUIRE(result.head_problems.size() == 1);
        CHECK(result.head_problems[0].find("cut off") != std::string::npos);
        CHECK(result.problem.empty()); // the shorter chain is intact in itself
    }
    SUBCASE("rewritten") {
        AuditHead other = published;
        other.hash[0] = other.hash[0] == 'a' ? 'b' : 'a';
        AuditCheck result = verify_audit(journal, {{other}});
        REQUIRE(result.head_problems.size() == 1);
        CHECK(result.head_problems[0].find("rewritten") != std::string::npos);
    }
}

TEST_CASE("a published head is read from an export, a report or ID:HASH") {
    TempDir dir;
    std::string hash(64, 'c');
    auto write = [&](const char* name, const std::string& text) {
        auto path = dir.path() / name;
        std::ofstream(path) << text;
        return path;
    };
    CHECK(published_head_in(
              write("e.json", R"({"kind":"x","audit_head":{"id":7,"hash":")" + hash + "\"}}"))
              .id == 7);
    CHECK(published_head_in(write("r.txt", "Audit chain head on 2026-11-18: event 9 " + hash)).id ==
          9);
    CHECK(published_head_in(write("i.csv", "\"audit_head\",\"12 " + hash + "\"")).id == 12);
    CHECK(failure_of([&] { published_head_in(write("n.txt", "no head")); }) ==
          ErrorKind::invalid_data);
    CHECK(failure_of([&] { published_head_in(dir.path() / "missing.json"); }) ==
          ErrorKind::not_found);
    CHECK(parse_head("5:" + hash).id == 5);
    CHECK(failure_of([&] { parse_head("5:xyz"); }) == ErrorKind::usage);
    CHECK(failure_of([&] { parse_head(hash); }) == ErrorKind::usage);
}

TEST_CASE("a schema 5 journal is sealed with a baseline event per record, then verified") {
    TempDir dir;
    auto path = dir.path() / "j.db";
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        create_at_schema(raw, 5);
        raw.exec("INSERT INTO peer (id, code, since, created_at, updated_at) VALUES (1, 'P1', "
                 "'2026-01-05', 'x', 'x')");
        raw.exec("INSERT INTO session (id, peer_id, date, minutes, modality, setting, "
                 "support_mask, created_at, updated_at) VALUES (1, 1, '2026-11-17', 30, "
                 "'in-person', 'office', 1, 'x', 'x'), (2, 1, '2026-11-18', 20, 'phone', "
                 "'office', 1, 'x', 'x')");
        raw.exec("INSERT INTO session_flag (session_id, rule, severity, message) VALUES (1, "
                 "'money', 'warn', 'money')");
    }
    Journal journal = Journal::open(path, OpenMode::update);
    auto events = list_audit(journal, std::nullopt);
    REQUIRE(events.size() == 3);
    for (const auto& event : events) {
        CHECK(event.action == "audit.baseline");
        CHECK(event.summary.find("cannot be checked") != std::string::npos);
    }
    CHECK(events[0].object == "peer #1");
    CHECK(events[0].subject_peer_id == 1);
    CHECK(events[2].object == "session 2");
    AuditCheck result = verify_audit(journal);
    INFO(problems(result));
    CHECK(result.intact());
    CHECK(result.records == 3);
    SQLite::Database(path.string(), SQLite::OPEN_READWRITE)
        .exec("UPDATE session SET minutes = 5 WHERE id = 1");
    CHECK(names(verify_audit(journal), "session 1 differs from its state at event 2"));
    SQLite::Database(path.string(), SQLite::OPEN_READWRITE)
        .exec("UPDATE session SET minutes = 30 WHERE id = 1");
    forget_peer(journal, "P1"); // the baseline events are redacted with the rest
    AuditCheck forgotten = verify_audit(journal);
    INFO(problems(forgotten));
    CHECK(forgotten.intact());
}

TEST_CASE_FIXTURE(Records, "reseal_records appends an event for each record a rewrite changed") {
    long long resealed = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        resealed = reseal_records(db, "journal.encrypt", "rewritten", [&] {
            db.exec("UPDATE session SET note = 'sealed bytes' WHERE id IN (1, 2)");
        });
    });
    CHECK(resealed == 2);
    CHECK(list_audit(journal, std::nullopt).back().action == "journal.encrypt");
    CHECK(check().intact());
    tamper("UPDATE checkin SET stress = 1");
    CHECK(failure_of([&] {
              write_transaction(journal, [&](SQLite::Database& db) {
                  reseal_records(db, "journal.encrypt", "rewritten", [] {});
              });
          }) == ErrorKind::corrupt);
}

TEST_CASE("an encrypted journal's trail is keyed: a change to a record needs the key") {
    TempDir dir;
    auto path = dir.path() / "j.db";
    {
        Journal journal = Journal::open(path, OpenMode::write);
        enable_encryption(journal, SecretBuffer::from("correct horse battery"));
        Peer peer;
        peer.code = "P1";
        peer.since = ymd(2026, 1, 5);
        add_peer(journal, peer);
        auto events = list_audit(journal, std::nullopt);
        REQUIRE(events.size() == 3); // audit.key, journal.encrypt, peer.add
        CHECK(events[0].action == "audit.key");
        CHECK(events[1].action == "journal.encrypt");
        for (const AuditEvent& event : events) {
            CHECK(event.mac.has_value());
        }
        AuditCheck result = verify_audit(journal);
        CHECK(result.intact());
        CHECK(result.keyed_from == 1);
        CHECK(result.keyed == 3);
    }
    Journal locked = Journal::open(path, OpenMode::update);
    Peer peer;
    peer.code = "P2";
    peer.since = ymd(2026, 1, 5);
    CHECK(failure_of([&] { add_peer(locked, peer); }) == ErrorKind::privacy);
    record_export(locked, "an export of nothing"); // needs no key: chained unkeyed
    AuditCheck unchecked = verify_audit(locked);
    CHECK(unchecked.intact());
    CHECK(unchecked.keyed_unchecked == 3);
    unlock(locked, SecretBuffer::from("correct horse battery"));
    add_peer(locked, peer);
    CHECK(verify_audit(locked).keyed == 4);

    SUBCASE("an event without its MAC is caught") {
        SQLite::Database(path.string(), SQLite::OPEN_READWRITE)
            .exec("UPDATE audit_event SET mac = NULL WHERE id = 3");
        CHECK(verify_audit(locked).first_bad_event == 3);
    }
    SUBCASE("a MAC that does not match is caught") {
        SQLite::Database(path.string(), SQLite::OPEN_READWRITE)
            .exec("UPDATE audit_event SET mac = hash WHERE id = 3");
        CHECK(verify_audit(locked).first_bad_event == 3);
    }
    SUBCASE("a keyed point moved or removed is caught") {
        SQLite::Database(path.string(), SQLite::OPEN_READWRITE)
            .exec("UPDATE audit_key SET keyed_from = 3");
        CHECK_FALSE(verify_audit(locked).intact());
        SQLite::Database(path.string(), SQLite::OPEN_READWRITE).exec("DELETE FROM audit_key");
        CHECK_FALSE(verify_audit(locked).intact());
    }
}
