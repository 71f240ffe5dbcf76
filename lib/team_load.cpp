// `team load`: export files checked as `report team` checks them, streamed into temporary
// tables with COPY, then stored by a few statements in the same transaction.
#include "peerlog/team_database.hpp"

#include "export_batch.hpp"
#include "peerlog/session.hpp"
#include "team_connection.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <utility>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

// Files read (on every core) and sent at a time.
constexpr std::size_t k_slice = 256;

// The staging tables, one row per export first seen in the batch (n: its file's index), per
// session row of those, and per file (the export it carries, by the n of its first copy).
constexpr const char* k_staging_sql = R"(
CREATE TEMP TABLE load_export (
    n integer PRIMARY KEY, specialist text NOT NULL, period_from date NOT NULL,
    period_to date NOT NULL, middle_day date NOT NULL, week text, unnamed boolean NOT NULL,
    sessions integer, minutes integer, group_sessions integer, group_minutes integer,
    new_peers integer, emotional_minutes integer, informational_minutes integer,
    instrumental_minutes integer, affiliational_minutes integer,
    emotional_split_minutes integer, informational_split_minutes integer,
    instrumental_split_minutes integer, affiliational_split_minutes integer,
    peers text[], fingerprint bytea, audit_head_id bigint, audit_head_hash text
) ON COMMIT DROP;
CREATE TEMP TABLE load_session (
    n integer NOT NULL, ordinal integer NOT NULL, session_id bigint, date date, start time,
    minutes integer, peer text, group_name text, attendees text[], unnamed_attendees integer,
    support text[], modality text, setting text, self_disclosure boolean, follow_up date
) ON COMMIT DROP;
CREATE TEMP TABLE load_source (n integer NOT NULL, source text NOT NULL) ON COMMIT DROP;)";

// The columns an export and a session row carry from staging to their table unchanged.
constexpr const char* k_export_figures =
    "week, unnamed, sessions, minutes, group_sessions, group_minutes, new_peers, "
    "emotional_minutes, informational_minutes, instrumental_minutes, affiliational_minutes, "
    "emotional_split_minutes, informational_split_minutes, instrumental_split_minutes, "
    "affiliational_split_minutes, peers, fingerprint, audit_head_id, audit_head_hash";
constexpr const char* k_session_columns =
    "ordinal, session_id, date, start, minutes, peer, group_name, attendees, unnamed_attendees, "
    "support, modality, setting, self_disclosure, follow_up";

constexpr const char* k_stored_sql = R"(
SELECT l.n FROM load_export l JOIN peerlog.specialist s ON s.name = l.specialist
  JOIN peerlog.export e
    ON (e.specialist_id, e.period_from, e.period_to, e.middle_day)
     = (s.specialist_id, l.period_from, l.period_to, l.middle_day)
 WHERE l.n BETWEEN $1 AND $2 AND e.fingerprint = l.fingerprint)";

// A text[] as COPY reads it: every element double-quoted, so no code can break the list.
std::string array_literal(const std::vector<std::string>& items) {
    std::string text = "{";
    for (const auto& item : items) {
        text += text.size() > 1 ? ",\"" : "\"";
        for (char c : item) {
            if (c == '"' || c == '\\') {
                text += '\\';
            }
            text += c;
        }
        text += '"';
    }
    return text + "}";
}

std::string hex_bytes(const std::string& bytes) {
    std::string text = "\\x";
    for (unsigned char byte : bytes) {
        text += fmt::format("{:02x}", byte);
    }
    return text;
}

// A nullable text column: null for "".
const char* or_null(const std::string& text) {
    return text.empty() ? nullptr : text.c_str();
}

std::vector<std::string> support_names(unsigned kinds) {
    std::vector<std::string> names;
    for (auto kind : k_support_kinds) {
        if ((kinds >> static_cast<unsigned>(kind)) & 1U) {
            names.emplace_back(to_string(kind));
        }
    }
    return names;
}

