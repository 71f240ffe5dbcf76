// Reading the figures of one export file with nlohmann's SAX parser (no document is built).
#include "export_figures.hpp"

#include "peerlog/error.hpp"
#include "peerlog/export_writer.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/session.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <sodium.h>
#include <string_view>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

using Sax = nlohmann::json_sax<nlohmann::json>;

Error bad_file(const std::string& file, const std::string& what) {
    return Error(ErrorKind::invalid_data,
                 fmt::format("{}: {}. `report team` reads the JSON files of `peerlog export "
                             "--format json` (schema_version {}).",
                             file, what, k_export_schema_version));
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::error_code error;
    auto size = fs::file_size(file, error);
    if (!in || error) {
        throw Error(ErrorKind::io,
                    fmt::format("{}: cannot be read (missing, or no permission).", file.string()));
    }
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    return text;
}

// No figure of an export comes near this (a billion sessions or minutes); anything past it
// is a damaged or hand-made file, and summing it could overflow.
constexpr long long k_largest = 1'000'000'000;

// The figures a file must carry, one bit each, so a missing one can be named.
enum Required : unsigned {
    k_from = 1,
    k_to = 2,
    k_sessions = 4,
    k_minutes = 8,
    k_new_peers = 16,
    k_session_rows = 32,
    k_by_support = 64, // shifted by the support kind: 64, 128, 256, 512
    k_all = 1023,
};

// Follows the parser's path through the document ("sessions", "[]", "minutes": an array element
// is "[]") and picks out the figures as they stream past.
class FigureReader : public Sax {
  public:
    FigureReader(ExportFigures& figures, SessionRows rows) : m_figures(figures), m_keep(rows) {}

    std::optional<long long> schema_version;
    std::string kind, wrong_type;
    bool suppressed = false;
    unsigned seen = 0;
    long long rows = 0, row_minutes = 0;            ///< what the session rows add up to
    std::array<long long, 4> row_minutes_by_kind{}; ///< in full under each kind, as totals count
    bool row_without_support = false;

    bool null() override { return at_nullable_row_field() || other_value(); }
    bool boolean(bool value) override;
    bool number_float(number_float_t, const string_t&) override { return other_value(); }
    bool binary(binary_t&) override { return other_value(); }
    bool number_integer(number_integer_t value) override { return number(value); }
    bool number_unsigned(number_unsigned_t value) override {
        return number(
            value > static_cast<number_unsigned_t>(k_largest) ? -1 : static_cast<long long>(value));
    }
    bool string(string_t& value) override;

