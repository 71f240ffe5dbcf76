// The weekly export in json, ndjson, csv and xlsx, written row by row so it can stream.
#include "peerlog/export_writer.hpp"

#include "json_codec.hpp"
#include "peerlog/error.hpp"
#include "peerlog/safe_text.hpp"
#include "xlsx_writer.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iterator>
#include <sstream>

namespace peerlog {
namespace {

Json header_json(const PeriodSummary& summary) {
    Json header{{"schema_version", k_export_schema_version},
                {"kind", "peerlog.export"},
                {"specialist", summary.specialist},
                {"period", period_json(summary.period)},
                {"totals", totals_json(summary)},
                {"follow_ups_due", follow_ups_json(summary.follow_ups_due)},
                {"audit_head", audit_head_json(summary.audit_head)}};
    if (summary.suppressed_below > 0) {
        header["suppressed_below"] = summary.suppressed_below;
    }
    return header;
}

// The csv (and xlsx Sessions sheet) columns: ids, minutes and counts are numbers, days dates.
const std::vector<SheetColumn>& session_columns() {
    static const std::vector<SheetColumn> columns{{"id", CellType::number},
                                                  {"date", CellType::date},
                                                  {"start"},
                                                  {"minutes", CellType::number},
                                                  {"peer"},
                                                  {"support"},
                                                  {"modality"},
                                                  {"setting"},
                                                  {"self_disclosure"},
                                                  {"follow_up", CellType::date},
                                                  {"group"},
                                                  {"attendees"},
                                                  {"unnamed", CellType::number}};
    return columns;
}

std::vector<std::string> session_cells(const SessionRow& row) {
    return {std::to_string(row.id),
            format_date(row.date),
            row.start ? format_time(*row.start) : "",
            std::to_string(row.minutes),
            row.peer_code,
            row.support.to_string(";"),
            std::string(to_string(row.modality)),
            std::string(to_string(row.setting)),
            row.self_disclosure ? "yes" : "no",
            row.follow_up ? format_date(*row.follow_up) : "",
            row.group,
            fmt::format("{}", fmt::join(row.attendees, ";")),
            std::to_string(row.unnamed)};
}

// The export's headline figures, one per row.
SheetTable figures_table(const PeriodSummary& s) {
    const SummaryTotals& t = s.totals;
    SheetTable figures{{{"figure"}, {"value", CellType::number}}, {}};
    figures.rows = {{"specialist", s.specialist},
                    {"from", format_date(s.period.from)},
                    {"to", format_date(s.period.to)},
                    {"sessions", std::to_string(t.sessions)},
                    {"minutes", std::to_string(t.minutes)},
                    {"distinct_peers", std::to_string(t.distinct_peers)},
                    {"new_peers", std::to_string(t.new_peers)},
                    {"follow_ups_due", std::to_string(t.follow_ups_due)},
                    {"audit_head_id", std::to_string(s.audit_head.id)},
                    {"audit_head_hash", s.audit_head.hash}};
    return figures;
}

// The export's sessions and minutes by support kind, then by modality.
SheetTable slices_table(const SummaryTotals& t) {
    SheetTable slices{
        {{"by"}, {"kind"}, {"sessions", CellType::number}, {"minutes", CellType::number}}, {}};
    for (auto kind : k_support_kinds) {
        const auto& slice = t.by_support[static_cast<std::size_t>(kind)];
        slices.rows.push_back({"support", std::string(to_string(kind)),
                               std::to_string(slice.sessions), std::to_string(slice.minutes)});
    }
    for (auto modality : k_modalities) {
        const auto& slice = t.by_modality[static_cast<std::size_t>(modality)];
        slices.rows.push_back({"modality", std::string(to_string(modality)),
                               std::to_string(slice.sessions), std::to_string(slice.minutes)});
    }
    return slices;
}

// The export as a workbook, written as it is read: the figures and the totals (from the
// header), the follow-ups due and the sessions, a sheet each, each row written as it comes,
// so a workbook of years of sessions takes the memory of a week's.
class WorkbookExport {
  public:
    explicit WorkbookExport(std::ostream& out) : m_workbook(out) {}

    void begin(const PeriodSummary& header) {
        m_workbook.write_sheet(Sheet{"Summary", {figures_table(header)}});
        m_workbook.write_sheet(Sheet{"Totals", {slices_table(header.totals)}});
        m_workbook.begin_sheet("Follow-ups due");
        m_workbook.begin_table({{"peer"}, {"due", CellType::date}, {"session", CellType::number}});
    }