std::vector<std::string> distinct(std::vector<std::string> codes) {
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    return codes;
}

// Where a file is, as export_source keeps it: an absolute path, or "(stdin)".
std::string source_of(const fs::path& file) {
    return file == "-" ? "(stdin)" : fs::absolute(file).lexically_normal().string();
}

std::string optional_text(const std::optional<long long>& value) {
    return value ? std::to_string(*value) : "";
}

void stage_exports(pqxx::work& transaction, const std::vector<ExportFigures>& figures,
                   const std::vector<std::size_t>& firsts, std::size_t begin) {
    pqxx::stream_to out(transaction, "load_export",
                        std::vector<std::string>{"n",
                                                 "specialist",
                                                 "period_from",
                                                 "period_to",
                                                 "middle_day",
                                                 "week",
                                                 "unnamed",
                                                 "sessions",
                                                 "minutes",
                                                 "group_sessions",
                                                 "group_minutes",
                                                 "new_peers",
                                                 "emotional_minutes",
                                                 "informational_minutes",
                                                 "instrumental_minutes",
                                                 "affiliational_minutes",
                                                 "emotional_split_minutes",
                                                 "informational_split_minutes",
                                                 "instrumental_split_minutes",
                                                 "affiliational_split_minutes",
                                                 "peers",
                                                 "fingerprint",
                                                 "audit_head_id",
                                                 "audit_head_hash"});
    for (std::size_t i : firsts) {
        const ExportFigures& f = figures[i];
        const auto& by = f.minutes_by_support;
        const auto& split = f.split_minutes_by_support;
        std::string audit_id = optional_text(f.audit_head_id);
        out << std::make_tuple(begin + i, f.specialist, format_date(f.from), format_date(f.to),
                               format_date(middle_day(f)), or_null(f.week), f.unnamed, f.sessions,
                               f.minutes, f.group_sessions, f.group_minutes, f.new_peers, by[0],
                               by[1], by[2], by[3], split[0], split[1], split[2], split[3],
                               array_literal(distinct(f.peers)), hex_bytes(figures_fingerprint(f)),
                               or_null(audit_id), or_null(f.audit_head_hash));
    }
    out.complete();
}

void stage_sessions(pqxx::work& transaction, const std::vector<ExportFigures>& figures,
                    const std::vector<std::size_t>& firsts, std::size_t begin) {
    pqxx::stream_to out(transaction, "load_session",
                        std::vector<std::string>{"n", "ordinal", "session_id", "date", "start",
                                                 "minutes", "peer", "group_name", "attendees",
                                                 "unnamed_attendees", "support", "modality",
                                                 "setting", "self_disclosure", "follow_up"});
    for (std::size_t i : firsts) {
        std::size_t ordinal = 0;
        for (const auto& row : figures[i].rows) {
            std::string date = row.date ? format_date(*row.date) : "";
            std::string start = row.start ? format_time(*row.start) : "";
            std::string follow_up = row.follow_up ? format_date(*row.follow_up) : "";
            out << std::make_tuple(begin + i, ++ordinal, row.id, or_null(date), or_null(start),
                                   row.minutes, or_null(row.peer), or_null(row.group),
                                   array_literal(row.attendees), row.unnamed,
                                   array_literal(support_names(row.support)), or_null(row.modality),
                                   or_null(row.setting), row.self_disclosure, or_null(follow_up));
        }
    }
    out.complete();
}

// The staged exports n in [begin, end) that the database holds with the same figures.
std::set<std::size_t> stored_unchanged(pqxx::work& transaction, std::size_t begin,
                                       std::size_t end) {
    std::set<std::size_t> stored;
    for (const auto& row : transaction.exec_params(k_stored_sql, begin, end - 1)) {
        stored.insert(row[0].as<std::size_t>());
    }
    return stored;
}

