// Unit tests of encryption at rest: the wrapped data key and sealed sensitive fields.
#include "peerlog/audit.hpp"
#include "peerlog/checkin.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"
#include "peerlog/goal.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/supervision.hpp"
#include "test_journal.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <sys/resource.h>

using namespace peerlog;
using peerlog::testing::failure_of;
using peerlog::testing::half_hour_contact;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
const Date k_today = ymd(2026, 11, 18);

Peer make_peer(std::string code) {
    Peer peer;
    peer.code = std::move(code);
    peer.since = ymd(2026, 10, 1);
    return peer;
}

std::int64_t add_noted_session(Journal& journal, std::string note) {
    Session session = half_hour_contact("P1", k_today);
    session.note = std::move(note);
    return add_session(journal, session, k_today);
}

// Runs one statement on the journal file behind peerlog's back, as an attacker could.
void tamper(const std::filesystem::path& path, const std::string& sql) {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec(sql);
}

struct Fixture {
    TempDir dir;
    std::filesystem::path path = dir.path() / "journal.db";
    SecretBuffer passphrase = SecretBuffer::from("correct horse battery staple");

    Journal encrypted_journal() {
        Journal journal = Journal::open(path, OpenMode::write);
        enable_encryption(journal, passphrase);
        add_peer(journal, make_peer("P1"));
        return journal;
    }
    Journal reopened(std::string_view with) {
        Journal journal = Journal::open(path, OpenMode::update);
        unlock(journal, SecretBuffer::from(with));
        return journal;
    }
};
} // namespace

TEST_CASE_FIXTURE(Fixture, "notes and identities round-trip and are not stored in the clear") {
    std::int64_t id = 0;
    {
        Journal journal = encrypted_journal();
        CHECK(encrypted(journal));
        id = add_noted_session(journal, "zanzibar-quokka note");
        set_identity(journal, "P1", std::string("Rosa Jimenez"), std::string("555-0199"));
    }
    {
        SQLite::Database db(path);
        std::string stored = db.execAndGet("SELECT note FROM session").getString();
        CHECK(stored.find("zanzibar") == std::string::npos);
        CHECK(stored.size() == 24 + std::string("zanzibar-quokka note").size() + 16);
        CHECK(db.execAndGet("SELECT typeof(note) FROM session").getString() == "blob");
    }
    Journal journal = reopened("correct horse battery staple");
    CHECK(get_session(journal, id).note == "zanzibar-quokka note");
    CHECK(get_identity(journal, "P1").name == "Rosa Jimenez");
    CHECK(get_identity(journal, "P1").contact == "555-0199");
}

TEST_CASE_FIXTURE(Fixture, "a wrong passphrase is refused and a locked journal says so") {
    std::int64_t id = 0;
    {
        Journal journal = encrypted_journal();
        id = add_noted_session(journal, "locked away");
    }
    Journal journal = Journal::open(path, OpenMode::update);
    CHECK(failure_of([&] { unlock(journal, SecretBuffer::from("wrong")); }) == ErrorKind::privacy);
    CHECK_FALSE(unlocked(journal));
    CHECK(failure_of([&] { get_session(journal, id); }) == ErrorKind::privacy);
    CHECK(get_identity(journal, "P1").name.empty());             // nothing stored: no key needed
    CHECK(failure_of([&] { add_noted_session(journal, ""); }) == // no note, but a keyed event
          ErrorKind::privacy);
    try {
        unlock(journal, SecretBuffer::from("wrong"));
    } catch (const Error& error) {
        CHECK(std::string(error.what()).find("wrong passphrase") != std::string::npos);
    }
}

TEST_CASE_FIXTURE(Fixture, "the passphrase source is asked once, when the key is first needed") {
    { encrypted_journal(); }
    Journal journal = Journal::open(path, OpenMode::update);
    int asked = 0;
    set_passphrase_source(journal, [&] {
        ++asked;
        return SecretBuffer::from("correct horse battery staple");
    });
    get_identity(journal, "P1"); // nothing sealed to show: no key needed
    CHECK(asked == 0);
    add_peer(journal, make_peer("P2")); // its audit event is keyed
    CHECK(asked == 1);
    add_noted_session(journal, "first");
    add_noted_session(journal, "second");
    CHECK(asked == 1);
    CHECK(unlocked(journal));
}

