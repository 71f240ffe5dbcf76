// Unit tests of opening, creating and migrating the journal.
#include "migrations.hpp"
#include "old_journal.hpp"
#include "peerlog/disclosure.hpp"
#include "peerlog/error.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/session_store.hpp"
#include "test_journal.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace peerlog;
using peerlog::testing::create_at_schema;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}
unsigned mode_of(const std::filesystem::path& path) {
    struct stat info {};
    ::stat(path.c_str(), &info);
    return info.st_mode & 0777;
}
ErrorKind open_failure(const std::filesystem::path& path, OpenMode mode) {
    try {
        Journal::open(path, mode);
    } catch (const Error& error) {
        return error.kind();
    }
    FAIL("the journal opened");
    return ErrorKind::usage;
}
} // namespace

TEST_CASE("the schema version matches the number of migrations") {
    CHECK(static_cast<int>(migrations().size()) == k_schema_version);
}

TEST_CASE("a new journal is created private, in a private directory, at the current schema") {
    TempDir dir;
    auto path = dir.path() / "new" / "deeper" / "journal.db";
    Journal journal = Journal::open(path, OpenMode::write);
    CHECK(journal.created());
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of(path.parent_path()) == 0700);
    CHECK(mode_of(path.parent_path().parent_path()) == 0700);
    CHECK(journal.schema_version_found() == 0);
    CHECK(journal.integrity_check() == "ok");
    CHECK_FALSE(journal.permission_warning().has_value());

    SQLite::Database raw(path.string());
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == k_schema_version);
    CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("reopening a journal does not migrate it again") {
    TempDir dir;
    auto path = dir.path() / "journal.db";
    { Journal::open(path, OpenMode::write); }
    Journal again = Journal::open(path, OpenMode::read);
    CHECK_FALSE(again.created());
    CHECK(again.schema_version_found() == k_schema_version);
}

TEST_CASE("a read of a missing journal is 'not found' and creates nothing") {
    TempDir dir;
    auto path = dir.path() / "missing.db";
    CHECK(open_failure(path, OpenMode::read) == ErrorKind::not_found);
    CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("a journal from a newer peerlog is refused and left byte for byte as it was") {
    TempDir dir;
    auto path = dir.path() / "journal.db";
    { Journal::open(path, OpenMode::write); }
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA journal_mode = DELETE"); // so the bytes are all in one file
        raw.exec(fmt::format("PRAGMA user_version = {}", k_schema_version + 1));
    }
    std::string before = file_bytes(path);
    CHECK(open_failure(path, OpenMode::write) == ErrorKind::corrupt);
    CHECK(open_failure(path, OpenMode::read) == ErrorKind::corrupt);
    CHECK(file_bytes(path) == before);
}

TEST_CASE("files that are not peerlog journals are refused, not migrated") {
    TempDir dir;
    auto text_file = dir.path() / "notes.txt";
    std::ofstream(text_file) << "this is not a database, just some text that is long enough to "
                                "fill the header SQLite reads first................";
    CHECK(open_failure(text_file, OpenMode::write) == ErrorKind::corrupt);

    auto other_db = dir.path() / "other.db";
    {
        SQLite::Database(other_db.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)
            .exec("CREATE TABLE t (x)");
    }
    std::string before = file_bytes(other_db);
    CHECK(open_failure(other_db, OpenMode::write) == ErrorKind::corrupt);
    CHECK(file_bytes(other_db) == before);
}

TEST_CASE("a journal readable by others is opened with a warning") {
    TempDir dir;
    auto path = dir.path() / "journal.db";
    { Journal::open(path, OpenMode::write); }
    ::chmod(path.c_str(), 0644);
    Journal journal = Journal::open(path, OpenMode::read);
    REQUIRE(journal.permission_warning().has_value());
    CHECK(journal.permission_warning()->find("chmod 600") != std::string::npos);
}

TEST_CASE("a journal in a directory open to others warns, whatever the directory's name") {
    TempDir dir;
    auto folder = dir.path() / "x";
    std::filesystem::create_directory(folder);
    auto path = folder / "j.db";
    { Journal::open(path, OpenMode::write); }
    ::chmod(folder.c_str(), 0700);
    CHECK_FALSE(Journal::open(path, OpenMode::read).permission_warning().has_value());
    ::chmod(folder.c_str(), 0755);
    auto warning = Journal::open(path, OpenMode::read).permission_warning();
    REQUIRE(warning.has_value());
    CHECK(warning->find("chmod 700 " + folder.string()) != std::string::npos);
    ::chmod(folder.c_str(), 0700);
}

