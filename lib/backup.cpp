// Backing up a journal with SQLite's online backup API, into a private file renamed into place.
#include "peerlog/backup.hpp"

#include "audit_log.hpp"
#include "backup_copies.hpp"
#include "journal_db.hpp"
#include "json_codec.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Exception.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void cannot_write(const fs::path& path, const std::string& why) {
    throw Error(ErrorKind::io, fmt::format("cannot write the backup {}: {}. The journal is "
                                           "unchanged; nothing was backed up.",
                                           path.string(), why));
}

// A new, empty, private (0600) file beside `destination`, for the copy to be built in.
fs::path private_temporary_beside(const fs::path& destination) {
    fs::path directory = destination.parent_path().empty() ? "." : destination.parent_path();
    std::string name = (directory / ("." + destination.filename().string() + ".XXXXXX")).string();
    int fd = ::mkstemp(name.data());
    if (fd < 0) {
        cannot_write(destination, std::strerror(errno));
    }
    ::fchmod(fd, 0600);
    ::close(fd);
    return name;
}

// fsync of a file or directory; false (errno set) when it fails.
bool synced(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    bool ok = ::fsync(fd) == 0;
    int saved = errno;
    ::close(fd);
    errno = saved;
    return ok;
}

// Syncs the copy before the rename publishes it.
void sync_path(const fs::path& path, const fs::path& reported) {
    if (!synced(path)) {
        cannot_write(reported, std::strerror(errno));
    }
}

long long count_rows(SQLite::Database& db, const char* table) {
    return db.execAndGet(fmt::format("SELECT count(*) FROM {}", table)).getInt64();
}

// Copies every page of `source` into the file `copy`, makes it one self-contained file
// (rollback journal, not WAL) and reads its figures back from it.
BackupResult copy_pages(SQLite::Database& source, const fs::path& copy) {
    BackupResult result;
    SQLite::Database target(copy.string(), SQLite::OPEN_READWRITE);
    SQLite::Backup backup(target, source);
    // All pages in one step: one consistent snapshot. SQLiteCpp returns (does not throw) BUSY
    // and LOCKED, when another connection holds a lock the copy needs.
    int step = backup.executeStep();
    if (step != SQLITE_DONE) {
        throw Error(ErrorKind::busy, fmt::format("the journal stayed busy while it was being "
                                                 "copied ({}); nothing was backed up. Try again "
                                                 "in a moment.",
                                                 sqlite3_errstr(step)));
    }
    target.exec("PRAGMA journal_mode = DELETE");
    result.integrity = target.execAndGet("PRAGMA integrity_check").getString();
    result.peers = count_rows(target, "peer");
    result.sessions = count_rows(target, "session");
    result.audit_events = count_rows(target, "audit_event");
    result.encrypted = count_rows(target, "journal_key") > 0;
    return result;
}

void refuse_destination(Journal& journal, const fs::path& destination, ReplaceExisting replace) {
    std::error_code error;
    if (destination.filename() == "-") {
        throw Error(ErrorKind::usage, "a backup is a database file, not text for stdout: give "
                                      "it a file name, e.g. journal-backup.db.");
    }
    if (fs::exists(destination, error) && fs::equivalent(destination, journal.path(), error)) {
        throw Error(ErrorKind::usage,
                    fmt::format("{} is the journal itself: give the backup another file name.",
                                destination.string()));
    }
    if (fs::is_directory(destination, error)) {
        throw Error(ErrorKind::usage, fmt::format("{} is a directory: give the backup a file name "
                                                  "in it, e.g. {}.",
                                                  destination.string(),
                                                  (destination / "journal-backup.db").string()));
    }
    auto status = fs::symlink_status(destination, error);
    if (fs::exists(status) && !fs::is_regular_file(status)) {
        // A rename over a device, pipe or link would replace it (as root, even /dev/null).
        throw Error(ErrorKind::usage,
                    fmt::format("{} is not a regular file (a device, pipe or link): give the "
                                "backup a file name of its own.",
                                destination.string()));
    }
    if (replace == ReplaceExisting::no && fs::exists(destination, error)) {
        throw Error(ErrorKind::conflict,
                    fmt::format("{} exists already; nothing was backed up. Give another file "
                                "name, or --force to replace it.",
                                destination.string()));
    }
}

} // namespace

BackupResult backup_journal(Journal& journal, const fs::path& destination_as_given,
                            ReplaceExisting replace) {
    fs::path destination = fs::absolute(destination_as_given);
    refuse_destination(journal, destination, replace);
    fs::path temporary = private_temporary_beside(destination);
    try {
        BackupResult result;
        try {
            result = copy_pages(journal.impl().db, temporary);
        } catch (const SQLite::Exception& error) {
            cannot_write(destination, error.what());
        }
        if (result.integrity != "ok") {
            throw Error(ErrorKind::corrupt,
                        fmt::format("the copy failed its integrity check ({}); nothing was backed "
                                    "up. Check the journal with `sqlite3 {} 'PRAGMA "
                                    "integrity_check'`.",
                                    result.integrity, journal.path().string()));
        }
        sync_path(temporary, destination);
        // The rename is the transaction's last step, so the event commits only for a copy
        // that is in place (a failed commit after it is the one case left: SQLite's own).
        write_transaction(
            journal,
            [&](SQLite::Database& db) {
                append_audit(db, "backup", "journal",
                             fmt::format("{} and {} copied to {}", counted(result.peers, "peer"),
                                         counted(result.sessions, "session"),
                                         destination.string()));
                result.audit_id = db.getLastInsertRowid();
                record_backup_copy(db, destination);
                if (std::rename(temporary.c_str(), destination.c_str()) != 0) {
                    cannot_write(destination, std::strerror(errno));
                }
            },
            AuditKeyUse::none); // a backup changes no record: no passphrase needed
        result.path = destination;
        if (!synced(destination.parent_path())) {
            throw Error(ErrorKind::io,
                        fmt::format("the backup {} was written, but its directory could not be "
                                    "synced ({}): a power cut now could still lose it.",
                                    destination.string(), std::strerror(errno)));
        }
        return result;
    } catch (...) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
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