TEST_CASE_FIXTURE(Fixture, "the passphrase is asked before the write lock is taken") {
    { encrypted_journal(); }
    Journal journal = Journal::open(path, OpenMode::update);
    bool lock_free = false;
    set_passphrase_source(journal, [&] {
        SQLite::Database other(path, SQLite::OPEN_READWRITE); // no busy timeout: fails if held
        other.exec("BEGIN IMMEDIATE; COMMIT");
        lock_free = true;
        return SecretBuffer::from("correct horse battery staple");
    });
    add_noted_session(journal, "typed while nobody waits");
    CHECK(lock_free);
}

TEST_CASE_FIXTURE(Fixture, "a sealed value copied to another row fails to decrypt") {
    std::int64_t first = 0, second = 0;
    {
        Journal journal = encrypted_journal();
        first = add_noted_session(journal, "note of the first session");
        second = add_noted_session(journal, "note of the second");
    }
    tamper(path, "UPDATE session SET note = (SELECT note FROM session WHERE id = " +
                     std::to_string(first) + ") WHERE id = " + std::to_string(second));
    Journal journal = reopened("correct horse battery staple");
    CHECK(get_session(journal, first).note == "note of the first session");
    CHECK(failure_of([&] { get_session(journal, second); }) == ErrorKind::corrupt);
}

TEST_CASE_FIXTURE(Fixture, "one flipped byte fails to authenticate") {
    std::int64_t id = 0;
    {
        Journal journal = encrypted_journal();
        id = add_noted_session(journal, "a note that must not be altered");
    }
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    std::string stored = db.execAndGet("SELECT note FROM session").getString();
    stored[30] = static_cast<char>(stored[30] ^ 0x01);
    SQLite::Statement update(db, "UPDATE session SET note = ?");
    update.bind(1, stored.data(), static_cast<int>(stored.size()));
    update.exec();
    Journal journal = reopened("correct horse battery staple");
    CHECK(failure_of([&] { get_session(journal, id); }) == ErrorKind::corrupt);
}

TEST_CASE_FIXTURE(Fixture, "change_passphrase keeps the data and refuses the old passphrase") {
    std::int64_t id = 0;
    std::string wrapped_before;
    {
        Journal journal = encrypted_journal();
        id = add_noted_session(journal, "kept across the change");
        wrapped_before = SQLite::Database(path).execAndGet("SELECT note FROM session").getString();
    }
    {
        // A locked journal is unlocked through its source first: a wrong one changes nothing.
        Journal journal = Journal::open(path, OpenMode::update);
        set_passphrase_source(journal, [] { return SecretBuffer::from("wrong"); });
        CHECK(failure_of([&] {
                  change_passphrase(journal, SecretBuffer::from("a new passphrase"));
              }) == ErrorKind::privacy);
        CHECK_FALSE(unlocked(journal));
    }
    {
        Journal journal = Journal::open(path, OpenMode::update);
        set_passphrase_source(journal,
                              [] { return SecretBuffer::from("correct horse battery staple"); });
        change_passphrase(journal, SecretBuffer::from("a new passphrase"));
    }
    CHECK(SQLite::Database(path).execAndGet("SELECT note FROM session").getString() ==
          wrapped_before);
    Journal journal = Journal::open(path, OpenMode::update);
    CHECK(failure_of([&] { unlock(journal, passphrase); }) == ErrorKind::privacy);
    unlock(journal, SecretBuffer::from("a new passphrase"));
    CHECK(get_session(journal, id).note == "kept across the change");
}

