// Opening, creating and migrating the journal; transactions and SQLite error translation.
#include "journal_db.hpp"

#include "migrations.hpp"
#include "peerlog/error.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void throw_translated(const SQLite::Exception& error, const fs::path& path) {
    std::string where = path.string();
    switch (error.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw Error(ErrorKind::busy,
                    fmt::format("the journal {} is busy: another peerlog is writing to it. Nothing "
                                "was saved; try again in a moment.",
                                where));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        throw Error(ErrorKind::corrupt,
                    fmt::format("{} is not a usable peerlog journal ({}). It was left as it is; "
                                "restore it from a backup or point --journal at the right file.",
                                where, error.what()));
    case SQLITE_FULL:
        throw Error(ErrorKind::io, fmt::format("the disk holding {} is full; nothing was saved. "
                                               "Free some space and try again.",
                                               where));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
        throw Error(ErrorKind::io,
                    fmt::format("cannot write the journal {} ({}); nothing was saved. Check the "
                                "file's and its directory's permissions and free space.",
                                where, error.what()));
    case SQLITE_CONSTRAINT:
        throw Error(ErrorKind::conflict,
                    fmt::format("the journal refused the change: {}.", error.what()));
    default:
        throw Error(ErrorKind::io, fmt::format("journal {}: {}", where, error.what()));
    }
}

// Runs `body`, turning SQLite exceptions into peerlog::Error.
template <class Body> auto translating(const fs::path& path, Body&& body) {
    try {
        return body();
    } catch (const SQLite::Exception& error) {
        throw_translated(error, path);
    }
}

// Creates each missing directory above `path` as 0700 (whatever the umask), outermost first.
void create_private_directories(const fs::path& directory) {
    if (directory.empty() || fs::exists(directory)) {
        return;
    }
    create_private_directories(directory.parent_path());
    if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
        throw Error(ErrorKind::io, fmt::format("cannot create the directory {} for the journal: "
                                               "{}.",
                                               directory.string(), std::strerror(errno)));
    }
    ::chmod(directory.c_str(), 0700);
}

// Creates missing parent directories as 0700 and the file as 0600, before SQLite sees it.
void create_private_file(const fs::path& path) {
    create_private_directories(path.parent_path());
    int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
        throw Error(ErrorKind::io, fmt::format("cannot create the journal {}: {}.", path.string(),
                                               std::strerror(errno)));
    }
    if (fd >= 0) {
        ::close(fd);
    }
}

int pragma_int(SQLite::Database& db, const char* pragma) {
    return db.execAndGet(fmt::format("PRAGMA {}", pragma)).getInt();
}

// Refuses files that are not (empty or) peerlog journals of a version this build knows.
void check_identity(SQLite::Database& db, const fs::path& path, int version) {
    int application_id = pragma_int(db, "application_id");
    if (application_id != 0 && application_id != k_application_id &&
        application_id != k_encrypted_application_id) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("{} is an SQLite database of another program, not a peerlog "
                                "journal. It was left as it is.",
                                path.string()));
    }
    if (application_id == 0 && db.execAndGet("SELECT count(*) FROM sqlite_master").getInt() > 0) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("{} is an SQLite database but not a peerlog journal. It was left "
                                "as it is.",
                                path.string()));
    }
    if (version > k_schema_version) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the journal {} was written by a newer peerlog (schema {}; this "
                                "peerlog knows up to {}). It was left untouched: upgrade peerlog "
                                "to use it.",
                                path.string(), version, k_schema_version));
    }
}

// Whether a failed migration step is the journal's fault (its schema clashes with the step)
// rather than the environment's (busy, full, read-only), which keep their own error kinds.
bool schema_clash(const SQLite::Exception& error) {
    int code = error.getErrorCode();
    return code == SQLITE_ERROR || code == SQLITE_CONSTRAINT || code == SQLITE_MISMATCH;
}