    bool start_object(std::size_t) override {
        if (at({"sessions", "[]"})) {
            m_row = {};
            m_session = {};
            ++rows;
        }
        m_path.emplace_back();
        return true;
    }
    bool key(string_t& name) override {
        m_path.back() = name;
        if (m_path.size() == 1 && name == "suppressed_below") {
            suppressed = true;
        }
        return true;
    }
    bool end_object() override {
        m_path.pop_back();
        if (at({"sessions", "[]"})) {
            add_row();
        }
        return true;
    }
    bool start_array(std::size_t) override {
        if (at({"sessions"})) {
            seen |= k_session_rows;
        }
        if (at({"sessions", "[]", "support"})) {
            m_row.has_support = true;
        }
        m_path.emplace_back("[]");
        return true;
    }
    bool end_array() override {
        m_path.pop_back();
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

  private:
    struct Row {
        long long minutes = 0;
        bool group = false;
        bool has_support = false;
        unsigned kinds = 0; ///< a bit per SupportKind
    };

    bool at(std::initializer_list<std::string_view> path) const {
        return std::equal(m_path.begin(), m_path.end(), path.begin(), path.end());
    }
    // sessions[].KEY
    bool at_row(std::string_view key) const {
        return m_path.size() == 3 && m_path[0] == "sessions" && m_path[2] == key;
    }
    // A session row's date, start or follow_up: a date or time, or null where it may be.
    bool at_nullable_row_field() const { return at_row("start") || at_row("follow_up"); }
    bool row_field(string_t& value);
    std::string path_text() const;
    // A value of a type no figure has: wrong where a figure was expected, else ignored.
    bool other_value();
    bool number(long long value);
    void add_row();

    ExportFigures& m_figures;
    SessionRows m_keep;
    std::vector<std::string> m_path;
    Row m_row;
    ExportSession m_session; ///< the row's fields, kept with SessionRows::keep
};

void FigureReader::add_row() {
    if (m_row.group) {
        ++m_figures.group_sessions;
        m_figures.group_minutes += m_row.minutes;
    }
    row_minutes += m_row.minutes;
    row_without_support = row_without_support || !m_row.has_support || m_row.kinds == 0;
    // Split as `report hours` splits its weekly chart.
    auto parts = SupportSet::from_mask(m_row.kinds).split_minutes(m_row.minutes);
    for (std::size_t k = 0; k < 4; ++k) {
        if ((m_row.kinds >> k) & 1U) {
            row_minutes_by_kind[k] += m_row.minutes;
            m_figures.split_minutes_by_support[k] += parts[k];
        }
    }
    if (m_keep == SessionRows::keep) {
        m_session.minutes = m_row.minutes;
        m_session.support = m_row.kinds;
        m_figures.rows.push_back(std::move(m_session));
    }
}

// A date as exports write it (YYYY-MM-DD), or nullopt.
std::optional<Date> export_date(const std::string& text) {
    if (text.size() != 10) {
        return std::nullopt;
    }
    try {
        return parse_date(text, Date{});
    } catch (const Error&) {
        return std::nullopt;
    }
}

// The de-identified fields of a session row a database keeps besides the figures; a date or
// time that is not one is wrong (a database could not store it), the rest is kept as text.
bool FigureReader::row_field(string_t& value) {
    if (at_row("date") || at_row("follow_up")) {
        auto date = export_date(value);
        if (!date) {
            return other_value();
        }
        (at_row("date") ? m_session.date : m_session.follow_up) = date;
    } else if (at_row("start")) {
        try {
            m_session.start = parse_time(value);
        } catch (const Error&) {
            return other_value();
        }
    } else if (m_keep == SessionRows::drop) {
        return true; // nothing else of a row is checked
    } else if (at_row("peer")) {
        m_session.peer = value;
    } else if (at_row("group")) {
        m_session.group = value;
    } else if (at({"sessions", "[]", "attendees", "[]"})) {
        m_session.attendees.push_back(value);
    } else if (at_row("modality")) {
        m_session.modality = value;
    } else if (at_row("setting")) {
        m_session.setting = value;
    }
    return true;
}

bool FigureReader::boolean(bool value) {
    if (at_row("self_disclosure")) {
        m_session.self_disclosure = value;
        return true;
    }
    return other_value();
}

std::string FigureReader::path_text() const {
    std::string text;
    for (const auto& step : m_path) {
        text += step == "[]" ? "[]" : (text.empty() ? "" : ".") + step;
    }
    return text;
}

// The support kind named at m_path[2] of totals.by_support.KIND.minutes, or -1.
int support_index(const std::string& name) {
    for (auto kind : k_support_kinds) {
        if (name == to_string(kind)) {
            return static_cast<int>(kind);
        }
    }
    return -1;
}

bool FigureReader::number(long long value) {
    if ((value < 0 || value > k_largest) && !at({"schema_version"})) {
        return other_value(); // no figure is negative, and sums of these must not overflow
    }
    if (at({"schema_version"})) {
        schema_version = value;
    } else if (at({"totals", "sessions"})) {
        m_figures.sessions = value, seen |= k_sessions;
    } else if (at({"totals", "minutes"})) {
        m_figures.minutes = value, seen |= k_minutes;
    } else if (at({"totals", "new_peers"})) {
        m_figures.new_peers = value, seen |= k_new_peers;
    } else if (m_path.size() == 4 && m_path[0] == "totals" && m_path[1] == "by_support" &&
               m_path[3] == "minutes" && support_index(m_path[2]) >= 0) {
        int kind = support_index(m_path[2]);
        m_figures.minutes_by_support[static_cast<std::size_t>(kind)] = value;
        seen |= k_by_support << kind;
    } else if (at({"sessions", "[]", "minutes"})) {
        m_row.minutes = value;
    } else if (at_row("id")) {
        m_session.id = value;
    } else if (at_row("unnamed")) {
        m_session.unnamed = value;
    } else if (at({"audit_head", "id"})) {
        m_figures.audit_head_id = value;
    } else {
        return other_value();
    }
    return true;
}

bool FigureReader::string(string_t& value) {
    if (at({"kind"})) {
        kind = value;
    } else if (at({"specialist"})) {
        m_figures.specialist = value;
    } else if (at({"period", "from"})) {
        m_figures.span.first = value, seen |= k_from;
    } else if (at({"period", "to"})) {
        m_figures.span.second = value, seen |= k_to;
    } else if (at({"period", "week"})) {
        m_figures.week = value;
    } else if (at({"audit_head", "hash"})) {
        m_figures.audit_head_hash = value;
    } else if (at({"sessions", "[]", "peer"}) || at({"sessions", "[]", "attendees", "[]"})) {
        if (!value.empty()) {
            m_figures.peers.push_back(value);
        }
        return row_field(value);
    } else if (at({"sessions", "[]", "group"})) {
        m_row.group = true;
        return row_field(value);
    } else if (at({"sessions", "[]", "support", "[]"}) && support_index(value) >= 0) {
        m_row.kinds |= 1U << support_index(value);
    } else if (m_path.size() >= 3 && m_path[0] == "sessions") {
        return row_field(value);
    } else {
        return other_value();
    }
    return true;
}

bool FigureReader::other_value() {
    bool figure = at({"totals", "sessions"}) || at({"totals", "minutes"}) ||
                  at({"totals", "new_peers"}) || at({"period", "from"}) || at({"period", "to"}) ||
                  at({"sessions", "[]", "minutes"}) || at_row("date") || at_nullable_row_field() ||
                  (m_path.size() == 4 && m_path[1] == "by_support" && m_path[3] == "minutes");
    if (figure && wrong_type.empty()) {
        wrong_type = path_text();
    }
    return true;
}

// The first figure `seen` lacks, by name.
std::string missing_figure(unsigned seen) {
    constexpr std::pair<unsigned, const char*> names[] = {
        {k_from, "period.from"},           {k_to, "period.to"},
        {k_sessions, "totals.sessions"},   {k_minutes, "totals.minutes"},
        {k_new_peers, "totals.new_peers"}, {k_session_rows, "sessions"}};
    for (const auto& [bit, name] : names) {
        if (!(seen & bit)) {
            return name;
        }
    }
    return "totals.by_support";
}

// What the text is when it is JSON but not an object: "an array", "a string", ...
std::string json_kind(const std::string& text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || !nlohmann::json::accept(text)) {
        return "";
    }
    switch (text[first]) {
    case '[':
        return "an array";
    case '"':
        return "a string";
    case 't':
    case 'f':
        return "true or false";
    case 'n':
        return "null";
    default:
        return "a number";
    }
}