    void follow_up(const FollowUp& f) {
        m_workbook.write_row({f.peer_code, format_date(f.due), std::to_string(f.session_id)});
    }

    void row(const SessionRow& row) {
        begin_sessions();
        m_workbook.write_row(session_cells(row));
    }

    void end() {
        begin_sessions(); // a period without sessions still has the sheet and its header
        m_workbook.finish();
    }

  private:
    void begin_sessions() {
        if (!m_sessions_begun) {
            m_workbook.begin_sheet("Sessions");
            m_workbook.begin_table(session_columns());
            m_sessions_begun = true;
        }
    }

    WorkbookWriter m_workbook;
    bool m_sessions_begun = false;
};

// A JSON string as dump_json writes it: plain text is copied between quotes; anything it might
// escape (quotes, backslashes, controls, DEL, non-ASCII, invalid UTF-8) goes through it.
void append_json_string(std::string& line, std::string_view text) {
    bool plain = std::all_of(text.begin(), text.end(),
                             [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
    if (plain) {
        line += '"';
        line += text;
        line += '"';
    } else {
        line += dump_json(Json(std::string(text)), -1);
    }
}

void append_json_date(std::string& line, std::optional<Date> date) {
    if (date) {
        line += '"';
        line += format_date(*date);
        line += '"';
    } else {
        line += "null";
    }
}

void append_number(std::string& line, long long number) {
    char digits[24];
    auto end = std::to_chars(std::begin(digits), std::end(digits), number).ptr;
    line.append(digits, end);
}

// One ndjson session line, byte for byte what write_json prints for session_row_json(row) with
// "type": "session" after it, written without building a JSON object per row (a third of a
// large export's time went there) and without format strings (a tenth of what was left).
void append_ndjson_row(std::string& line, const SessionRow& row) {
    bool group = !row.group.empty();
    line += "{\"id\":";
    append_number(line, row.id);
    line += ",\"date\":";
    append_json_date(line, row.date);
    line += ",\"start\":";
    if (row.start) {
        line += '"';
        line += format_time(*row.start);
        line += '"';
    } else {
        line += "null";
    }
    line += ",\"minutes\":";
    append_number(line, row.minutes);
    line += ",\"peer\":";
    if (group) {
        line += "null,\"group\":";
        append_json_string(line, row.group);
    } else {
        append_json_string(line, row.peer_code);
        line += ",\"group\":null";
    }
    line += ",\"attendees\":[";
    for (std::size_t i = 0; i < row.attendees.size(); ++i) {
        line += i == 0 ? "" : ",";
        append_json_string(line, row.attendees[i]);
    }
    line += "],\"unnamed\":";
    append_number(line, row.unnamed);
    line += ",\"support\":[";
    bool first = true;
    for (auto kind : k_support_kinds) {
        if (row.support.has(kind)) {
            line += first ? "\"" : ",\"";
            line += to_string(kind);
            line += '"';
            first = false;
        }
    }
    line += "],\"modality\":\"";
    line += to_string(row.modality);
    line += "\",\"setting\":\"";
    line += to_string(row.setting);
    line += "\",\"self_disclosure\":";
    line += row.self_disclosure ? "true" : "false";
    line += ",\"follow_up\":";
    append_json_date(line, row.follow_up);
    line += ",\"type\":\"session\"}\n";
}

// A follow-up due as dump_json writes follow_up_json(follow_up): on one line (ndjson), or
// pretty, indented as an element of the json export's "follow_ups_due" array.
void append_follow_up(std::string& text, const FollowUp& follow_up, bool pretty) {
    text += pretty ? "    {\n      \"peer\": " : "{\"peer\":";
    append_json_string(text, follow_up.peer_code);
    text += pretty ? ",\n      \"due\": " : ",\"due\":";
    append_json_date(text, follow_up.due);
    text += pretty ? ",\n      \"session\": " : ",\"session\":";
    append_number(text, follow_up.session_id);
    text += pretty ? "\n    }" : "}";
}

// Writes an export as begin(header), follow_up()..., row()..., end(). The json and ndjson
// documents are the ones write_json prints for the whole value, written in pieces: the
// header's dump up to its empty "follow_ups_due" array, each follow-up, the text up to the
// empty "sessions" array, then each row, indented as nlohmann indents array elements.
class ExportStream {
  public:
    ExportStream(std::ostream& out, OutputFormat format) : m_out(out), m_format(format) {}

    void begin(const PeriodSummary& header) {
        if (m_format == OutputFormat::csv) {
            m_out << csv_header_line(session_columns());
            return;
        }
        Json json = header_json(header);
        json["follow_ups_due"] = Json::array();
        bool one_line = m_format == OutputFormat::ndjson;
        if (one_line) {
            json["type"] = "summary";
        } else {
            json["sessions"] = Json::array();
        }
        std::string text = dump_json(json, one_line ? -1 : 2);
        std::size_t list = text.find(one_line ? "\"follow_ups_due\":[]" : "\"follow_ups_due\": []");
        std::size_t open = text.find('[', list);
        m_out << text.substr(0, open + 1);
        // After the follow-ups: the rest of the line (ndjson) or up to the sessions' '['.
        m_after_follow_ups = one_line ? text.substr(open + 2) + "\n"
                                      : text.substr(open + 2, text.rfind("[]") - open - 1);
    }

    void follow_up(const FollowUp& follow_up) {
        if (m_format != OutputFormat::csv) {
            bool pretty = m_format == OutputFormat::json;
            m_line = m_follow_ups == 0 ? (pretty ? "\n" : "") : (pretty ? ",\n" : ",");
            append_follow_up(m_line, follow_up, pretty);
            m_out << m_line;
        }
        ++m_follow_ups;
    }

    void row(const SessionRow& row) {
        close_follow_ups();
        if (m_format == OutputFormat::csv) {
            m_out << csv_typed_line(session_columns(), session_cells(row));
        } else if (m_format == OutputFormat::ndjson) {
            m_line.clear();
            append_ndjson_row(m_line, row);
            m_out << m_line;
        } else {
            m_out << (m_rows == 0 ? "\n" : ",\n") << indented_json(session_row_json(row), "    ");
        }
        ++m_rows;
    }

    void end() {
        close_follow_ups();
        if (m_format == OutputFormat::json) {
            m_out << (m_rows == 0 ? "]\n}\n" : "\n  ]\n}\n");
        }
    }

  private:
    void close_follow_ups() {
        if (m_follow_ups_closed || m_format == OutputFormat::csv) {
            return;
        }
        m_follow_ups_closed = true;
        bool pretty = m_format == OutputFormat::json && m_follow_ups > 0;
        m_out << (pretty ? "\n  ]" : "]") << m_after_follow_ups;
    }

    std::ostream& m_out;
    OutputFormat m_format;
    std::string m_after_follow_ups;
    std::string m_line; // the ndjson line being written, kept for its capacity
    bool m_follow_ups_closed = false;
    long long m_follow_ups = 0;
    long long m_rows = 0;
};

// An export (ExportStream, WorkbookExport) of a summary held whole.
template <typename Export> void write_value(Export& export_, const PeriodSummary& summary) {
    export_.begin(summary);
    for (const auto& follow_up : summary.follow_ups_due) {
        export_.follow_up(follow_up);
    }
    for (const auto& row : summary.sessions) {
        export_.row(row);
    }
    export_.end();
}

// The same export, each row written as it is read from the journal.
template <typename Export>
void write_streamed(Export& export_, Journal& journal, const Period& period,
                    const SummaryOptions& options) {
    stream_summary(journal, period, options,
                   {[&](const PeriodSummary& header) { export_.begin(header); },
                    [&](const FollowUp& follow_up) { export_.follow_up(follow_up); },
                    [&](const SessionRow& row) { export_.row(row); },
                    false}); // the export prints no caseload
    export_.end();
}

} // namespace

void check_export_options(OutputFormat format, std::optional<int> suppress_below) {
    bool by_session = format == OutputFormat::csv || format == OutputFormat::xlsx;
    if (by_session && suppress_below) {
        throw Error(ErrorKind::usage,
                    fmt::format("the {} export lists sessions one by one, which suppression "
                                "removes: use --format json or ndjson.",
                                to_string(format)));
    }
}

void write_export(std::ostream& out, const PeriodSummary& summary, OutputFormat format) {
    check_export_options(format, summary.suppressed_below > 0
                                     ? std::optional<int>(summary.suppressed_below)
                                     : std::nullopt);
    if (format == OutputFormat::xlsx) {
        WorkbookExport workbook(out);
        write_value(workbook, summary);
        return;
    }
    ExportStream stream(out, format);
    write_value(stream, summary);
}

void write_export(std::ostream& out, Journal& journal, const Period& period,
                  const SummaryOptions& options, OutputFormat format) {
    if (format == OutputFormat::xlsx) {
        WorkbookExport workbook(out);
        write_streamed(workbook, journal, period, options);
        return;
    }
    ExportStream stream(out, format);
    write_streamed(stream, journal, period, options);
}

} // namespace peerlog
