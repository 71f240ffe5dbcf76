// Importing peers and sessions from CSV: columns by header name, every bad row reported,
// all rows or none written.
#include "peerlog/import.hpp"

#include "csv_reader.hpp"
#include "enum_names.hpp"
#include "journal_db.hpp"
#include "json_codec.hpp"
#include "peer_rows.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"
#include "peerlog/peer.hpp"
#include "peerlog/safe_text.hpp"
#include "sensitive_text.hpp"
#include "session_rows.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <optional>
#include <set>

namespace peerlog {
namespace {

constexpr EnumName<ImportDateFormat> k_date_format_names[] = {
    {ImportDateFormat::iso, "iso"},
    {ImportDateFormat::us, "us"},
};

/// A column peerlog reads, its canonical header and the other headers that mean it.
struct ColumnSpec {
    std::string_view name;
    std::vector<std::string_view> aliases;
    bool required = false;
};

const std::vector<ColumnSpec> k_session_columns = {
    {"date", {"session_date", "day", "contact_date"}, true},
    {"peer", {"peer_code", "code", "client", "client_code", "participant"}, true},
    {"minutes", {"duration", "mins", "length", "duration_minutes"}, true},
    {"support", {"support_kinds", "support_kind", "support_type", "kinds"}, true},
    {"start", {"start_time", "time"}, false},
    {"modality", {"mode", "contact_type"}, false},
    {"setting", {"location", "place"}, false},
    {"self_disclosure", {"disclosed"}, false},
    {"disclosure_purpose", {"disclosure", "disclosure_reason"}, false},
    {"follow_up", {"followup", "follow_up_date", "next_contact"}, false},
    {"note", {"notes", "narrative", "comments"}, false},
};

const std::vector<ColumnSpec> k_peer_columns = {
    {"code", {"peer", "peer_code", "client", "client_code", "participant"}, true},
    {"stage", {"recovery_stage"}, false},
    {"pathway", {"recovery_pathway"}, false},
    {"since", {"start_date", "intake", "intake_date", "first_contact"}, false},
    {"status", {}, false},
    {"closed_on", {"closed", "discharge_date", "closed_date"}, false},
    {"referred_by", {"referral_source", "referral", "referred"}, false},
};

// "Session Date", "session-date" -> "session_date".
std::string normalise_header(std::string_view text) {
    std::string name = to_lower(trim(text));
    std::replace(name.begin(), name.end(), ' ', '_');
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

/// Where each known column is in a file's records.
class Header {
  public:
    Header(const std::vector<ColumnSpec>& specs, const CsvRecord& record,
           std::vector<std::string>& ignored) {
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
            std::string name = normalise_header(record.fields[i]);
            const ColumnSpec* spec = find_spec(specs, name);
            if (!spec) {
                if (!name.empty()) { // an empty header (a trailing comma) is not worth listing
                    ignored.push_back(std::string(trim(record.fields[i])));
                }
            } else if (m_index.contains(std::string(spec->name))) {
                throw Error(ErrorKind::invalid_data,
                            fmt::format("line {}: the header names the column '{}' twice (as "
                                        "'{}'). Keep one.",
                                        record.line, spec->name,
                                        terminal_safe(record.fields[i], LineBreaks::flatten)));
            } else {
                m_index[std::string(spec->name)] = i;
            }
        }
        m_width = record.fields.size();
        for (const auto& spec : specs) {
            if (spec.required && !m_index.contains(std::string(spec.name))) {
                throw Error(ErrorKind::invalid_data,
                            fmt::format("line {}: the header has no '{}' column (also read as: "
                                        "{}). See `man peerlog-import` for the columns.",
                                        record.line, spec.name, fmt::join(spec.aliases, ", ")));
            }
        }
    }

    /// The trimmed cell of `column`, or "" when the file has no such column.
    std::string cell(const CsvRecord& record, std::string_view column) const {
        auto found = m_index.find(std::string(column));
        if (found == m_index.end()) {
            return "";
        }
        return unguard_csv_cell(std::string(trim(record.fields[found->second])));
    }
    std::size_t width() const { return m_width; }

  private:
    static const ColumnSpec* find_spec(const std::vector<ColumnSpec>& specs,
                                       const std::string& name) {
        for (const auto& spec : specs) {
            if (spec.name == name ||
                std::find(spec.aliases.begin(), spec.aliases.end(), name) != spec.aliases.end()) {
                return &spec;
            }
        }
        return nullptr;
    }
    std::map<std::string, std::size_t> m_index;
    std::size_t m_width = 0;
};

std::optional<int> digits(std::string_view text, std::size_t min, std::size_t max) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.size() < min || text.size() > max || error != std::errc() ||
        end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// YYYY-MM-DD always; MM/DD/YYYY too when the file is in US format.
Date file_date(std::string_view text, ImportDateFormat format, std::string_view column) {
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        return parse_date(text, Date{}, column);
    }
    if (format == ImportDateFormat::us) {
        auto parts = split(text, '/');
        if (parts.size() == 3) {
            auto month = digits(parts[0], 1, 2), day = digits(parts[1], 1, 2),
                 year = digits(parts[2], 4, 4);
            Date date{std::chrono::year{year.value_or(0)},
                      std::chrono::month{static_cast<unsigned>(month.value_or(0))},
                      std::chrono::day{static_cast<unsigned>(day.value_or(0))}};
            if (month && day && year && date.ok() && *year >= 1900) {
                return date;
            }
        }
    }
    throw Error(ErrorKind::invalid_data,
                fmt::format("{} '{}' is not a date in this file's format ({})", column, text,
                            format == ImportDateFormat::us ? "MM/DD/YYYY or YYYY-MM-DD"
                                                           : "YYYY-MM-DD; for MM/DD/YYYY give "
                                                             "--date-format us"));
}

std::optional<Date> optional_file_date(std::string_view text, ImportDateFormat format,
                                       std::string_view column) {
    return text.empty() ? std::nullopt : std::optional<Date>(file_date(text, format, column));
}

bool yes_no(std::string_view text, std::string_view column) {
    std::string word = to_lower(text);
    if (word.empty() || word == "no" || word == "n" || word == "false" || word == "0") {
        return false;
    }
    if (word == "yes" || word == "y" || word == "true" || word == "1") {
        return true;
    }
    throw Error(ErrorKind::invalid_data, fmt::format("{} '{}' is not yes or no", column, text));
}

SupportSet support_of(std::string text) {
    std::replace(text.begin(), text.end(), ';', ',');
    std::replace(text.begin(), text.end(), '|', ',');
    return SupportSet::parse(text);
}

/// Reads every data row with `parse`, collecting each row's problems instead of stopping.
template <class Row, class Parse>
std::vector<Row> read_rows(CsvReader& reader, const Header& header, ImportResult& result,
                           Parse parse) {
    std::vector<Row> rows;
    CsvRecord record;
    while (true) {
        try {
            if (!reader.next(record)) {
                break;
            }
        } catch (const Error& error) { // the rest of the file cannot be split into rows
            result.problems.push_back(
                {reader.error_line(),
                 fmt::format("{}; the rest of the file was not read", error.what())});
            break;
        }
        bool blank = std::all_of(record.fields.begin(), record.fields.end(),
                                 [](const std::string& f) { return trim(f).empty(); });
        if (blank) {
            continue;
        }
        ++result.rows;
        if (record.fields.size() != header.width()) {
            result.problems.push_back(
                {record.line, fmt::format("{} fields, but the header has {}", record.fields.size(),
                                          header.width())});
            continue;
        }
        try {
            rows.push_back(parse(record));
        } catch (const Error& error) {
            result.problems.push_back({record.line, error.what()});
        }
    }
    return rows;
}

/// A session row read from the file.
struct SessionIn {
    std::size_t line = 0;
    Session session;
};

SessionIn parse_session(const Header& h, const CsvRecord& r, const ImportOptions& o) {
    SessionIn in{r.line, {}};
    Session& s = in.session;
    s.peer_code = h.cell(r, "peer");
    validate_peer_code(s.peer_code);
    s.date = file_date(h.cell(r, "date"), o.date_format, "date");
    s.minutes = parse_duration(h.cell(r, "minutes"), "minutes");
    s.support = support_of(h.cell(r, "support"));
    std::string start = h.cell(r, "start");
    s.start = start.empty() ? std::nullopt : std::optional<TimeOfDay>(parse_time(start));
    std::string modality = h.cell(r, "modality"), setting = h.cell(r, "setting");
    s.modality = modality.empty() ? o.default_modality : parse_modality(modality);
    s.setting = setting.empty() ? o.default_setting : parse_setting(setting);
    s.disclosure = h.cell(r, "disclosure_purpose");
    // A disclosure without a purpose is kept as one; the disclosure_purpose rule flags it.
    if (s.disclosure.empty() && yes_no(h.cell(r, "self_disclosure"), "self_disclosure")) {
        s.disclosed = true;
    }
    s.follow_up = optional_file_date(h.cell(r, "follow_up"), o.date_format, "follow_up");
    s.note = h.cell(r, "note");
    validate(s, o.today);
    return in;
}

/// A peer in the journal as far as the import needs it.
struct KnownPeer {
    std::int64_t id = 0; ///< 0 until created
    Peer peer;
};

// The identity of a session row: peer (any case), date, start, minutes, support kinds.
std::string identity_of(const Session& s) {
    return fmt::format("{}|{}|{}|{}|{}", to_lower(s.peer_code), format_date(s.date),
                       s.start ? format_time(*s.start) : "", s.minutes, s.support.mask());
}

long long stored_count(SQLite::Database& db, const Session& s) {
    SQLite::Statement query(db, "SELECT COUNT(*) FROM session s JOIN peer p ON p.id = s.peer_id "
                                "WHERE p.code = ? AND s.date = ? AND s.start_time IS ? AND "
                                "s.minutes = ? AND s.support_mask = ?");
    query.bind(1, s.peer_code);
    query.bind(2, format_date(s.date));
    if (s.start) {
        query.bind(3, format_time(*s.start));
    } else {
        query.bind(3);
    }
    query.bind(4, s.minutes);
    query.bind(5, static_cast<int>(s.support.mask()));
    query.executeStep();
    return query.getColumn(0).getInt64();
}

// The peers the rows name: found in the journal, or to be created (create_peers), else a
// problem on each row that names them. Returns the peers by lower-case code.
std::map<std::string, KnownPeer> resolve_peers(SQLite::Database& db,
                                               const std::vector<SessionIn>& rows,
                                               const ImportOptions& options, ImportResult& result,
                                               std::set<std::size_t>& rejected) {
    std::map<std::string, KnownPeer> peers;
    for (const auto& row : rows) {
        std::string key = to_lower(row.session.peer_code);
        auto found = peers.find(key);
        if (found == peers.end()) {
            if (auto stored = find_peer_row(db, row.session.peer_code)) {
                found = peers.emplace(key, KnownPeer{stored->id, *stored}).first;
            } else if (options.create_peers) {
                Peer peer;
                peer.code = row.session.peer_code;
                peer.since = row.session.date;
                found = peers.emplace(key, KnownPeer{0, peer}).first;
                ++result.peers_created;
            } else {
                result.problems.push_back(
                    {row.line, fmt::format("no peer '{}' in the journal: import peers first "
                                           "(peerlog import peers), or give --create-peers",
                                           row.session.peer_code)});
                rejected.insert(row.line);
                continue;
            }
        }
        Peer& peer = found->second.peer;
        if (found->second.id == 0 && row.session.date < peer.since) {
            peer.since = row.session.date; // a created peer starts on its first session
        }
        if (peer.closed_on && row.session.date > *peer.closed_on) {
            result.problems.push_back(
                {row.line, fmt::format("peer '{}' was closed on {}, before this session", peer.code,
                                       format_date(*peer.closed_on))});
            rejected.insert(row.line);
        }
    }
    return peers;
}

void plan_sessions(Journal& journal, SQLite::Database& db, const std::vector<SessionIn>& rows,
                   const ImportOptions& options, ImportResult& result) {
    std::set<std::size_t> rejected;
    auto peers = resolve_peers(db, rows, options, result, rejected);
    std::map<std::string, long long> seen, stored;
    std::vector<const SessionIn*> to_add;
    for (const auto& row : rows) {
        if (rejected.contains(row.line)) {
            continue;
        }
        std::string key = identity_of(row.session);
        if (!stored.contains(key)) {
            stored[key] = stored_count(db, row.session);
        }
        if (++seen[key] <= stored[key]) {
            ++result.already_present;
        } else {
            ++result.added;
            to_add.push_back(&row);
        }
    }
    if (options.dry_run || !result.problems.empty()) {
        return;
    }
    for (auto& [key, known] : peers) {
        if (known.id == 0) {
            known.id = insert_peer_row(db, known.peer);
        }
    }
    for (const SessionIn* row : to_add) {
        // Default rules, all warn: history is flagged for review, never refused.
        insert_session_row(journal, db, row->session,
                           peers.at(to_lower(row->session.peer_code)).id);
    }
    result.committed = true;
}

Peer parse_peer(const Header& h, const CsvRecord& r, const ImportOptions& o) {
    Peer peer;
    peer.code = h.cell(r, "code");
    validate_peer_code(peer.code);
    std::string stage = h.cell(r, "stage"), pathway = h.cell(r, "pathway"),
                status = h.cell(r, "status");
    peer.stage = stage.empty() ? std::nullopt : std::optional(parse_stage(stage));
    peer.pathway = pathway.empty() ? std::nullopt : std::optional(parse_pathway(pathway));
    peer.status = status.empty() ? PeerStatus::active : parse_peer_status(status);
    peer.since = optional_file_date(h.cell(r, "since"), o.date_format, "since").value_or(o.today);
    peer.closed_on = optional_file_date(h.cell(r, "closed_on"), o.date_format, "closed_on");
    if (peer.status != PeerStatus::closed && peer.closed_on) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("closed_on is set but the status is {}", to_string(peer.status)));
    }
    peer.referred_by = h.cell(r, "referred_by");
    validate(peer);
    return peer;
}