TEST_CASE_FIXTURE(Fixture, "encryption is only turned on for a new, empty journal") {
    {
        Journal journal = encrypted_journal();
        CHECK(failure_of([&] { enable_encryption(journal, passphrase); }) == ErrorKind::conflict);
    }
    TempDir other;
    Journal plain = Journal::open(other.path() / "plain.db", OpenMode::write);
    add_peer(plain, make_peer("P1"));
    add_noted_session(plain, "plain text note");
    CHECK_FALSE(encrypted(plain));
    CHECK(failure_of([&] { enable_encryption(plain, passphrase); }) == ErrorKind::conflict);
    CHECK(get_session(plain, 1).note == "plain text note");
}

TEST_CASE_FIXTURE(Fixture, "core dumps are off while a key is loaded and restored after") {
    rlimit before{};
    ::getrlimit(RLIMIT_CORE, &before);
    {
        Journal journal = encrypted_journal();
        rlimit during{};
        ::getrlimit(RLIMIT_CORE, &during);
        CHECK(during.rlim_cur == 0);
    }
    rlimit after{};
    ::getrlimit(RLIMIT_CORE, &after);
    CHECK(after.rlim_cur == before.rlim_cur);
}

TEST_CASE("a secret buffer holds bytes up to its capacity") {
    SecretBuffer buffer(3);
    buffer.push_back('a');
    buffer.push_back('b');
    buffer.push_back('c');
    CHECK(buffer.size() == 3);
    CHECK_THROWS_AS(buffer.push_back('d'), Error);
    buffer.resize(1);
    CHECK(buffer.size() == 1);
    CHECK(buffer.data()[0] == 'a');
}

