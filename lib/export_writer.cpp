// The weekly export in json, ndjson and csv.
#include "peerlog/export_writer.hpp"

#include "json_codec.hpp"
#include "peerlog/safe_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace peerlog {
namespace {

Json header_json(const PeriodSummary& summary) {
    return Json{{"schema_version", k_export_schema_version},
                {"kind", "peerlog.export"},
                {"specialist", summary.specialist},
                {"period", period_json(summary.period)},
                {"totals", totals_json(summary.totals)},
                {"follow_ups_due", follow_ups_json(summary.follow_ups_due)}};
}

void write_csv(std::ostream& out, const PeriodSummary& summary) {
    out << csv_line({"id", "date", "start", "minutes", "peer", "support", "modality", "setting",
                     "self_disclosure", "follow_up", "group", "attendees", "unnamed"});
    for (const auto& row : summary.sessions) {
        out << csv_line(
            {std::to_string(row.id), format_date(row.date),
             row.start ? format_time(*row.start) : "", std::to_string(row.minutes), row.peer_code,
             row.support.to_string(";"), std::string(to_string(row.modality)),
             std::string(to_string(row.setting)), row.self_disclosure ? "yes" : "no",
             row.follow_up ? format_date(*row.follow_up) : "", row.group,
             fmt::format("{}", fmt::join(row.attendees, ";")), std::to_string(row.unnamed)});
    }
}

} // namespace

void write_export(std::ostream& out, const PeriodSummary& summary, OutputFormat format) {
    if (format == OutputFormat::csv) {
        write_csv(out, summary);
        return;
    }
    Json header = header_json(summary);
    if (format == OutputFormat::ndjson) {
        header["type"] = "summary";
        write_json(out, header, true);
        for (const auto& row : summary.sessions) {
            Json line = session_row_json(row);
            line["type"] = "session";
            write_json(out, line, true);
        }
        return;
    }
    Json sessions = Json::array();
    for (const auto& row : summary.sessions) {
        sessions.push_back(session_row_json(row));
    }
    header["sessions"] = sessions;
    write_json(out, header, false);
}

} // namespace peerlog