void plan_peers(SQLite::Database& db, const std::vector<std::pair<std::size_t, Peer>>& rows,
                const ImportOptions& options, ImportResult& result) {
    std::map<std::string, std::size_t> first_line;
    std::vector<const Peer*> to_add;
    for (const auto& [line, peer] : rows) {
        auto [earlier, fresh] = first_line.emplace(to_lower(peer.code), line);
        if (!fresh) {
            result.problems.push_back(
                {line, fmt::format("peer '{}' is already on line {}", peer.code, earlier->second)});
        } else if (find_peer_row(db, peer.code)) {
            ++result.already_present;
        } else {
            ++result.added;
            to_add.push_back(&peer);
        }
    }
    if (options.dry_run || !result.problems.empty()) {
        return;
    }
    for (const Peer* peer : to_add) {
        insert_peer_row(db, *peer);
    }
    result.committed = true;
}

// Runs `plan` in a read transaction for a dry run, else in one write transaction.
void in_transaction(Journal& journal, const ImportOptions& options,
                    const std::function<void(SQLite::Database&)>& plan) {
    if (options.dry_run) {
        read_transaction(journal, plan);
    } else {
        write_transaction(journal, plan);
    }
}

ImportResult start_result(std::string what, const ImportOptions& options) {
    ImportResult result;
    result.what = std::move(what);
    result.dry_run = options.dry_run;
    return result;
}

