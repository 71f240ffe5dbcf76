// The team database: connecting without a password in sight, the versioned schema, and the
// team report computed by the server.
#include "peerlog/team_database.hpp"

#include "team_connection.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <libpq-fe.h>
#include <memory>
#include <sstream>

namespace peerlog {
namespace fs = std::filesystem;

namespace {

// libpq's messages end in a line break and may hold a second line of hints.
std::string one_line(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\t', ' ');
    return text;
}

} // namespace

std::string server_message(const std::string& what) {
    return "the team database: " + one_line(what);
}

void check_database_url(std::string_view url) {
    std::string text(url);
    char* failure = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse(text.c_str(), &failure), &PQconninfoFree);
    if (!options) {
        std::string why = failure ? failure : "out of memory";
        PQfreemem(failure);
        // libpq may quote the URL in its message, and with it a password: say what is wrong
        // only when the text holds none of a URL's user part or a password keyword.
        bool may_hold_secret =
            text.find('@') != std::string::npos || text.find("password") != std::string::npos;
        throw Error(ErrorKind::usage,
                    may_hold_secret
                        ? "the database URL cannot be read: write postgresql://USER@HOST/DB or "
                          "a conninfo string such as 'host=HOST dbname=DB user=USER'."
                        : "the database URL cannot be read: " + one_line(why));
    }
    for (auto* option = options.get(); option->keyword; ++option) {
        if (std::string_view(option->keyword) == "password" && option->val && *option->val) {
            throw Error(ErrorKind::usage,
                        "the database URL holds a password, which would be seen in the process "
                        "list, shell history or config file: take it out, and put it in "
                        "~/.pgpass (mode 0600), a file named by PGPASSFILE or a service file, "
                        "or have the server use peer or certificate authentication.");
        }
    }
}

namespace {

// The directory this program is in, or "" when unknown.
fs::path program_dir() {
    std::error_code error;
    fs::path program = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : program.parent_path();
}

// The schema file NNN_*.sql in `dir`, or "" when there is none.
fs::path schema_file(const fs::path& dir, int version) {
    std::string prefix = fmt::format("{:03}_", version);
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        std::string name = it->path().filename().string();
        if (name.starts_with(prefix) && it->path().extension() == ".sql") {
            return it->path();
        }
    }
    return {};
}

std::string read_schema_file(const fs::path& dir, int version) {
    fs::path file = schema_file(dir, version);
    std::ifstream in(file, std::ios::binary);
    if (file.empty() || !in) {
        throw Error(ErrorKind::io, fmt::format("the team schema file {:03}_*.sql is missing from "
                                               "{}: reinstall peerlog.",
                                               version, dir.string()));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

fs::path find_team_schema_dir() {
    std::vector<std::string> places;
    if (fs::path dir = program_dir(); !dir.empty()) {
        places.push_back((dir / "sql" / "team").string()); // a build tree
        places.push_back((dir.parent_path() / "share" / "peerlog" / "sql" / "team").string());
    }
    places.push_back((fs::path(PEERLOG_DATADIR) / "peerlog" / "sql" / "team").string());
    for (const auto& place : places) {
        if (!schema_file(place, 1).empty()) {
            return place;
        }
    }
    throw Error(ErrorKind::io, fmt::format("peerlog's team schema (sql/team/001_*.sql) is in "
                                           "none of {}: reinstall peerlog.",
                                           fmt::join(places, ", ")));
}

TeamDatabase::TeamDatabase(const std::string& url) {
    check_database_url(url);
    if (const char* password = std::getenv("PGPASSWORD"); password && *password) {
        throw Error(ErrorKind::usage,
                    "PGPASSWORD is set, and an environment variable is no place for a password "
                    "(child processes inherit it, core dumps keep it): unset it and put the "
                    "password in ~/.pgpass (mode 0600) or a file named by PGPASSFILE.");
    }
    with_server_errors([&] {
        m_connection = std::make_unique<Connection>(url);
        m_connection->db.set_client_encoding("UTF8");
        pqxx::nontransaction session(m_connection->db);
        // Dates as YYYY-MM-DD whatever the server's default; NOTICEs ("schema exists,
        // skipping") are not for the user.
        session.exec("SET datestyle = 'ISO, YMD'; SET client_min_messages = warning");
    });
}

TeamDatabase::~TeamDatabase() = default;
TeamDatabase::TeamDatabase(TeamDatabase&&) noexcept = default;
TeamDatabase& TeamDatabase::operator=(TeamDatabase&&) noexcept = default;

int team_schema_version(pqxx::transaction_base& transaction) {
    auto exists = transaction.exec1("SELECT to_regclass('peerlog.schema_version') IS NOT NULL");
    if (!exists[0].as<bool>()) {
        return 0;
    }
    return transaction.exec1("SELECT coalesce(max(version), 0) FROM peerlog.schema_version")[0]
        .as<int>();
}

int TeamDatabase::schema_version() {
    return with_server_errors([&] {
        pqxx::read_transaction transaction(m_connection->db);
        return team_schema_version(transaction);
    });
}

namespace {

Error newer_schema(int version) {
    return Error(ErrorKind::corrupt,
                 fmt::format("the team database has schema version {}, newer than this peerlog's "
                             "({}): it was left untouched; use a newer peerlog.",
                             version, k_team_schema_version));
}

} // namespace

int TeamDatabase::migrate(const fs::path& schema_dir) {
    return with_server_errors([&] {
        int found = -1;
        for (;;) {
            pqxx::work transaction(m_connection->db);
            transaction.exec_params("SELECT pg_advisory_xact_lock($1)", k_team_load_lock);
            int version = team_schema_version(transaction);
            found = found < 0 ? version : found;
            if (version > k_team_schema_version) {
                throw newer_schema(version);
            }
            if (version == k_team_schema_version) {
                return found;
            }
            transaction.exec(read_schema_file(schema_dir, version + 1));
            transaction.exec_params("INSERT INTO peerlog.schema_version (version) VALUES ($1)",
                                    version + 1);
            transaction.commit();
        }
    });
}

namespace {

using ReadOnly = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

// Refuses a database this peerlog cannot report on.
void check_readable(pqxx::transaction_base& transaction) {
    int version = team_schema_version(transaction);
    if (version == 0) {
        throw Error(ErrorKind::not_found, "the team database has no peerlog tables yet: load "
                                          "exports into it with `peerlog team load`.");
    }
    if (version > k_team_schema_version) {
        throw newer_schema(version);
    }
    if (version < k_team_schema_version) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the team database has schema version {}, older than this "
                                "peerlog's ({}): the next `peerlog team load` migrates it.",
                                version, k_team_schema_version));
    }
}