// The application id a migration leaves: an encrypted journal keeps its own (so do journals
// encrypted before the id told them apart, once they are migrated), every other one is a plain
// peerlog journal's.
int application_id_to_keep(SQLite::Database& db) {
    bool keyed =
        db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'journal_key'").getInt() >
            0 &&
        db.execAndGet("SELECT count(*) FROM journal_key").getInt() > 0;
    return keyed || pragma_int(db, "application_id") == k_encrypted_application_id
               ? k_encrypted_application_id
               : k_application_id;
}

// Applies each missing migration in its own IMMEDIATE transaction with its user_version bump.
// A step that fails rolls back whole, so the journal stays at the version before it.
void migrate(SQLite::Database& db, const fs::path& path) {
    auto steps = migrations();
    while (true) {
        SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
        int version = pragma_int(db, "user_version"); // re-read: another process may have won
        if (version >= static_cast<int>(steps.size())) {
            return;
        }
        try {
            const Migration& step = steps[static_cast<std::size_t>(version)];
            db.exec(std::string(step.sql));
            if (step.after) {
                step.after(db);
            }
        } catch (const SQLite::Exception& error) {
            if (!schema_clash(error)) {
                throw;
            }
            throw Error(ErrorKind::corrupt,
                        fmt::format("cannot upgrade the journal {} from schema {} to {} ({}). It "
                                    "was left at schema {}, unchanged: its tables do not match "
                                    "what peerlog wrote, so restore it from a backup.",
                                    path.string(), version, version + 1, error.what(), version));
        }
        db.exec(fmt::format("PRAGMA user_version = {}", version + 1));
        db.exec(fmt::format("PRAGMA application_id = {}", application_id_to_keep(db)));
        transaction.commit();
    }
}

fs::path directory_of(const fs::path& path) {
    return path.parent_path().empty() ? fs::path(".") : path.parent_path();
}

bool can_write(const fs::path& path) {
    return ::access(path.c_str(), W_OK) == 0 && ::access(directory_of(path).c_str(), W_OK) == 0;
}

// A read of a read-only journal leaves its -wal and -shm behind with the journal's read-only
// mode (SQLite copies it), which would refuse every write once the journal is writable again.
// Our own leftovers are made writable again; SQLite itself decides whether they are current.
void repair_leftover_modes(const fs::path& path) {
    for (const char* suffix : {"-wal", "-shm"}) {
        fs::path side = path.string() + suffix;
        struct stat info {};
        if (::stat(side.c_str(), &info) == 0 && info.st_uid == ::geteuid() &&
            (info.st_mode & S_IWUSR) == 0) {
            ::chmod(side.c_str(), 0600);
        }
    }
}

// The name SQLite opens. A journal in a read-only directory with no -wal cannot have a writer
// (a writer needs to create the -wal there), yet SQLite could not create the -shm it wants for
// reading; opened as immutable it is read straight from the file.
std::string sqlite_name(const fs::path& path, bool writable, int& flags) {
    bool lone_read_only = !writable && ::access(directory_of(path).c_str(), W_OK) != 0 &&
                          !fs::exists(path.string() + "-wal");
    if (!lone_read_only) {
        return path.string();
    }
    std::string uri = "file:";
    for (unsigned char c : path.string()) {
        uri += c == '%' || c == '?' || c == '#' || c < 0x21 || c >= 0x7F
                   ? fmt::format("%{:02X}", c)
                   : std::string(1, static_cast<char>(c));
    }
    flags |= SQLITE_OPEN_URI;
    return uri + "?immutable=1";
}

