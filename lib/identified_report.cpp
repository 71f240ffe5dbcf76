// The identified summary report: built from the summary and prepare_disclosure(), rendered
// around the de-identified report so its figures read exactly as `report summary` prints them.
#include "peerlog/identified_report.hpp"

#include "csv_reader.hpp"
#include "disclosed_peer_output.hpp"
#include "journal_db.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/summary_report.hpp"
#include "peerlog/text_table.hpp"
#include "period_section.hpp"
#include "xlsx_writer.hpp"

#include <fmt/format.h>
#include <sstream>

namespace peerlog {

IdentifiedReport prepare_identified_report(Journal& journal, const Period& period,
                                           const SummaryOptions& options,
                                           DisclosureRequest request) {
    request.information = std::string(k_identified_report_information);
    IdentifiedReport report;
    // One snapshot, so the summary and the disclosure carry the same chain head.
    read_transaction(journal, [&](SQLite::Database&) {
        report.summary = build_summary(journal, period, options);
        report.disclosed = prepare_disclosure(journal, period, request);
    });
    return report;
}

namespace {

// The notice, then the summary report unchanged, then a section per consenting peer.
void write_document(std::ostream& out, const IdentifiedReport& report, bool markdown,
                    const RenderStyle& style) {
    auto heading = [&](const std::string& text, int level) {
        out << render_heading(text, level, markdown, style);
    };
    const IdentifiedExport& d = report.disclosed;
    std::string notice = terminal_safe(d.request.notice, LineBreaks::keep);
    if (markdown) {
        // Each line of the (configurable) notice escaped on its own, so it stays quoted text.
        std::string quoted;
        std::string_view rest = notice;
        for (auto end = rest.find('\n'); end != std::string_view::npos; end = rest.find('\n')) {
            quoted += markdown_safe(rest.substr(0, end)) + "\n> ";
            rest.remove_prefix(end + 1);
        }
        out << "> **Redisclosure notice:** " << quoted << markdown_safe(rest) << "\n\n";
    } else {
        out << "Redisclosure notice: " << notice << "\n\n";
    }
    write_summary_report(out, report.summary,
                         markdown ? OutputFormat::markdown : OutputFormat::table, style);
    out << "\n";
    heading(terminal_safe(fmt::format("Identified records for {}", d.request.recipient),
                          LineBreaks::flatten),
            1);
    if (!markdown) {
        out << "\n";
    }
    std::string disclosure =
        fmt::format("Disclosure {} for {}: {} with a valid consent.", d.disclosure_id, d.purpose,
                    counted(static_cast<long long>(d.peers.size()), "peer"));
    out << (markdown ? markdown_safe(disclosure) : terminal_safe(disclosure, LineBreaks::keep))
        << "\n";
    out << fmt::format("Audit chain head: {} (the disclosure's own event follows it)\n\n",
                       describe(d.audit_head));
    for (const auto& peer : d.peers) {
        render_sections(out, disclosed_sections(peer, d.period),
                        markdown ? OutputFormat::markdown : OutputFormat::table, style);
    }
}

// The summary's five columns, then those of the identified records (as in the identified
// export; a session's id goes in `value` and its minutes in `minutes`).
const std::vector<std::string> k_csv_columns = {
    "section", "item",     "sessions", "minutes", "value",   "name", "contact", "record", "date",
    "start",   "modality", "setting",  "group",   "support", "note", "detail",  "status"};

// The notice line (as in the identified export), then the summary's rows under the wider
// header, then the disclosure and one row per disclosed session.
void write_csv(std::ostream& out, const IdentifiedReport& report, const RenderStyle& style) {
    const IdentifiedExport& d = report.disclosed;
    out << csv_line({"notice", d.request.notice});
    out << csv_line(k_csv_columns);
    std::stringstream summary;
    write_summary_report(summary, report.summary, OutputFormat::csv, style);
    CsvReader reader(summary);
    CsvRecord record;
    reader.next(record); // the summary's own header: the first five columns above
    while (reader.next(record)) {
        record.fields.resize(k_csv_columns.size());
        out << csv_line(record.fields);
    }
    auto row = [&](std::string item, std::string value) {
        std::vector<std::string> cells(k_csv_columns.size());
        cells[0] = "disclosure";
        cells[1] = std::move(item);
        cells[4] = std::move(value);
        out << csv_line(cells);
    };
    row("id", std::to_string(d.disclosure_id));
    row("recipient", d.request.recipient);
    row("purpose", d.purpose);
    row("audit_head", fmt::format("{} {}", d.audit_head.id, d.audit_head.hash));
    for (const auto& peer : d.peers) {
        std::string contact = peer.contact.value_or("");
        for (const auto& r : disclosed_rows(peer)) {
            out << csv_line({"identified", peer.code, "", r.minutes, r.id, peer.name, contact,
                             r.record, r.date, r.start, r.modality, r.setting, r.group, r.support,
                             r.note, r.detail, r.status});
        }
    }
}

// One page: the notice, the period's figures, the disclosure, then each peer's sections. The
// charts of the plain HTML summary are left out: they show every peer, consenting or not.
Document html_document(const IdentifiedReport& report) {
    const IdentifiedExport& d = report.disclosed;
    std::string who = report.summary.specialist.empty() ? "" : " for " + report.summary.specialist;
    Document document{fmt::format("Identified summary{}: {}", who, describe(report.summary.period)),
                      {}};
    document.sections.push_back({"Redisclosure notice", {}, {d.request.notice}, {}, {}});
    document.sections.push_back(period_section(report.summary));
    document.sections.push_back(
        {fmt::format("Identified records for {}", d.request.recipient),
         {{"Disclosure", std::to_string(d.disclosure_id)},
          {"Purpose", d.purpose},
          {"Peers with a valid consent", std::to_string(d.peers.size())},
          {"Audit chain head (the disclosure's own event follows it)", describe(d.audit_head)}},
         {},
         {},
         {}});
    for (const auto& peer : d.peers) {
        auto sections = disclosed_sections(peer, d.period);
        document.sections.insert(document.sections.end(), sections.begin(), sections.end());
    }
    return document;
}

// The summary report's JSON with the notice after its kind and the disclosure at the end.
Json report_json(const IdentifiedReport& report, const RenderStyle& style) {
    const IdentifiedExport& d = report.disclosed;
    std::stringstream text;
    write_summary_report(text, report.summary, OutputFormat::json, style);
    Json summary = Json::parse(text.str());
    Json json = Json::object();
    for (const auto& item : summary.items()) {
        json[item.key()] = item.value();
        if (item.key() == "kind") {
            json["kind"] = "peerlog.report.summary.identified";
            json["notice"] = d.request.notice;
        }
    }
    Json peers = Json::array();
    for (const auto& peer : d.peers) {
        peers.push_back(disclosed_peer_json(peer));
    }
    json["identified"] = Json{{"disclosure", d.disclosure_id},
                              {"recipient", d.request.recipient},
                              {"purpose", d.purpose},
                              {"audit_head", audit_head_json(d.audit_head)},
                              {"peers", peers}};
    return json;
}

} // namespace

void write_identified_report(std::ostream& out, const IdentifiedReport& report, OutputFormat format,
                             const RenderStyle& style) {
    switch (format) {
    case OutputFormat::html:
        render_document(out, html_document(report), OutputFormat::html, style);
        return;
    case OutputFormat::json:
        write_json(out, report_json(report, style), false);
        return;
    case OutputFormat::csv:
        write_csv(out, report, style);
        return;
    case OutputFormat::xlsx: // the summary's sheets between the disclosure and its records
        write_workbook(out, identified_sheets(report.disclosed,
                                              document_sheets(summary_document(report.summary))));
        return;
    case OutputFormat::markdown:
        write_document(out, report, true, style);
        return;
    default:
        write_document(out, report, false, style);
        return;
    }
}

} // namespace peerlog