// Totals that disagree with the session rows beside them were changed by hand or damaged: a
// team report adding them up would report hours no one worked.
void check_totals(const std::string& file, const ExportFigures& figures,
                  const FigureReader& reader) {
    auto disagree = [&](const std::string& figure, long long total, const std::string& rows) {
        return bad_file(file, fmt::format("{} is {} but its session rows add up to {}; the file "
                                          "was changed or damaged: export it again",
                                          figure, total, rows));
    };
    if (figures.sessions != reader.rows) {
        throw disagree("totals.sessions", figures.sessions, counted(reader.rows, "session"));
    }
    if (figures.minutes != reader.row_minutes) {
        throw disagree("totals.minutes", figures.minutes, counted(reader.row_minutes, "minute"));
    }
    for (auto kind : k_support_kinds) {
        auto k = static_cast<std::size_t>(kind);
        if (figures.minutes_by_support[k] != reader.row_minutes_by_kind[k]) {
            throw disagree(fmt::format("totals.by_support.{}.minutes", to_string(kind)),
                           figures.minutes_by_support[k],
                           fmt::format("{} of {} support",
                                       counted(reader.row_minutes_by_kind[k], "minute"),
                                       to_string(kind)));
        }
    }
}

} // namespace

std::string figures_fingerprint(const ExportFigures& f) {
    // Each peer code with its length, so no two lists of codes read alike.
    std::string text = fmt::format("{} {} {} {} {}", f.sessions, f.minutes, f.new_peers,
                                   f.group_minutes, fmt::join(f.minutes_by_support, " "));
    for (const auto& peer : f.peers) {
        text += fmt::format(" {}:{}", peer.size(), peer);
    }
    std::string digest(16, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(digest.data()), digest.size(),
                       reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr,
                       0);
    return digest;
}