namespace {
// Every byte of the journal file (after a checkpoint), as someone with the file would see it.
std::string journal_bytes(const std::filesystem::path& path) {
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

Goal make_goal(std::string text) {
    Goal goal;
    goal.peer_code = "P1";
    goal.domain = GoalDomain::legal;
    goal.text = std::move(text);
    goal.opened_on = goal.status_on = k_today;
    return goal;
}
} // namespace

TEST_CASE_FIXTURE(Fixture, "check-in notes, review comments and goal texts are sealed") {
    std::int64_t goal_id = 0;
    {
        Journal journal = encrypted_journal();
        add_checkin(journal, {0, k_today, 4, 2, true, "okapi-checkin-note", false}, k_today);
        goal_id = add_goal(journal, make_goal("okapi-goal-text court date"), k_today);
        std::int64_t session = add_noted_session(journal, "");
        review_sessions(journal, {session}, {"Dr Lee", k_today, "okapi-review-comment"});
    }
    std::string bytes = journal_bytes(path);
    CHECK(bytes.find("okapi") == std::string::npos);
    {
        SQLite::Database db(path);
        CHECK(db.execAndGet("SELECT typeof(note) FROM checkin").getString() == "blob");
        CHECK(db.execAndGet("SELECT typeof(text) FROM goal").getString() == "blob");
        CHECK(db.execAndGet("SELECT typeof(comment) FROM session_review").getString() == "blob");
    }
    Journal journal = reopened("correct horse battery staple");
    auto checkins = list_checkins(journal, std::nullopt, false, CheckinNotes::include);
    REQUIRE(checkins.size() == 1);
    CHECK(checkins[0].note == "okapi-checkin-note");
    auto goals = list_goals(journal, std::nullopt);
    REQUIRE(goals.size() == 1);
    CHECK(goals[0].text == "okapi-goal-text court date");
    CHECK(
        set_goal_status(journal, goal_id, GoalStatus::progressing, k_today, k_today).text.empty());
}

TEST_CASE_FIXTURE(Fixture, "the record asks the passphrase to write, or to show sealed text") {
    { encrypted_journal(); }
    Journal journal = Journal::open(path, OpenMode::update);
    int asked = 0;
    set_passphrase_source(journal, [&] {
        ++asked;
        return SecretBuffer::from("correct horse battery staple");
    });
    CHECK(list_checkins(journal, std::nullopt, false).size() == 0);
    record_export(journal, "an export"); // changes no record: its event needs no key
    CHECK(asked == 0);
    // Every change to a record appends a keyed audit event: the key is asked for once.
    add_checkin(journal, {0, k_today, 3, 3, false, "", true}, k_today);
    CHECK(asked == 1);
    std::int64_t session = add_noted_session(journal, "");
    review_sessions(journal, {session}, {"Dr Lee", k_today, ""});
    add_checkin(journal, {0, k_today, 3, 3, false, "a private note", true}, k_today);
    CHECK(asked == 1);

    Journal locked = Journal::open(path, OpenMode::update);
    auto listed = list_checkins(locked, std::nullopt, false); // notes left out: no key
    REQUIRE(listed.size() == 2);
    CHECK(listed[1].note.empty());
    CHECK(list_checkins(locked, std::nullopt, true, CheckinNotes::include)[0].note.empty());
    CHECK(failure_of([&] { list_checkins(locked, std::nullopt, false, CheckinNotes::include); }) ==
          ErrorKind::privacy);
    CHECK(failure_of([&] { add_goal(locked, make_goal("needs the key"), k_today); }) ==
          ErrorKind::privacy);
    CHECK(failure_of([&] {
              add_checkin(locked, {0, k_today, 3, 3, false, "", true}, k_today);
          }) == ErrorKind::privacy); // no text to seal, but a keyed event to append
}

TEST_CASE_FIXTURE(Fixture, "a sealed check-in note moved to another row fails to decrypt") {
    {
        Journal journal = encrypted_journal();
        add_checkin(journal, {0, k_today, 4, 2, false, "first note", false}, k_today);
        add_checkin(journal, {0, k_today, 4, 2, false, "second note", false}, k_today);
    }
    tamper(path, "UPDATE checkin SET note = (SELECT note FROM checkin WHERE id = 1) WHERE id = 2");
    Journal journal = reopened("correct horse battery staple");
    CHECK(failure_of([&] { list_checkins(journal, std::nullopt, false, CheckinNotes::include); }) ==
          ErrorKind::corrupt);
}

TEST_CASE_FIXTURE(Fixture, "encryption is refused for a journal that already holds goals") {
    Journal journal = Journal::open(path, OpenMode::write);
    add_peer(journal, make_peer("P1"));
    add_goal(journal, make_goal("stored in the clear"), k_today);
    CHECK(failure_of([&] { enable_encryption(journal, passphrase); }) == ErrorKind::conflict);
    CHECK(list_goals(journal, std::nullopt)[0].text == "stored in the clear");
}

TEST_CASE_FIXTURE(Fixture, "disclosure purposes and dual relationships are sealed like notes") {
    std::int64_t id = 0;
    {
        Journal journal = encrypted_journal();
        Session session = half_hour_contact("P1", k_today);
        session.disclosure = "axolotl-disclosure-purpose";
        session.facts.dual_relationship = "axolotl-neighbour";
        id = add_session(journal, session, k_today);
        SessionEdit edit; // an edit that leaves the private text alone keeps it sealed
        edit.minutes = 40;
        edit_session(journal, id, edit, k_today);
    }
    CHECK(journal_bytes(path).find("axolotl") == std::string::npos);
    {
        SQLite::Database db(path);
        CHECK(db.execAndGet("SELECT typeof(disclosure) || typeof(dual_relationship) FROM session")
                  .getString() == "blobblob");
        CHECK(db.execAndGet("SELECT disclosed FROM session").getInt() == 1);
    }
    Journal locked = Journal::open(path, OpenMode::read);
    auto listed = list_sessions(locked, {}); // no private text asked for: no key needed
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].disclosed);
    CHECK(listed[0].disclosure.empty());
    CHECK(listed[0].facts.dual_relationship.empty());
    CHECK(failure_of([&] { get_session(locked, id); }) == ErrorKind::privacy);

    Journal journal = reopened("correct horse battery staple");
    Session shown = get_session(journal, id);
    CHECK(shown.minutes == 40);
    CHECK(shown.disclosure == "axolotl-disclosure-purpose");
    CHECK(shown.facts.dual_relationship == "axolotl-neighbour");
    SessionFilter with_text;
    with_text.include_notes = true;
    CHECK(list_sessions(journal, with_text)[0].disclosure == "axolotl-disclosure-purpose");
}