TEST_CASE("a journal in a shared sticky directory like /tmp is told to move, not to chmod it") {
    TempDir dir;
    auto folder = dir.path() / "shared";
    std::filesystem::create_directory(folder);
    auto path = folder / "j.db";
    { Journal::open(path, OpenMode::write); }
    ::chmod(folder.c_str(), 01777);
    auto warning = Journal::open(path, OpenMode::read).permission_warning();
    ::chmod(folder.c_str(), 0700);
    REQUIRE(warning.has_value());
    CHECK(warning->find("mode 1777") != std::string::npos);
    CHECK(warning->find("chmod 700") == std::string::npos);
    CHECK(warning->find("private directory of your own") != std::string::npos);
    CHECK(warning->find("mkdir -p -m 700") != std::string::npos);
    CHECK(warning->find("peerlog --journal " + path.string() + " backup ") != std::string::npos);
    CHECK(warning->find(", then use ") != std::string::npos);
}

TEST_CASE("a -wal or -shm file readable by others warns") {
    TempDir dir;
    auto path = dir.path() / "journal.db";
    Journal journal = Journal::open(path, OpenMode::write);
    auto wal = path.string() + "-wal";
    REQUIRE(std::filesystem::exists(wal));
    CHECK_FALSE(journal.permission_warning().has_value());
    ::chmod(wal.c_str(), 0644);
    REQUIRE(journal.permission_warning().has_value());
    CHECK(journal.permission_warning()->find("chmod 600 " + wal) != std::string::npos);
}

TEST_CASE("a directory, FIFO or device as the journal is an unusable journal, never opened") {
    TempDir dir;
    CHECK(open_failure(dir.path(), OpenMode::write) == ErrorKind::corrupt);
    auto fifo = dir.path() / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Opening a FIFO for reading would wait for a writer: this returns at once.
    for (auto mode : {OpenMode::read, OpenMode::update, OpenMode::write}) {
        CHECK(open_failure(fifo, mode) == ErrorKind::corrupt);
    }
    CHECK(std::filesystem::is_fifo(fifo));
    CHECK(open_failure("/dev/null", OpenMode::read) == ErrorKind::corrupt);
}

TEST_CASE("a read of an empty journal file is 'not found' and leaves it empty") {
    TempDir dir;
    auto path = dir.path() / "journal.db";
    std::ofstream{path};
    CHECK(open_failure(path, OpenMode::read) == ErrorKind::not_found);
    CHECK(std::filesystem::file_size(path) == 0);
}

TEST_CASE("a migration that fails midway is 'corrupt' and rolls back to the old version") {
    TempDir dir;
    auto path = dir.path() / "journal.db";
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA application_id = 1346718791"); // peerlog's, at version 0
        raw.exec("CREATE TABLE session (x)");           // clashes with the first migration
    }
    CHECK(open_failure(path, OpenMode::write) == ErrorKind::corrupt);
    SQLite::Database raw(path.string());
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 0);
    CHECK(raw.execAndGet("SELECT group_concat(name) FROM sqlite_master").getString() == "session");
}

TEST_CASE("a schema 3 journal upgrades and never gives again an id deleted before or after") {
    TempDir dir;
    auto path = dir.path() / "journal.db";
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        create_at_schema(raw, 3);
        raw.exec("INSERT INTO peer (id, code, since, created_at, updated_at) VALUES "
                 "(1, 'P1', '2026-01-05', 'x', 'x'), (2, 'P2', '2026-01-05', 'x', 'x')");
        raw.exec("INSERT INTO session (id, peer_id, date, minutes, modality, setting, "
                 "support_mask, created_at, updated_at) VALUES (1, 1, '2026-11-17', 30, "
                 "'in-person', 'office', 1, 'x', 'x')");
        // Peer 3 (forgotten as an older peerlog named it), session 4 and disclosure 2 were
        // deleted before the upgrade: only the audit trail still names them.
        raw.exec("INSERT INTO audit_event (at, action, object, summary, prev_hash, hash) VALUES "
                 "('t', 'peer.forget', 'peer #3 OLD', 's', 'h', 'h'), "
                 "('t', 'session.remove', 'session 4', 'deleted', 'h', 'h'), "
                 "('t', 'disclosure', 'disclosure 2', 's', 'h', 'h'), "
                 "('t', 'peer.forget', 'peer P9', 's', 'h', 'h'), "
                 "('t', 'consent.add', 'consent 5', 's', 'h', 'h')");
    }
    Journal journal = Journal::open(path, OpenMode::update);
    {
        SQLite::Database raw(path.string());
        CHECK(raw.execAndGet("PRAGMA user_version").getInt() == k_schema_version);
        CHECK(raw.execAndGet("SELECT group_concat(name || ' ' || id, ', ') FROM (SELECT * FROM "
                             "id_high_water ORDER BY name)")
                  .getString() == "assessment 0, checkin 0, consent 5, disclosure 2, goal 0, "
                                  "group 0, peer 3, referral 0, resource 0, review 0, "
                                  "session 4, supervision 0");
    }
    Peer peer;
    peer.code = "P4";
    peer.since = ymd(2026, 11, 1);
    CHECK(add_peer(journal, peer) == 4); // not 3, the forgotten peer's
    Session session;
    session.peer_code = "P4";
    session.date = ymd(2026, 11, 17);
    session.minutes = 30;
    session.support = SupportSet::parse("emotional");
    const Date today = ymd(2026, 11, 18);
    auto newest = add_session(journal, session, today);
    CHECK(newest == 5); // not 2 nor 4
    remove_session(journal, newest);
    CHECK(add_session(journal, session, today) == 6);
    forget_peer(journal, "P4"); // the newest peer, with the newest session
    peer.code = "P5";
    CHECK(add_peer(journal, peer) == 5);
    session.peer_code = "P5";
    CHECK(add_session(journal, session, today) == 7);
}