// The header record, or an error when the input is empty.
CsvRecord read_header(CsvReader& reader, std::string_view what) {
    CsvRecord record;
    bool found = false;
    try {
        found = reader.next(record);
    } catch (const Error& error) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("line {}: {}", reader.error_line(), error.what()));
    }
    if (!found) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the {} file is empty: it needs a header line naming its "
                                "columns. See `man peerlog-import`.",
                                what));
    }
    return record;
}

} // namespace

ImportDateFormat parse_import_date_format(std::string_view text) {
    return parse_name(k_date_format_names, text, "import date format");
}

std::string_view to_string(ImportDateFormat format) {
    return name_of(k_date_format_names, format);
}

ImportResult import_sessions(Journal& journal, std::istream& in, const ImportOptions& options) {
    ImportResult result = start_result("sessions", options);
    CsvReader reader(in);
    Header header(k_session_columns, read_header(reader, "sessions"), result.ignored_columns);
    auto rows = read_rows<SessionIn>(reader, header, result, [&](const CsvRecord& record) {
        return parse_session(header, record, options);
    });
    for (const auto& row : rows) {
        if (!options.dry_run && !row.session.note.empty()) {
            unlock_to_seal(journal, row.session.note); // before the write lock is taken
            break;
        }
    }
    in_transaction(journal, options, [&](SQLite::Database& db) {
        plan_sessions(journal, db, rows, options, result);
    });
    std::stable_sort(result.problems.begin(), result.problems.end(),
                     [](const auto& a, const auto& b) { return a.line < b.line; });
    return result;
}

