// Importing peers and sessions from CSV: columns by header name, every bad row reported,
// all rows or none written.
#include "peerlog/import.hpp"

#include "csv_reader.hpp"
#include "enum_names.hpp"
#include "group_rows.hpp"
#include "journal_db.hpp"
#include "json_codec.hpp"
#include "peer_rows.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"
#include "peerlog/peer.hpp"
#include "peerlog/plural.hpp"
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
#include <unordered_map>
#include <unordered_set>

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
    // Required unless there is a group column (see require_peer_or_group).
    {"peer", {"peer_code", "code", "client", "client_code", "participant"}, false},
    {"minutes", {"duration", "mins", "length", "duration_minutes"}, true},
    {"support", {"support_kinds", "support_kind", "support_type", "kinds"}, true},
    {"start", {"start_time", "time"}, false},
    {"modality", {"mode", "contact_type"}, false},
    {"setting", {"location", "place"}, false},
    {"self_disclosure", {"disclosed"}, false},
    {"disclosure_purpose", {"disclosure", "disclosure_reason"}, false},
    {"follow_up", {"followup", "follow_up_date", "next_contact"}, false},
    {"note", {"notes", "narrative", "comments"}, false},
    {"group", {"group_name", "recovery_group"}, false},
    {"attendees", {"attendee", "attendee_codes", "participants"}, false},
    {"unnamed", {"unnamed_count", "unnamed_attendees"}, false},
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
            if (spec.required && !has(spec.name)) {
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
    bool has(std::string_view column) const { return m_index.contains(std::string(column)); }

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

// The date forms a file in `format` may use, for messages (not the forms a person types).
std::string_view file_date_forms(ImportDateFormat format) {
    return format == ImportDateFormat::us ? "MM/DD/YYYY or YYYY-MM-DD"
                                          : "YYYY-MM-DD; for MM/DD/YYYY give --date-format us";
}

// YYYY-MM-DD always; MM/DD/YYYY too when the file is in US format.
Date file_date(std::string_view text, ImportDateFormat format, std::string_view column) {
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        try {
            return parse_date(text, Date{}, column);
        } catch (const Error&) {
            // parse_date's message offers `today`, `nov 3`...: forms a file may not use.
            throw Error(ErrorKind::invalid_data,
                        fmt::format("{} '{}' is not a day in the calendar (this file's format: "
                                    "{})",
                                    column, text, file_date_forms(format)));
        }
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
                            file_date_forms(format)));
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

// A list cell (attendee codes): separated by ';', ',' or '|', each code once (any case).
std::vector<std::string> codes_of(std::string text) {
    std::replace(text.begin(), text.end(), ';', ',');
    std::replace(text.begin(), text.end(), '|', ',');
    std::vector<std::string> codes;
    std::unordered_set<std::string> seen; // lower case: a set, or 100k attendees take minutes
    for (auto& code : split(text, ',')) {
        if (code.empty()) {
            continue;
        }
        validate_peer_code(code);
        if (seen.insert(to_lower(code)).second) {
            codes.push_back(code);
        }
    }
    return codes;
}

int unnamed_of(std::string_view text) {
    if (text.empty()) {
        return 0;
    }
    auto count = digits(text, 1, 5);
    if (!count || *count > k_max_unnamed_attendees) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("unnamed '{}' is not a count of attendees from 0 to {}", text,
                                k_max_unnamed_attendees));
    }
    return *count;
}

/// Reads every data row with `parse` and hands it to `take`, collecting each row's problems
/// instead of stopping.
template <class Parse, class Take>
void read_rows(CsvReader& reader, const Header& header, ImportResult& result, Parse parse,
               Take take) {
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
            take(parse(record));
        } catch (const Error& error) {
            result.problems.push_back({record.line, error.what()});
        }
    }
}

/// Reads every data row with `parse` into a vector.
template <class Row, class Parse>
std::vector<Row> read_rows(CsvReader& reader, const Header& header, ImportResult& result,
                           Parse parse) {
    std::vector<Row> rows;
    read_rows(reader, header, result, parse, [&](Row row) { rows.push_back(std::move(row)); });
    return rows;
}