// A directory, FIFO, socket or device where the journal should be: refused before SQLite sees
// it. stat() only looks, so a FIFO is never opened (which would wait for a writer).
void refuse_special_file(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || S_ISREG(info.st_mode)) {
        return;
    }
    const char* kind = S_ISDIR(info.st_mode)    ? "a directory"
                       : S_ISFIFO(info.st_mode) ? "a named pipe (FIFO)"
                       : S_ISSOCK(info.st_mode) ? "a socket"
                                                : "a device";
    throw Error(ErrorKind::corrupt,
                fmt::format("{} is {}, not a journal file: --journal (or PEERLOG_JOURNAL, or "
                            "journal.path in the config) must name the journal file itself. It "
                            "was left as it is.",
                            path.string(), kind));
}

} // namespace

namespace {

// Every journal open in the process, so a store given only the connection finds its journal.
std::vector<Journal::Impl*>& open_journals() {
    static std::vector<Journal::Impl*> journals;
    return journals;
}

void forget_open(Journal::Impl* impl) {
    auto& journals = open_journals();
    journals.erase(std::remove(journals.begin(), journals.end(), impl), journals.end());
}

} // namespace

Journal::Impl* journal_of(SQLite::Database& db) {
    for (Journal::Impl* impl : open_journals()) {
        if (&impl->db == &db) {
            return impl;
        }
    }
    return nullptr;
}