TEST_CASE("a schema 4 journal (peerlog 0.1.0) upgrades: ids stay unique, disclosures get peers") {
    TempDir dir;
    auto path = dir.path() / "journal.db";
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        create_at_schema(raw, 4);
        // P1 was disclosed as P1 and renamed P7 since; P2 holds its code from before the
        // disclosure; P3 took the code P1 after it was made.
        raw.exec("INSERT INTO peer (id, code, since, created_at, updated_at) VALUES "
                 "(1, 'P7', '2026-01-05', '2026-01-05T10:00:00Z', 'x'), "
                 "(2, 'P2', '2026-01-05', '2026-01-05T10:00:00Z', 'x'), "
                 "(3, 'P1', '2026-11-01', '2026-11-01T10:00:00Z', 'x')");
        raw.exec("INSERT INTO disclosure (id, at, recipient, purpose, information, period_from, "
                 "period_to) VALUES (1, '2026-06-01T10:00:00Z', 'Dr Lee', '', 'notes', "
                 "'2026-05-25', '2026-05-31')");
        raw.exec("INSERT INTO disclosure_peer (disclosure_id, peer_code) VALUES (1, 'P1'), "
                 "(1, 'p2')");
    }
    Journal journal = Journal::open(path, OpenMode::update);
    {
        SQLite::Database raw(path.string());
        CHECK(raw.execAndGet("PRAGMA user_version").getInt() == k_schema_version);
        // P3 did not exist when P1 was disclosed: that row is no one's by id.
        CHECK(raw.execAndGet("SELECT group_concat(peer_code || '=' || coalesce(peer_id, 'none'), "
                             "' ') FROM (SELECT * FROM disclosure_peer ORDER BY peer_code)")
                  .getString() == "P1=none p2=2");
    }
    Peer peer;
    peer.code = "P4";
    peer.since = ymd(2026, 11, 1);
    CHECK(add_peer(journal, peer) == 4);
    // P3, now P1: a row with no id is found by its code alone (the limit of the upgrade).
    forget_peer(journal, "P1");
    auto disclosures = list_disclosures(journal, "");
    REQUIRE(disclosures.size() == 1);
    CHECK(disclosures[0].peer_codes == std::vector<std::string>{k_forgotten_peer, "p2"});
}

TEST_CASE("a schema 5 journal upgrades: its backups are read from their audit events") {
    TempDir dir;
    auto path = dir.path() / "journal.db";
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        create_at_schema(raw, 5);
        raw.exec("INSERT INTO audit_event (id, at, action, object, summary, prev_hash, hash) "
                 "VALUES (1, '2026-11-02T09:00:00Z', 'backup', 'journal', '1 peer and 2 sessions "
                 "copied to /home/me/copies/a b.db', 'g', 'h1'), (2, '2026-11-03T09:00:00Z', "
                 "'export', 'export', 'week 2026-W45', 'h1', 'h2')");
    }
    Journal journal = Journal::open(path, OpenMode::update);
    SQLite::Database raw(path.string());
    CHECK(raw.execAndGet("SELECT group_concat(at || ' ' || path, '|') FROM backup_copy")
              .getString() == "2026-11-02T09:00:00Z /home/me/copies/a b.db");
    CHECK(raw.execAndGet("SELECT count(*) FROM pending_scrub").getInt() == 0);
}