// Who a row's session was with: its peer, or its group, attendees and unnamed count. The
// checks come before validate() so the reasons name the file's columns, not the CLI's flags.
void read_who(const Header& h, const CsvRecord& r, Session& s) {
    s.peer_code = h.cell(r, "peer");
    s.group = h.cell(r, "group");
    s.attendees = codes_of(h.cell(r, "attendees"));
    s.unnamed = unnamed_of(h.cell(r, "unnamed"));
    if (!s.is_group()) {
        if (!s.attendees.empty() || s.unnamed != 0) {
            throw Error(ErrorKind::invalid_data,
                        "attendees and unnamed belong to a group session, but the row names no "
                        "group: fill in group and leave peer empty");
        }
        if (s.peer_code.empty()) {
            throw Error(ErrorKind::invalid_data,
                        "the row names no peer: fill in peer, or group for a group session");
        }
        validate_peer_code(s.peer_code);
        return;
    }
    if (!s.peer_code.empty()) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the row names a peer ('{}') and a group ('{}'): a session is "
                                "with one peer or a group, not both; for a group session leave "
                                "peer empty and list the peers present in attendees",
                                s.peer_code, s.group));
    }
    validate(Group{0, s.group, ""});
    if (s.attendees.empty() && s.unnamed == 0) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the group session of '{}' has nobody present: list the peers "
                                "in attendees and/or count the others in unnamed",
                                s.group));
    }
}

// A sessions file names each row's peer, or its group (a file of group sessions only may have
// no peer column).
void require_peer_or_group(const Header& header, std::size_t line) {
    if (!header.has("peer") && !header.has("group")) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("line {}: the header has no 'peer' column (also read as: {}), "
                                "nor a 'group' column for group sessions. See `man "
                                "peerlog-import` for the columns.",
                                line, fmt::join(k_session_columns[1].aliases, ", ")));
    }
}

/// A session row read from the file.
struct SessionIn {
    std::size_t line = 0;
    Session session;
};

