// Reading the figures of one export file with nlohmann's SAX parser (no document is built).
#include "export_figures.hpp"

#include "peerlog/error.hpp"
#include "peerlog/export_writer.hpp"
#include "peerlog/session.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

using Sax = nlohmann::json_sax<nlohmann::json>;

Error bad_file(const fs::path& file, const std::string& what) {
    return Error(ErrorKind::invalid_data,
                 fmt::format("{}: {}. `report team` reads the JSON files of `peerlog export "
                             "--format json` (schema_version {}).",
                             file.string(), what, k_export_schema_version));
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
    explicit FigureReader(ExportFigures& figures) : m_figures(figures) {}

    std::optional<long long> schema_version;
    std::string kind, wrong_type;
    bool suppressed = false;
    unsigned seen = 0;

    bool null() override { return other_value(); }
    bool boolean(bool) override { return other_value(); }
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
    };

    bool at(std::initializer_list<std::string_view> path) const {
        return std::equal(m_path.begin(), m_path.end(), path.begin(), path.end());
    }
    std::string path_text() const;
    // A value of a type no figure has: wrong where a figure was expected, else ignored.
    bool other_value();
    bool number(long long value);
    void add_row() {
        if (m_row.group) {
            ++m_figures.group_sessions;
            m_figures.group_minutes += m_row.minutes;
        }
    }

    ExportFigures& m_figures;
    std::vector<std::string> m_path;
    Row m_row;
};

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
    } else if (at({"sessions", "[]", "peer"}) || at({"sessions", "[]", "attendees", "[]"})) {
        if (!value.empty()) {
            m_figures.peers.push_back(value);
        }
    } else if (at({"sessions", "[]", "group"})) {
        m_row.group = true;
    } else {
        return other_value();
    }
    return true;
}

bool FigureReader::other_value() {
    bool figure = at({"totals", "sessions"}) || at({"totals", "minutes"}) ||
                  at({"totals", "new_peers"}) || at({"period", "from"}) || at({"period", "to"}) ||
                  at({"sessions", "[]", "minutes"}) ||
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

} // namespace

ExportFigures read_export_figures(const fs::path& file) {
    std::string text = read_text(file);
    ExportFigures figures;
    FigureReader reader(figures);
    bool object = text.find_first_not_of(" \t\r\n") != std::string::npos &&
                  text[text.find_first_not_of(" \t\r\n")] == '{';
    if (!object || !nlohmann::json::sax_parse(text, &reader)) {
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
    if (!reader.wrong_type.empty() || reader.seen != k_all) {
        std::string field =
            reader.wrong_type.empty() ? missing_figure(reader.seen) : reader.wrong_type;
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
    if (figures.specialist.empty()) {
        figures.specialist =
            fmt::format("({})", fs::absolute(file).parent_path().filename().string());
    }
    return figures;
}

} // namespace peerlog
