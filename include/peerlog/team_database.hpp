// An organisation's team database (PostgreSQL): `team load` puts the specialists' weekly
// exports there, and `report team --database` computes the team report on the server.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/team_report.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// The team schema this peerlog writes and reads: the number of sql/team/NNN_*.sql files.
inline constexpr int k_team_schema_version = 1;

/// Throws Error(usage) when `url` (a postgresql:// URL or a libpq conninfo string) holds a
/// password, or cannot be read as either; the message never repeats the URL. Passwords come
/// from ~/.pgpass, PGPASSFILE or a service file, or the server uses peer or certificate
/// authentication.
void check_database_url(std::string_view url);

/// Where the schema files are: beside a build tree's binary (sql/team), under
/// <prefix>/share/peerlog/sql/team beside an installed one, or where peerlog was installed.
/// Throws Error(io) when none holds 001_*.sql.
std::filesystem::path find_team_schema_dir();

/// One connection to a team database.
class TeamDatabase {
  public:
    /// Checks the URL (check_database_url; PGPASSWORD set in the environment is refused the
    /// same way) and connects. Throws Error(io) with the server's message when it cannot be
    /// reached or refuses the connection.
    explicit TeamDatabase(const std::string& url);
    ~TeamDatabase();
    TeamDatabase(TeamDatabase&&) noexcept;
    TeamDatabase& operator=(TeamDatabase&&) noexcept;

    /// The schema version the database holds: 0 when it has no peerlog tables.
    int schema_version();

    /// Applies the schema files the database lacks, each in its own transaction with its row
    /// in peerlog.schema_version, while holding the loaders' lock. Throws Error(corrupt) and
    /// touches nothing when the database's schema is newer than this peerlog's. Returns the
    /// version it found.
    int migrate(const std::filesystem::path& schema_dir);

    struct Connection; ///< the libpqxx connection (lib/team_connection.hpp)
    Connection& connection() { return *m_connection; }

  private:
    std::unique_ptr<Connection> m_connection;
};

/// What `team load` reads besides the files.
struct TeamLoadOptions {
    bool replace = false;             ///< a different export of the same period replaces
    std::istream* input = nullptr;    ///< what "-" reads; null: "-" is refused
    std::filesystem::path schema_dir; ///< empty: find_team_schema_dir()
    /// Called as files are checked (files checked so far, files in all).
    std::function<void(std::size_t, std::size_t)> progress;
};

/// What a load did.
struct TeamLoadResult {
    int schema_before = 0;      ///< the schema version found (0: the tables were created)
    long long files = 0;        ///< files checked
    long long added = 0;        ///< exports new to the database
    long long unchanged = 0;    ///< exports the database held already, the same
    long long replaced = 0;     ///< exports that replaced a different one (--replace)
    long long batch_copies = 0; ///< files that repeated another file of the batch
    long long new_sources = 0;  ///< new files recorded for exports already there (copies)
};

/// Checks every export as `report team` does (expand_export_files, parse_export_figures, the
/// same copies and conflicts), migrates the schema, then stores the exports' figures and
/// session rows in one transaction: all files or none. An export already there (the same
/// specialist, period and figures) adds nothing but the file's name if it is new (a copy);
/// a different one is Error(conflict) naming both, unless `replace`. Concurrent loads wait for
/// each other; reports are not stopped.
TeamLoadResult load_team_exports(TeamDatabase& database,
                                 const std::vector<std::filesystem::path>& names,
                                 const TeamLoadOptions& options);

/// The team report over the exports in the database whose middle day lies in `period` (every
/// export when unset), computed by the server: the same value build_team_report makes of the
/// same files (copies are the files that carried an export, by name). Throws Error(not_found)
/// when the database has no peerlog tables, Error(corrupt) when its schema is not this
/// peerlog's.
TeamReport build_team_report(TeamDatabase& database, const std::optional<Period>& period);

} // namespace peerlog