TEST_CASE_FIXTURE(Fixture,
                  "a note search opens the notes the other filters let through, nothing else") {
    std::int64_t outside = 0, inside = 0;
    {
        Journal journal = encrypted_journal();
        Session earlier = half_hour_contact("P1", ymd(2026, 11, 2));
        earlier.note = "court, two weeks before";
        outside = add_session(journal, earlier, k_today);
        Session session = earlier;
        session.date = k_today;
        session.note = "talked about the COURT date";
        session.disclosure = "axolotl-purpose";
        inside = add_session(journal, session, k_today);
    }
    // Damage what the search must not open: the note of the session outside the week and the
    // disclosure purpose of the one inside. Opening either fails to authenticate.
    tamper(path, fmt::format("UPDATE session SET note = zeroblob(60) WHERE id = {}", outside));
    tamper(path, fmt::format("UPDATE session SET disclosure = zeroblob(60) WHERE id = {}", inside));
    SessionFilter week;
    week.period = period_of_week(parse_week("2026-W47", k_today));
    week.note_search.emplace("court date");

    Journal locked = Journal::open(path, OpenMode::read);
    CHECK(failure_of([&] { session_listing(locked, week); }) == ErrorKind::privacy);

    Journal journal = reopened("correct horse battery staple");
    SessionListing listing = session_listing(journal, week);
    REQUIRE(listing.sessions.size() == 1);
    CHECK(listing.sessions[0].session.id == inside);
    REQUIRE(listing.sessions[0].note_match);
    CHECK(listing.sessions[0].note_match->line == "talked about the COURT date");
    week.include_notes = true; // now the damaged purpose is opened too
    CHECK(failure_of([&] { session_listing(journal, week); }) == ErrorKind::corrupt);
    SessionFilter all;
    all.note_search.emplace("court date"); // and over all time, the damaged note
    CHECK(failure_of([&] { session_listing(journal, all); }) == ErrorKind::corrupt);
}

TEST_CASE_FIXTURE(Fixture, "a disclosure purpose written in the clear by an older peerlog reads") {
    std::int64_t id = 0;
    {
        Journal journal = encrypted_journal();
        id = add_noted_session(journal, "");
    }
    tamper(path, "UPDATE session SET disclosure = 'to show recovery is possible', disclosed = 1, "
                 "dual_relationship = 'neighbour'");
    Journal journal = reopened("correct horse battery staple");
    Session session = get_session(journal, id);
    CHECK(session.disclosure == "to show recovery is possible");
    CHECK(session.facts.dual_relationship == "neighbour");
    SessionEdit edit;
    edit.disclosure = "to show that setbacks pass";
    edit_session(journal, id, edit, k_today);
    SQLite::Database db(path);
    CHECK(db.execAndGet("SELECT typeof(disclosure) FROM session").getString() == "blob");
}

TEST_CASE_FIXTURE(Fixture,
                  "a sealed disclosure purpose moved to another session fails to decrypt") {
    {
        Journal journal = encrypted_journal();
        for (const char* purpose : {"first purpose", "second purpose"}) {
            Session session = half_hour_contact("P1", k_today);
            session.disclosure = purpose;
            add_session(journal, session, k_today);
        }
    }
    tamper(path, "UPDATE session SET disclosure = (SELECT disclosure FROM session WHERE id = 1) "
                 "WHERE id = 2");
    Journal journal = reopened("correct horse battery staple");
    CHECK(get_session(journal, 1).disclosure == "first purpose");
    CHECK(failure_of([&] { get_session(journal, 2); }) == ErrorKind::corrupt);
}