ImportResult import_peers(Journal& journal, std::istream& in, const ImportOptions& options) {
    ImportResult result = start_result("peers", options);
    CsvReader reader(in);
    Header header(k_peer_columns, read_header(reader, "peers"), result.ignored_columns);
    auto rows = read_rows<std::pair<std::size_t, Peer>>(
        reader, header, result, [&](const CsvRecord& record) {
            return std::pair<std::size_t, Peer>(record.line, parse_peer(header, record, options));
        });
    in_transaction(journal, options,
                   [&](SQLite::Database& db) { plan_peers(db, rows, options, result); });
    std::stable_sort(result.problems.begin(), result.problems.end(),
                     [](const auto& a, const auto& b) { return a.line < b.line; });
    return result;
}

void write_import_result(std::ostream& out, const ImportResult& r, OutputFormat format) {
    if (format == OutputFormat::json) {
        Json problems = Json::array();
        for (const auto& problem : r.problems) {
            problems.push_back({{"line", problem.line}, {"reason", problem.reason}});
        }
        Json json{{"schema_version", 1},
                  {"kind", "peerlog.import"},
                  {"import", r.what},
                  {"dry_run", r.dry_run},
                  {"committed", r.committed},
                  {"rows", r.rows},
                  {"added", r.added},
                  {"already_present", r.already_present},
                  {"peers_created", r.peers_created},
                  {"ignored_columns", r.ignored_columns},
                  {"problems", problems}};
        write_json(out, json, false);
        return;
    }
    std::string verb = r.committed ? "imported" : "would import";
    out << fmt::format("{} rows read: {} {} {}, {} already in the journal", r.rows, verb, r.added,
                       r.what, r.already_present);
    if (r.peers_created > 0) {
        out << fmt::format(", {} new peer{}", r.peers_created, r.peers_created == 1 ? "" : "s");
    }
    out << ".\n";
    // Reasons and column names quote the file, which may hold terminal control sequences.
    auto safe = [](std::string_view text) { return terminal_safe(text, LineBreaks::flatten); };
    if (!r.ignored_columns.empty()) {
        out << safe(fmt::format("ignored columns: {}", fmt::join(r.ignored_columns, ", "))) << "\n";
    }
    for (const auto& problem : r.problems) {
        out << fmt::format("line {}: {}\n", problem.line, safe(problem.reason));
    }
    if (!r.problems.empty()) {
        out << fmt::format("{} bad row{}: nothing was imported. Fix {} and run the import again.\n",
                           r.problems.size(), r.problems.size() == 1 ? "" : "s",
                           r.problems.size() == 1 ? "it" : "them");
    }
}

} // namespace peerlog