ExportFigures read_export_figures(const fs::path& file, SessionRows rows) {
    return parse_export_figures(
        read_text(file), file.string(),
        fmt::format("({})", fs::absolute(file).parent_path().filename().string()), rows);
}

ExportFigures parse_export_figures(const std::string& text, const std::string& file,
                                   const std::string& unnamed_as, SessionRows rows) {
    ExportFigures figures;
    FigureReader reader(figures, rows);
    bool object = text.find_first_not_of(" \t\r\n") != std::string::npos &&
                  text[text.find_first_not_of(" \t\r\n")] == '{';
    if (!object) {
        std::string kind = json_kind(text);
        throw bad_file(file, kind.empty()
                                 ? "is not JSON"
                                 : fmt::format("is JSON, but {}, not an export object", kind));
    }
    if (!nlohmann::json::sax_parse(text, &reader)) {
        throw bad_file(file, "is not JSON");
    }
    if (!reader.schema_version) {
        throw bad_file(file, "has no schema_version, so it is not a peerlog export");
    }
    if (*reader.schema_version != k_export_schema_version) {
        throw bad_file(file, fmt::format("has schema_version {}, which this peerlog cannot read; "
                                         "upgrade peerlog",
                                         *reader.schema_version));
    }
    if (reader.kind != "peerlog.export") {
        throw bad_file(file, "is not a peerlog export (kind is not \"peerlog.export\")");
    }
    if (reader.suppressed) {
        throw bad_file(file, "was exported with --suppress-below, and a team report adds up exact "
                             "figures: use an export without it (report team --suppress-below "
                             "hides small cells in the team report itself)");
    }
    if (!reader.wrong_type.empty() || reader.seen != k_all || reader.row_without_support) {
        std::string field = !reader.wrong_type.empty() ? reader.wrong_type
                            : reader.seen != k_all     ? missing_figure(reader.seen)
                                                       : "sessions[].support";
        throw bad_file(file,
                       fmt::format("is missing a field or has one of the wrong type or out of "
                                   "range ({})",
                                   field));
    }
    try {
        figures.from = parse_date(figures.span.first, Date{}, "period.from");
        figures.to = parse_date(figures.span.second, Date{}, "period.to");
    } catch (const Error& date) {
        throw bad_file(file, date.what());
    }
    check_totals(file, figures, reader);
    if (figures.specialist.empty()) {
        figures.specialist = unnamed_as;
        figures.unnamed = true;
    }
    return figures;
}

} // namespace peerlog
