// The journal: one SQLite file per user holding every record, opened safely and migrated.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace peerlog {

/// The schema version this build of peerlog writes (PRAGMA user_version).
inline constexpr int k_schema_version = 11;

/// How a command uses the journal.
enum class OpenMode {
    read,   ///< the journal must exist already
    update, ///< the journal must exist already and be writable
    write   ///< the journal is created (file 0600, new directories 0700) when missing
};

/// An open journal. All SQL lives behind it, in lib/.
class Journal {
  public:
    /// Opens (and for OpenMode::write creates) the journal and brings its schema up to date.
    /// Throws Error: not_found (no journal for a read), corrupt (not SQLite, not peerlog's,
    /// damaged, or from a newer peerlog: left untouched), io (permissions, read-only), busy.
    static Journal open(const std::filesystem::path& path, OpenMode mode,
                        int busy_timeout_ms = 5000);

    Journal(Journal&&) noexcept;
    Journal& operator=(Journal&&) noexcept;
    ~Journal();

    const std::filesystem::path& path() const;
    /// True when this open created the file.
    bool created() const;
    /// The schema version found on disk before any migration ran.
    int schema_version_found() const;
    /// False when the file or its directory is read-only: it is open for reading only.
    bool writable() const;
    /// A warning when the journal, its -wal or -shm file can be read by other users, or its
    /// directory (whatever its name) is open to them; it says which `chmod` fixes it.
    std::optional<std::string> permission_warning() const;
    /// PRAGMA integrity_check: "ok" or the first problems SQLite reports.
    std::string integrity_check();

    struct Impl;
    Impl& impl() { return *m_impl; }

  private:
    explicit Journal(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// $XDG_DATA_HOME/peerlog/journal.db, or ~/.local/share/peerlog/journal.db when it is unset.
std::filesystem::path default_journal_path();

} // namespace peerlog