// Reads the files a slice at a time into the staging tables; a copy of an export read before
// adds only its file. Throws the first bad file's error, or a conflict inside the batch.
long long stage_files(pqxx::work& transaction, const ExportBatch& batch,
                      const TeamLoadOptions& options) {
    const auto& files = batch.files();
    ExportCopies copies;
    std::vector<std::pair<std::size_t, std::string>> sources; // (n, file) for every file
    long long batch_copies = 0;
    for (std::size_t begin = 0; begin < files.size(); begin += k_slice) {
        std::size_t end = std::min(files.size(), begin + k_slice);
        auto figures = batch.read(begin, end, SessionRows::keep);
        std::vector<std::size_t> firsts;
        for (std::size_t i = 0; i < figures.size(); ++i) {
            auto earlier =
                copies.earlier(export_file_name(files[begin + i]), figures[i], begin + i);
            sources.emplace_back(earlier.value_or(begin + i), source_of(files[begin + i]));
            if (earlier) {
                ++batch_copies;
            } else {
                firsts.push_back(i);
            }
        }
        stage_exports(transaction, figures, firsts, begin);
        // The rows of an export stored already, the same, would only be thrown away: loading a
        // folder again each week sends the new weeks' rows alone.
        auto stored = stored_unchanged(transaction, begin, end);
        std::erase_if(firsts, [&](std::size_t i) { return stored.count(begin + i) > 0; });
        stage_sessions(transaction, figures, firsts, begin);
        if (options.progress) {
            options.progress(end, files.size());
        }
    }
    pqxx::stream_to out(transaction, "load_source", std::vector<std::string>{"n", "source"});
    for (const auto& [n, source] : sources) {
        out << std::make_tuple(n, source);
    }
    out.complete();
    return batch_copies;
}

// Each staged export with its specialist's id; is_new when the database lacks its specialist
// and period, conflicting when it holds different figures for them.
constexpr const char* k_keys_sql = R"(
ANALYZE load_export, load_session, load_source;
SELECT peerlog.add_month(month)
  FROM (SELECT DISTINCT date_trunc('month', middle_day)::date AS month FROM load_export) months;
INSERT INTO peerlog.specialist (name) SELECT DISTINCT specialist FROM load_export
    ON CONFLICT (name) DO NOTHING;
CREATE TEMP TABLE load_key ON COMMIT DROP AS
SELECT l.n, s.specialist_id, l.period_from, l.period_to, l.middle_day,
       e.fingerprint IS NULL AS is_new,
       coalesce(e.fingerprint <> l.fingerprint, false) AS conflicting
  FROM load_export l JOIN peerlog.specialist s ON s.name = l.specialist
  LEFT JOIN peerlog.export e
         ON (e.specialist_id, e.period_from, e.period_to, e.middle_day)
          = (s.specialist_id, l.period_from, l.period_to, l.middle_day);)";

// The conflicts, the batch's file first, with the file the database's export came from.
constexpr const char* k_conflicts_sql = R"(
SELECT k.n, l.specialist, l.period_from, l.period_to, x.source, x.loaded_at::date
  FROM load_key k JOIN load_export l USING (n)
  LEFT JOIN LATERAL (
      SELECT source, loaded_at FROM peerlog.export_source x
       WHERE (x.specialist_id, x.period_from, x.period_to, x.middle_day)
           = (k.specialist_id, k.period_from, k.period_to, k.middle_day)
       ORDER BY loaded_at, source LIMIT 1) x ON true
 WHERE k.conflicting ORDER BY k.n)";

constexpr const char* k_replace_sql = R"(
DELETE FROM peerlog.export e USING load_key k
 WHERE k.conflicting AND (e.specialist_id, e.period_from, e.period_to, e.middle_day)
                       = (k.specialist_id, k.period_from, k.period_to, k.middle_day);
UPDATE load_key SET is_new = true WHERE conflicting;)";

