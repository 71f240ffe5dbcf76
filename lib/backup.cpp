// Backing up a journal with VACUUM INTO, into an unnamed private file named once it is whole.
#include "peerlog/backup.hpp"

#include "audit_log.hpp"
#include "backup_copies.hpp"
#include "descriptor_database.hpp"
#include "journal_db.hpp"
#include "json_codec.hpp"
#include "peerlog/error.hpp"
#include "peerlog/output_file.hpp"
#include "peerlog/plural.hpp"

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void cannot_write(const fs::path& path, const std::string& why) {
    throw Error(ErrorKind::io, fmt::format("cannot write the backup {}: {}. The journal is "
                                           "unchanged; nothing was backed up.",
                                           path.string(), why));
}

long long count_rows(SQLite::Database& db, const char* table) {
    return db.execAndGet(fmt::format("SELECT count(*) FROM {}", table)).getInt64();
}

// Copies the journal into the unnamed file `copy` (VACUUM INTO: one read snapshot, which
// never blocks a writer; one self-contained file, no -wal) and reads its figures back from it.
BackupResult copy_journal(Journal& journal, const OutputFile& copy, const fs::path& destination) {
    BackupResult result;
    try {
        auto& impl = journal.impl();
        vacuum_into_descriptor(sqlite3_db_filename(impl.db.getHandle(), "main"), copy.descriptor(),
                               impl.busy_timeout_ms);
    } catch (const SQLite::Exception& error) {
        if (error.getErrorCode() == SQLITE_BUSY || error.getErrorCode() == SQLITE_LOCKED) {
            throw Error(ErrorKind::busy, fmt::format("the journal stayed busy while it was being "
                                                     "copied ({}); nothing was backed up. Try "
                                                     "again in a moment.",
                                                     error.what()));
        }
        cannot_write(destination, error.what());
    }
    SQLite::Database target = open_descriptor_database(copy.descriptor());
    result.integrity = target.execAndGet("PRAGMA integrity_check").getString();
    result.peers = count_rows(target, "peer");
    result.sessions = count_rows(target, "session");
    result.audit_events = count_rows(target, "audit_event");
    result.encrypted = count_rows(target, "journal_key") > 0;
    return result;
}

// Refused before anything is written: not a file name at all.
void refuse_destination(const fs::path& destination) {
    std::error_code error;
    if (destination.filename() == "-") {
        throw Error(ErrorKind::usage, "a backup is a database file, not text for stdout: give "
                                      "it a file name, e.g. journal-backup.db.");
    }
    if (fs::is_directory(fs::symlink_status(destination, error))) { // a link: OutputFile's
        throw Error(ErrorKind::usage, fmt::format("{} is a directory: give the backup a file name "
                                                  "in it, e.g. {}.",
                                                  destination.string(),
                                                  (destination / "journal-backup.db").string()));
    }
}

} // namespace

BackupResult backup_journal(Journal& journal, const fs::path& destination_as_given,
                            ReplaceExisting replace) {
    fs::path destination = fs::absolute(destination_as_given);
    refuse_destination(destination);
    // The journal itself (however named), a link another user planted, a pipe or a device, an
    // existing file without ReplaceExisting::yes: refused by OutputFile before any copy.
    OutputFile copy = OutputFile::create({destination_as_given, journal.path(), replace});
    BackupResult result = copy_journal(journal, copy, destination);
    if (result.integrity != "ok") {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the copy failed its integrity check ({}); nothing was backed "
                                "up. Check the journal with `sqlite3 {} 'PRAGMA "
                                "integrity_check'`.",
                                result.integrity, journal.path().string()));
    }
    copy.finish();
    // Recorded in a short transaction once the copy is whole, then named: a kill in between
    // leaves an event for a backup that is not there (counted once too often), never a copy of
    // the journal the trail does not know of.
    write_transaction(
        journal,
        [&](SQLite::Database& db) {
            append_audit(db, "backup", "journal",
                         fmt::format("{} and {} copied to {}", counted(result.peers, "peer"),
                                     counted(result.sessions, "session"), destination.string()));
            result.audit_id = db.getLastInsertRowid();
            record_backup_copy(db, destination); // so a forget can name the copies holding a peer
        },
        AuditKeyUse::none); // a backup changes no record: no passphrase needed
    try {
        copy.publish();
    } catch (const Error& error) {
        throw Error(error.kind(), fmt::format("{} The backup event {} stays in the audit trail: a "
                                              "backup counted that was not written.",
                                              error.what(), result.audit_id));
    }
    result.path = destination;
    return result;
}

void write_backup_result(std::ostream& out, const BackupResult& r, OutputFormat format) {
    if (format == OutputFormat::json) {
        write_json(out,
                   Json{{"schema_version", 1},
                        {"kind", "peerlog.backup"},
                        {"path", r.path.string()},
                        {"peers", r.peers},
                        {"sessions", r.sessions},
                        {"audit_events", r.audit_events},
                        {"encrypted", r.encrypted},
                        {"integrity", r.integrity}},
                   false);
        return;
    }
    out << fmt::format("backed up {}, {} and {} to {} (integrity {}{})\n", counted(r.peers, "peer"),
                       counted(r.sessions, "session"), counted(r.audit_events, "audit event"),
                       r.path.string(), r.integrity,
                       r.encrypted ? "; encrypted with the journal's passphrase" : "");
}

} // namespace peerlog