SessionIn parse_session(const Header& h, const CsvRecord& r, const ImportOptions& o) {
    SessionIn in{r.line, {}};
    Session& s = in.session;
    read_who(h, r, s);
    s.date = file_date(h.cell(r, "date"), o.date_format, "date");
    if (s.date > o.today) { // before validate(), whose message names --follow-up, a flag
        throw Error(ErrorKind::invalid_data,
                    fmt::format("date {} is in the future (today is {}): a row records a "
                                "contact that happened; a planned one belongs in the "
                                "follow_up column",
                                format_date(s.date), format_date(o.today)));
    }
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

/// A group in the journal as far as the import needs it.
struct KnownGroup {
    std::int64_t id = 0; ///< 0 until created
    Group group;
};

// The identity of a session row: its peer, or its group (either in any case), date, start,
// minutes, support kinds. A group session's attendees are not part of it, as a one-on-one
// session's note is not.
// The key is packed (kind, name, then the numbers as bytes), so a row's key of a five-letter code
// fits in a std::string without a heap block: a dry run of 1M distinct rows keeps 1M of them.
std::string identity_of(const Session& s) {
    std::string key(1, s.is_group() ? 'g' : 'p');
    key += to_lower(s.is_group() ? s.group : s.peer_code);
    auto append = [&](auto number) {
        key.append(reinterpret_cast<const char*>(&number), sizeof number);
    };
    append(static_cast<std::int32_t>(std::chrono::sys_days(s.date).time_since_epoch().count()));
    append(static_cast<std::int16_t>(s.start ? s.start->minutes_since_midnight : -1));
    append(static_cast<std::int16_t>(s.minutes));
    append(static_cast<std::uint8_t>(s.support.mask()));
    return key;
}

// How many stored sessions have the identity of a row (names compare without case: NOCASE),
// with the two queries (peer, group) prepared once for all the rows.
class StoredCounts {
  public:
    explicit StoredCounts(SQLite::Database& db)
        : m_peer(db, sql("JOIN peer w ON w.id = s.peer_id", "code")),
          m_group(db, sql("JOIN peer_group w ON w.id = s.group_id", "name")) {}

    long long of(const Session& s) {
        SQLite::Statement& query = s.is_group() ? m_group : m_peer;
        query.reset();
        query.bind(1, s.is_group() ? s.group : s.peer_code);
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

  private:
    static std::string sql(std::string_view join, std::string_view name) {
        return fmt::format("SELECT COUNT(*) FROM session s {} WHERE w.{} = ? AND s.date = ? AND "
                           "s.start_time IS ? AND s.minutes = ? AND s.support_mask = ?",
                           join, name);
    }
    SQLite::Statement m_peer, m_group;
};

// The peers and groups the rows name: found in the journal, or to be created (create_peers,
// create_groups); each row naming one that is neither, or a peer closed before the session, is
// rejected with one problem giving every reason.
class Resolver {
  public:
    Resolver(Journal& journal, SQLite::Database& db, const ImportOptions& options,
             ImportResult& result)
        : m_journal(journal), m_db(db), m_peer_rows(db), m_options(options), m_result(result) {}

    // Resolves the row's peer or group and attendees; false when the row cannot be imported.
    bool resolve(const SessionIn& row) {
        std::vector<std::string> reasons;
        const Session& s = row.session;
        if (s.is_group()) {
            resolve_group(s, reasons);
            for (const auto& code : s.attendees) {
                resolve_peer(s, code, "attendee", reasons);
            }
        } else {
            resolve_peer(s, s.peer_code, "peer", reasons);
        }
        if (!reasons.empty()) {
            m_result.problems.push_back({row.line, fmt::format("{}", fmt::join(reasons, "; "))});
        }
        return reasons.empty();
    }

    // Adds the peers and groups to be created; then every name the rows use has an id.
    void create_missing() {
        for (auto& [key, known] : m_peers) {
            if (known.id == 0) {
                known.id = insert_peer_row(m_journal, m_db, known.peer);
            }
        }
        for (auto& [key, known] : m_groups) {
            if (known.id == 0) {
                known.id = insert_group_row(m_journal, m_db, known.group);
            }
        }
    }

    std::int64_t peer_id(const std::string& code) const { return m_peers.at(to_lower(code)).id; }
    std::int64_t group_id(const std::string& name) const { return m_groups.at(to_lower(name)).id; }

  private:
    void resolve_peer(const Session& s, const std::string& code, std::string_view role,
                      std::vector<std::string>& reasons) {
        std::string key = to_lower(code);
        auto found = m_peers.find(key);
        if (found == m_peers.end()) {
            if (auto stored = m_peer_rows.find(code)) {
                found = m_peers.emplace(key, KnownPeer{stored->id, *stored}).first;
            } else if (m_options.create_peers) {
                Peer peer;
                peer.code = code;
                peer.since = s.date;
                found = m_peers.emplace(key, KnownPeer{0, peer}).first;
                ++m_result.peers_created;
            } else {
                reasons.push_back(fmt::format("no {} '{}' in the journal: import peers first "
                                              "(peerlog import peers), or give --create-peers",
                                              role, code));
                return;
            }
        }
        Peer& peer = found->second.peer;
        if (found->second.id == 0 && s.date < peer.since) {
            peer.since = s.date; // a created peer starts on its first session
        }
        if (peer.closed_on && s.date > *peer.closed_on) {
            reasons.push_back(fmt::format("{} '{}' was closed on {}, before this session", role,
                                          peer.code, format_date(*peer.closed_on)));
        }
    }

    void resolve_group(const Session& s, std::vector<std::string>& reasons) {
        std::string key = to_lower(s.group);
        if (m_groups.contains(key)) {
            return;
        }
        if (auto stored = find_group_row(m_db, s.group)) {
            m_groups.emplace(key, KnownGroup{stored->id, *stored});
        } else if (m_options.create_groups) {
            m_groups.emplace(key, KnownGroup{0, Group{0, s.group, ""}});
            ++m_result.groups_created;
        } else {
            reasons.push_back(fmt::format("no group '{}' in the journal: add it with `peerlog "
                                          "group add \"{}\"`, or give --create-groups",
                                          s.group, s.group));
        }
    }

    Journal& m_journal;
    SQLite::Database& m_db;
    PeerRowFinder m_peer_rows;
    const ImportOptions& m_options;
    ImportResult& m_result;
    std::map<std::string, KnownPeer> m_peers;   ///< by lower-case code
    std::map<std::string, KnownGroup> m_groups; ///< by lower-case name
};

// Inserts one row's session through the same path as `session add`, checked against the
// configured rules with blocks lowered to warnings: history is flagged for review, never refused.
void insert_row(Journal& journal, SQLite::Database& db, const Session& s, const Resolver& names,
                const BoundaryPolicy& history_rules) {
    if (!s.is_group()) {
        insert_session_row(journal, db, s, names.peer_id(s.peer_code), history_rules);
        return;
    }
    std::vector<std::int64_t> attendee_ids;
    for (const auto& code : s.attendees) {
        attendee_ids.push_back(names.peer_id(code));
    }
    insert_group_session_row(journal, db, s, names.group_id(s.group), std::move(attendee_ids),
                             history_rules);
}

// Plans session rows one at a time: which can be imported and which are there already. A row
// is counted as present while the journal holds more sessions of its identity than the rows
// before it had.
class SessionPlan {
  public:
    SessionPlan(Journal& journal, SQLite::Database& db, const ImportOptions& options,
                ImportResult& result)
        : m_db(db), m_names(journal, db, options, result), m_stored(db), m_result(result) {}

    // Plans the row; true when it is to be added.
    bool plan(const SessionIn& row) {
        if (!m_names.resolve(row)) {
            return false;
        }
        auto [counts, fresh] = m_counts.try_emplace(identity_of(row.session));
        if (fresh) {
            counts->second.stored = m_stored.of(row.session);
        }
        if (++counts->second.seen <= counts->second.stored) {
            ++m_result.already_present;
            return false;
        }
        ++m_result.added;
        return true;
    }

    // Adds the planned rows (and the peers and groups they need) unless any row had a problem.
    void add(Journal& journal, const std::vector<const SessionIn*>& rows,
             const ImportOptions& options) {
        if (!m_result.problems.empty()) {
            return;
        }
        m_names.create_missing();
        BoundaryPolicy history_rules = warn_only(options.boundaries);
        for (const SessionIn* row : rows) {
            insert_row(journal, m_db, row->session, m_names, history_rules);
        }
        m_result.committed = true;
    }

  private:
    struct Counts {
        long long seen = 0;   ///< rows of this identity so far
        long long stored = 0; ///< sessions of this identity in the journal
    };
    SQLite::Database& m_db;
    Resolver m_names;
    StoredCounts m_stored;
    ImportResult& m_result;
    std::unordered_map<std::string, Counts> m_counts; ///< by identity_of
};

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
    // As peer add and peer close: a caseload counts days that have come.
    for (auto [column, day] :
         {std::pair{"since", std::optional(peer.since)}, std::pair{"closed_on", peer.closed_on}}) {
        if (day && *day > o.today) {
            throw Error(ErrorKind::invalid_data,
                        fmt::format("{} {} is in the future (today is {})", column,
                                    format_date(*day), format_date(o.today)));
        }
    }
    return peer;
}

void plan_peers(Journal& journal, SQLite::Database& db,
                const std::vector<std::pair<std::size_t, Peer>>& rows, const ImportOptions& options,
                ImportResult& result) {
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
        insert_peer_row(journal, db, *peer);
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
    CsvRecord head = read_header(reader, "sessions");
    Header header(k_session_columns, head, result.ignored_columns);
    require_peer_or_group(header, head.line);
    auto parse = [&](const CsvRecord& record) { return parse_session(header, record, options); };
    if (options.dry_run) { // planned as read, nothing kept: a dry run of 1M rows stays small
        read_transaction(journal, [&](SQLite::Database& db) {
            SessionPlan plan(journal, db, options, result);
            read_rows(reader, header, result, parse, [&](const SessionIn& row) { plan.plan(row); });
        });
        std::stable_sort(result.problems.begin(), result.problems.end(),
                         [](const auto& a, const auto& b) { return a.line < b.line; });
        return result;
    }
    auto rows = read_rows<SessionIn>(reader, header, result, parse);
    for (const auto& row : rows) {
        // Notes and disclosure purposes are sealed: the key is loaded before the write lock.
        std::string text = row.session.note + row.session.disclosure;
        if (!text.empty()) {
            unlock_to_seal(journal, text);
            break;
        }
    }
    write_transaction(journal, [&](SQLite::Database& db) {
        SessionPlan plan(journal, db, options, result);
        std::vector<const SessionIn*> to_add;
        for (const auto& row : rows) {
            if (plan.plan(row)) {
                to_add.push_back(&row);
            }
        }
        plan.add(journal, to_add, options);
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
    for (const auto& [line, peer] : rows) {
        // Referral sources are sealed: the key is loaded before the write lock.
        if (!options.dry_run && !peer.referred_by.empty()) {
            unlock_to_seal(journal, peer.referred_by);
            break;
        }
    }
    in_transaction(journal, options,
                   [&](SQLite::Database& db) { plan_peers(journal, db, rows, options, result); });
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
                  {"groups_created", r.groups_created},
                  {"ignored_columns", r.ignored_columns},
                  {"problems", problems}};
        write_json(out, json, false);
        return;
    }
    std::string_view record = r.what == "peers" ? "peer" : "session";
    std::string added = counted(static_cast<long long>(r.added), record);
    std::string what_happened = r.committed ? "imported " + added
                                : r.dry_run ? "would import " + added
                                            : added + " could be imported";
    out << fmt::format("{} read: {}, {} already in the journal",
                       counted(static_cast<long long>(r.rows), "row"), what_happened,
                       r.already_present);
    if (r.peers_created > 0) {
        out << ", " << counted(static_cast<long long>(r.peers_created), "new peer");
    }
    if (r.groups_created > 0) {
        out << ", " << counted(static_cast<long long>(r.groups_created), "new group");
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
        out << fmt::format("{}: nothing was imported. Fix {} and run the import again.\n",
                           counted(static_cast<long long>(r.problems.size()), "bad row"),
                           r.problems.size() == 1 ? "it" : "them");
    }
}

} // namespace peerlog