TEST_CASE_FIXTURE(Fixture, "a new passphrase needs at least 8 characters") {
    for (const char* short_one :
         {"abc", "7 chars", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"}) {
        INFO(short_one);
        CHECK(failure_of([&] { check_new_passphrase(SecretBuffer::from(short_one)); }) ==
              ErrorKind::invalid_data);
    }
    check_new_passphrase(SecretBuffer::from("8 chars!"));
    check_new_passphrase(
        SecretBuffer::from("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"));
    {
        Journal journal = Journal::open(path, OpenMode::write);
        CHECK(failure_of([&] { enable_encryption(journal, SecretBuffer::from("abc")); }) ==
              ErrorKind::invalid_data);
        CHECK_FALSE(encrypted(journal));
    }
    Journal journal = encrypted_journal();
    CHECK(failure_of([&] { change_passphrase(journal, SecretBuffer::from("abc")); }) ==
          ErrorKind::invalid_data);
    Journal again = Journal::open(path, OpenMode::update);
    CHECK_NOTHROW(unlock(again, passphrase));
}

TEST_CASE_FIXTURE(Fixture, "a source with attempts is asked again while the passphrase is wrong") {
    { encrypted_journal(); }
    std::vector<std::string> answers;
    int asked = 0;
    auto source = [&] { return SecretBuffer::from(answers.at(asked++)); };
    SUBCASE("the third attempt unlocks") {
        Journal journal = Journal::open(path, OpenMode::update);
        answers = {"wrong", "also wrong", "correct horse battery staple"};
        set_passphrase_source(journal, source, 3);
        add_noted_session(journal, "after two mistakes");
        CHECK(asked == 3);
        CHECK(unlocked(journal));
    }
    SUBCASE("three wrong ones are refused") {
        Journal journal = Journal::open(path, OpenMode::update);
        answers = {"wrong", "wrong", "wrong", "correct horse battery staple"};
        set_passphrase_source(journal, source, 3);
        try {
            add_noted_session(journal, "never saved");
            FAIL("a wrong passphrase unlocked");
        } catch (const Error& error) {
            CHECK(error.kind() == ErrorKind::privacy);
            CHECK(std::string(error.what()).find("3 attempts") != std::string::npos);
        }
        CHECK(asked == 3);
    }
    SUBCASE("a passphrase change asks for the current one the same way") {
        Journal journal = Journal::open(path, OpenMode::update);
        answers = {"wrong", "correct horse battery staple"};
        set_passphrase_source(journal, source, 3);
        change_passphrase(journal, SecretBuffer::from("a new passphrase"));
        CHECK(asked == 2);
        Journal changed = Journal::open(path, OpenMode::update);
        CHECK_NOTHROW(unlock(changed, SecretBuffer::from("a new passphrase")));
    }
    SUBCASE("a passphrase change refuses three wrong current ones") {
        Journal journal = Journal::open(path, OpenMode::update);
        answers = {"wrong", "wrong", "wrong", "correct horse battery staple"};
        set_passphrase_source(journal, source, 3);
        CHECK(failure_of([&] {
                  change_passphrase(journal, SecretBuffer::from("a new passphrase"));
              }) == ErrorKind::privacy);
        CHECK(asked == 3);
    }
    SUBCASE("a source of one attempt (a file) is asked once") {
        Journal journal = Journal::open(path, OpenMode::update);
        answers = {"wrong", "correct horse battery staple"};
        set_passphrase_source(journal, source);
        CHECK(failure_of([&] { add_noted_session(journal, "never saved"); }) == ErrorKind::privacy);
        CHECK(asked == 1);
    }
}

TEST_CASE_FIXTURE(Fixture, "a passphrase change is audited, without the passphrase") {
    Journal journal = encrypted_journal();
    change_passphrase(journal, SecretBuffer::from("a new passphrase"));
    auto events = list_audit(journal, std::nullopt);
    REQUIRE_FALSE(events.empty());
    CHECK(events.back().action == "passphrase.change");
    CHECK(events.back().object == "journal");
    for (const auto& event : events) {
        CHECK(event.summary.find("a new passphrase") == std::string::npos);
        CHECK(event.summary.find("correct horse") == std::string::npos);
    }
    CHECK(verify_audit(journal).intact());
}