// A new export counts the distinct files that carried it; an export already there gains the
// files it was not known from.
std::string store_sql() {
    return fmt::format(R"(
INSERT INTO peerlog.export (specialist_id, period_from, period_to, middle_day, copies, {0})
SELECT k.specialist_id, k.period_from, k.period_to, k.middle_day, c.copies, {0}
  FROM load_key k JOIN load_export USING (n)
  JOIN (SELECT n, count(DISTINCT source) AS copies FROM load_source GROUP BY n) c USING (n)
 WHERE k.is_new;
INSERT INTO peerlog.session (specialist_id, period_from, period_to, middle_day, {1})
SELECT k.specialist_id, k.period_from, k.period_to, k.middle_day, {1}
  FROM load_session JOIN load_key k USING (n) WHERE k.is_new;)",
                       k_export_figures, k_session_columns);
}

constexpr const char* k_sources_sql = R"(
WITH added AS (
    INSERT INTO peerlog.export_source (specialist_id, period_from, period_to, middle_day, source)
    SELECT DISTINCT k.specialist_id, k.period_from, k.period_to, k.middle_day, s.source
      FROM load_source s JOIN load_key k USING (n)
    ON CONFLICT DO NOTHING
    RETURNING specialist_id, period_from, period_to, middle_day),
more AS (
    SELECT a.specialist_id, a.period_from, a.period_to, a.middle_day, count(*) AS files
      FROM added a JOIN load_key k USING (specialist_id, period_from, period_to, middle_day)
     WHERE NOT k.is_new GROUP BY 1, 2, 3, 4)
UPDATE peerlog.export e SET copies = e.copies + m.files FROM more m
 WHERE (e.specialist_id, e.period_from, e.period_to, e.middle_day)
     = (m.specialist_id, m.period_from, m.period_to, m.middle_day)
RETURNING m.files)";

void refuse_conflicts(pqxx::work& transaction, const ExportBatch& batch) {
    auto conflicts = transaction.exec(k_conflicts_sql);
    if (conflicts.empty()) {
        return;
    }
    const auto& first = conflicts[0];
    std::string stored =
        first[4].is_null()
            ? "the export in the database"
            : fmt::format("{} (loaded {})", first[4].as<std::string>(), first[5].as<std::string>());
    std::string more = conflicts.size() == 1
                           ? ""
                           : fmt::format(" {} more files conflict as well.", conflicts.size() - 1);
    throw conflicting_exports(
        stored, export_file_name(batch.files()[first[0].as<std::size_t>()]),
        first[1].as<std::string>(), parse_date(first[2].c_str(), Date{}),
        parse_date(first[3].c_str(), Date{}),
        "Nothing was loaded. Load again with --replace if the file is the export to keep." + more);
}

long long count_where(pqxx::work& transaction, const char* condition) {
    return transaction.exec1(fmt::format("SELECT count(*) FROM load_key WHERE {}", condition))[0]
        .as<long long>();
}

} // namespace

TeamLoadResult load_team_exports(TeamDatabase& database, const std::vector<fs::path>& names,
                                 const TeamLoadOptions& options) {
    ExportBatch batch(expand_export_files(names), options.input);
    TeamLoadResult result;
    result.files = static_cast<long long>(batch.files().size());
    result.schema_before =
        database.migrate(options.schema_dir.empty() ? find_team_schema_dir() : options.schema_dir);
    with_server_errors([&] {
        pqxx::work transaction(database.connection().db);
        transaction.exec_params("SELECT pg_advisory_xact_lock($1)", k_team_load_lock);
        transaction.exec(k_staging_sql);
        result.batch_copies = stage_files(transaction, batch, options);
        transaction.exec(k_keys_sql);
        if (!options.replace) {
            refuse_conflicts(transaction, batch);
        }
        result.replaced = count_where(transaction, "conflicting");
        result.unchanged = count_where(transaction, "NOT is_new AND NOT conflicting");
        result.added = count_where(transaction, "is_new");
        transaction.exec(k_replace_sql);
        transaction.exec(store_sql());
        for (const auto& row : transaction.exec(k_sources_sql)) {
            result.new_sources += row[0].as<long long>();
        }
        transaction.commit();
    });
    return result;
}

} // namespace peerlog