Journal::Journal(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {
    open_journals().push_back(m_impl.get());
}
Journal::Journal(Journal&&) noexcept = default;
Journal& Journal::operator=(Journal&& other) noexcept {
    if (this != &other) {
        forget_open(m_impl.get());
        m_impl = std::move(other.m_impl);
    }
    return *this;
}
Journal::~Journal() {
    forget_open(m_impl.get());
}

namespace {

// SQLite's memory statistics take a global mutex on every allocation, and preparing a statement
// allocates a lot: peerlog reads none of them. Set once, before the first connection (SQLite
// refuses a change once it is initialised, which leaves the default: harmless).
void configure_sqlite_once() {
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
}

} // namespace

Journal Journal::open(const fs::path& path, OpenMode mode, int busy_timeout_ms) {
    configure_sqlite_once();
    refuse_special_file(path);
    bool created = false;
    if (!fs::exists(path)) {
        if (mode != OpenMode::write) {
            throw Error(ErrorKind::not_found,
                        fmt::format("there is no journal at {} yet. Create it with `peerlog init` "
                                    "(or just `peerlog peer add CODE`), or point --journal / "
                                    "PEERLOG_JOURNAL at an existing one.",
                                    path.string()));
        }
        create_private_file(path);
        created = true;
    }
    bool writable = can_write(path);
    if (mode != OpenMode::read && !writable) {
        throw Error(ErrorKind::io,
                    fmt::format("the journal {} (or its directory) is read-only; nothing was "
                                "saved. Check its permissions.",
                                path.string()));
    }
    if (mode == OpenMode::read && !created && fs::file_size(path) == 0) {
        // An empty file (an `init` killed before its first write, a copy cut short) holds no
        // journal; a read must not turn it into one.
        throw Error(ErrorKind::not_found,
                    fmt::format("the journal {} is empty: it holds no peerlog data yet. Create "
                                "it with `peerlog init`, or restore it from a backup.",
                                path.string()));
    }
    if (writable) {
        repair_leftover_modes(path);
    }
    return translating(path, [&] {
        // A Journal is used by one thread at a time: no mutex around each SQLite call (a
        // listing makes a few per column of each row).
        int flags =
            (writable ? SQLite::OPEN_READWRITE : SQLite::OPEN_READONLY) | SQLITE_OPEN_NOMUTEX;
        std::string name = sqlite_name(path, writable, flags);
        auto impl = std::make_unique<Impl>(Impl{path,
                                                SQLite::Database(name, flags, busy_timeout_ms),
                                                created,
                                                writable,
                                                0,
                                                {},
                                                {},
                                                1,
                                                busy_timeout_ms,
                                                1,
                                                {},
                                                {}});
        SQLite::Database& db = impl->db;
        impl->version_found = pragma_int(db, "user_version"); // also fails fast on non-SQLite
        check_identity(db, path, impl->version_found);
        db.exec("PRAGMA foreign_keys = ON");
        db.exec("PRAGMA synchronous = FULL"); // a committed session survives a power cut
        db.exec("PRAGMA secure_delete = ON"); // deleted text does not linger in free pages
        if (writable) {
            db.exec("PRAGMA journal_mode = WAL");
        }
        if (impl->version_found < k_schema_version) {
            if (!writable) {
                throw Error(ErrorKind::io,
                            fmt::format("the journal {} needs a schema upgrade but is read-only. "
                                        "Make it writable and run peerlog again.",
                                        path.string()));
            }
            migrate(db, path);
        }
        Journal journal(std::move(impl));
        check_encryption_at_open(journal);
        return journal;
    });
}

const fs::path& Journal::path() const {
    return m_impl->path;
}
bool Journal::created() const {
    return m_impl->created;
}
int Journal::schema_version_found() const {
    return m_impl->version_found;
}
bool Journal::writable() const {
    return m_impl->writable;
}

namespace {

// How to move a journal out of a shared directory: a private one, a safe copy, then use it.
std::string move_advice(const fs::path& journal) {
    fs::path own = default_journal_path();
    std::error_code error;
    bool default_free = !fs::exists(own, error);
    fs::path destination = default_free ? own : own.parent_path() / "journal-moved.db";
    return fmt::format("keep it in a private directory of your own instead: `mkdir -p -m 700 {} "
                       "&& peerlog --journal {} backup {}`, then use {}{}",
                       destination.parent_path().string(), journal.string(), destination.string(),
                       destination.string(),
                       default_free ? " (the default journal: give no --journal or "
                                      "PEERLOG_JOURNAL)"
                                    : " with --journal or PEERLOG_JOURNAL");
}

} // namespace

// The journal's -wal and -shm hold the same records as the journal itself; its directory, when
// others may enter or list it, shows them the files and lets any looser file mode be used. A
// journal named with --journal may live anywhere, so every directory is checked, whatever its
// name.
std::optional<std::string> Journal::permission_warning() const {
    const fs::path& journal = m_impl->path;
    std::vector<std::string> loose, names;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::path file = journal.string() + suffix;
        struct stat info {};
        if (::stat(file.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
            loose.push_back(fmt::format("{} (mode {:o})", file.string(), info.st_mode & 0777));
            names.push_back(file.string());
        }
    }
    std::string text;
    if (!loose.empty()) {
        std::string listed = loose.front();
        for (std::size_t i = 1; i < loose.size(); ++i) {
            listed += (i + 1 == loose.size() ? " and " : ", ") + loose[i];
        }
        text = fmt::format("the journal {} can be read by other users; run `chmod 600 {}`.", listed,
                           fmt::join(names, " "));
    }
    fs::path directory = directory_of(journal);
    struct stat info {};
    if (::stat(directory.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
        // A shared directory (another user's, or sticky like /tmp) must not be chmod-ed: the
        // journal belongs in a private one instead.
        bool shared = info.st_uid != ::geteuid() || (info.st_mode & S_ISVTX) != 0;
        std::string fix =
            shared ? move_advice(journal) : fmt::format("run `chmod 700 {}`", directory.string());
        std::string open = fmt::format("the journal's directory {} is open to other users (mode "
                                       "{:o}); {}.",
                                       directory.string(), info.st_mode & 07777, fix);
        text = text.empty() ? open : text + " Also, " + open;
    }
    if (text.empty()) {
        return std::nullopt;
    }
    return text;
}

std::string Journal::integrity_check() {
    return translating(m_impl->path, [&] {
        SQLite::Statement check(m_impl->db, "PRAGMA integrity_check");
        std::string result;
        while (check.executeStep()) {
            result += result.empty() ? "" : "\n";
            result += check.getColumn(0).getString();
        }
        return result;
    });
}

namespace {

// Moves the journal's epoch on when a transaction begins and again when it ends (committed or
// rolled back): a fact read inside one is the transaction's own, one read between two holds only
// until the next begins, as fresh as a query in that gap would be.
class EpochBumps {
  public:
    explicit EpochBumps(Journal::Impl& impl) : m_impl(impl) { ++m_impl.epoch; }
    ~EpochBumps() { ++m_impl.epoch; }
    EpochBumps(const EpochBumps&) = delete;
    EpochBumps& operator=(const EpochBumps&) = delete;

  private:
    Journal::Impl& m_impl;
};

} // namespace

void write_transaction(Journal& journal, const std::function<void(SQLite::Database&)>& work,
                       AuditKeyUse key_use) {
    auto& impl = journal.impl();
    if (key_use == AuditKeyUse::records && !impl.key && impl.passphrase_source &&
        translating(impl.path, [&] { return encrypted(journal); })) {
        data_key(journal); // its events need the audit key: asked before the write lock is taken
    }
    translating(impl.path, [&] {
        SQLite::Transaction transaction(impl.db, SQLite::TransactionBehavior::IMMEDIATE);
        EpochBumps bumps(impl); // what was read before the lock is read again under it
        work(impl.db);
        transaction.commit();
    });
}

void read_transaction(Journal& journal, const std::function<void(SQLite::Database&)>& work) {
    auto& impl = journal.impl();
    translating(impl.path, [&] {
        if (sqlite3_get_autocommit(impl.db.getHandle()) == 0) {
            work(impl.db); // inside a write transaction (an export it records): its snapshot
            return;
        }
        SQLite::Transaction transaction(impl.db, SQLite::TransactionBehavior::DEFERRED);
        EpochBumps bumps(impl);
        work(impl.db);
        transaction.commit();
    });
}

void read_statement(Journal& journal, const std::function<void(SQLite::Database&)>& work) {
    auto& impl = journal.impl();
    translating(impl.path, [&] { work(impl.db); });
}

void forget_remembered(SQLite::Database& db) {
    if (Journal::Impl* impl = journal_of(db)) {
        ++impl->epoch;
    }
}

Scrub checkpoint(Journal& journal, ReaderWait wait) {
    auto& impl = journal.impl();
    sqlite3* handle = impl.db.getHandle();
    if (wait == ReaderWait::no) {
        sqlite3_busy_timeout(handle, 0);
    }
    int frames_in_wal = -1;
    int frames_checkpointed = -1;
    int result = sqlite3_wal_checkpoint_v2(handle, nullptr, SQLITE_CHECKPOINT_TRUNCATE,
                                           &frames_in_wal, &frames_checkpointed);
    if (wait == ReaderWait::no) {
        sqlite3_busy_timeout(handle, impl.busy_timeout_ms);
    }
    if (result == SQLITE_BUSY || result == SQLITE_LOCKED) {
        return Scrub::pending;
    }
    if (result != SQLITE_OK) {
        translating(impl.path, [&] { throw SQLite::Exception(handle, result); });
    }
    // Complete: every frame copied and the WAL truncated (both 0), or no WAL at all (-1).
    return frames_in_wal == frames_checkpointed ? Scrub::complete : Scrub::pending;
}

std::string utc_timestamp() {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

fs::path default_journal_path() {
    const char* data_home = std::getenv("XDG_DATA_HOME");
    if (data_home && *data_home == '/') {
        return fs::path(data_home) / "peerlog" / "journal.db";
    }
    const char* home = std::getenv("HOME");
    if (!home || !*home) {
        throw Error(ErrorKind::config, "neither XDG_DATA_HOME nor HOME is set, so peerlog cannot "
                                       "tell where the journal lives: use --journal PATH.");
    }
    return fs::path(home) / ".local" / "share" / "peerlog" / "journal.db";
}

} // namespace peerlog