Date date_of(const pqxx::field& field) {
    return parse_date(field.c_str(), Date{}, "date");
}

// Each specialist's figures over the period's exports, the peer codes they saw, and the files
// that carried those exports: all, straddling the period's edge, without a specialist name.
// Two scans of the period's partitions; the distinct codes are counted by sorting each
// specialist's (a hash of them all would not fit in work_mem).
constexpr const char* k_members_sql = R"(
WITH chosen AS NOT MATERIALIZED (
    SELECT * FROM peerlog.export WHERE middle_day BETWEEN $1::date AND $2::date),
figures AS (
    SELECT specialist_id, count(*) AS files, min(period_from) AS first_day,
           max(period_to) AS last_day, sum(sessions) AS sessions, sum(minutes) AS minutes,
           sum(group_sessions) AS group_sessions, sum(group_minutes) AS group_minutes,
           sum(new_peers) AS new_peers,
           sum(emotional_minutes) AS m0, sum(informational_minutes) AS m1,
           sum(instrumental_minutes) AS m2, sum(affiliational_minutes) AS m3,
           sum(emotional_split_minutes) AS s0, sum(informational_split_minutes) AS s1,
           sum(instrumental_split_minutes) AS s2, sum(affiliational_split_minutes) AS s3,
           sum(copies) AS copies,
           coalesce(sum(copies) FILTER (WHERE period_from < $1::date OR period_to > $2::date), 0)
               AS straddling,
           coalesce(sum(copies) FILTER (WHERE unnamed), 0) AS unnamed
      FROM chosen GROUP BY specialist_id),
peers AS (
    SELECT specialist_id, count(DISTINCT code) AS distinct_peers
      FROM chosen, unnest(peers) AS code GROUP BY specialist_id)
SELECT s.name, f.files, f.first_day, f.last_day, f.sessions, f.minutes, f.group_sessions,
       f.group_minutes, coalesce(p.distinct_peers, 0), f.new_peers,
       f.m0, f.m1, f.m2, f.m3, f.s0, f.s1, f.s2, f.s3, f.copies, f.straddling, f.unnamed
  FROM figures f JOIN peerlog.specialist s USING (specialist_id)
  LEFT JOIN peers p USING (specialist_id))";

TeamMember member_of(const pqxx::row& row) {
    TeamMember m;
    m.specialist = row[0].as<std::string>();
    m.files = row[1].as<long long>();
    m.from = date_of(row[2]);
    m.to = date_of(row[3]);
    m.sessions = row[4].as<long long>();
    m.minutes = row[5].as<long long>();
    m.group_sessions = row[6].as<long long>();
    m.group_minutes = row[7].as<long long>();
    m.distinct_peers = row[8].as<long long>();
    m.new_peers = row[9].as<long long>();
    for (std::size_t k = 0; k < 4; ++k) {
        m.minutes_by_support[k] = row[static_cast<int>(10 + k)].as<long long>();
        m.split_minutes_by_support[k] = row[static_cast<int>(14 + k)].as<long long>();
    }
    return m;
}

// Adds a member's files to the report's counts: copies beyond the first are duplicates.
void count_files(const pqxx::row& row, TeamReport& report, long long& in_period) {
    long long copies = row[18].as<long long>(), unnamed = row[20].as<long long>();
    in_period += copies;
    report.duplicates_skipped += copies - row[1].as<long long>();
    report.files_straddling += row[19].as<long long>();
    report.unnamed_files += unnamed;
    if (unnamed > 0) {
        report.unnamed_as.insert(row[0].as<std::string>());
    }
}

} // namespace

TeamReport build_team_report(TeamDatabase& database, const std::optional<Period>& period) {
    return with_server_errors([&] {
        ReadOnly transaction(database.connection().db); // one snapshot for every figure
        check_readable(transaction);
        // A month's codes are sorted in memory; planning is quicker than compiling it (JIT).
        transaction.exec("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off");
        std::string from = period ? format_date(period->from) : "-infinity";
        std::string to = period ? format_date(period->to) : "infinity";
        TeamReport report;
        report.period = period;
        long long in_period = 0;
        for (const auto& row : transaction.exec_params(k_members_sql, from, to)) {
            report.members.push_back(member_of(row));
            count_files(row, report, in_period);
        }
        // As build_team_report orders its map: by the bytes of the name, whatever the
        // database's collation.
        std::sort(
            report.members.begin(), report.members.end(),
            [](const TeamMember& a, const TeamMember& b) { return a.specialist < b.specialist; });
        report.totals = team_totals(report.members);
        if (period) {
            long long all = transaction.exec1("SELECT files FROM peerlog.tally")[0].as<long long>();
            report.files_outside = all - in_period;
        }
        return report;
    });
}

} // namespace peerlog
