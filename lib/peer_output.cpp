// Rendering peers for `peer list` and `peer show`.
#include "peerlog/peer_output.hpp"

#include "json_codec.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/text_table.hpp"
#include "xlsx_writer.hpp"

#include <fmt/format.h>

namespace peerlog {
namespace {

template <class Enum> std::string name_or_empty(const std::optional<Enum>& value) {
    return value ? std::string(to_string(*value)) : "";
}

std::vector<std::string> cells_of(const PeerOverview& o) {
    return {o.peer.code,
            std::string(to_string(o.peer.status)),
            name_or_empty(o.peer.stage),
            name_or_empty(o.peer.pathway),
            format_date(o.peer.since),
            o.peer.closed_on ? format_date(*o.peer.closed_on) : "",
            std::to_string(o.sessions),
            format_hours(o.minutes),
            o.last_contact ? format_date(*o.last_contact) : ""};
}

Json peer_json(const PeerOverview& o) {
    auto optional_name = [](auto value) { return value ? Json(to_string(*value)) : Json(); };
    return Json{{"code", o.peer.code},
                {"status", to_string(o.peer.status)},
                {"stage", optional_name(o.peer.stage)},
                {"pathway", optional_name(o.peer.pathway)},
                {"since", format_date(o.peer.since)},
                {"closed_on", date_json(o.peer.closed_on)},
                {"referred_by", o.peer.referred_by},
                {"sessions", o.sessions},
                {"minutes", o.minutes},
                {"last_contact", date_json(o.last_contact)}};
}

// The code is text (0042 stays 0042); counts and hours are numbers, the days dates.
std::vector<SheetColumn> peer_columns(const std::vector<std::string>& headers) {
    std::vector<SheetColumn> columns;
    for (const auto& header : headers) {
        bool number = header == "sessions" || header == "hours";
        bool date = header == "since" || header == "closed_on" || header == "last_contact";
        columns.push_back({header, number ? CellType::number
                                   : date ? CellType::date
                                          : CellType::text});
    }
    return columns;
}

} // namespace

void write_peer_list(std::ostream& out, const std::vector<PeerOverview>& peers, OutputFormat format,
                     const RenderStyle& style) {
    const std::vector<std::string> headers = {"code",     "status", "stage",
                                              "pathway",  "since",  "closed_on",
                                              "sessions", "hours",  "last_contact"};
    if (format == OutputFormat::json) {
        Json list = Json::array();
        for (const auto& peer : peers) {
            list.push_back(peer_json(peer));
        }
        write_json(out, list, false);
    } else if (format == OutputFormat::csv || format == OutputFormat::xlsx) {
        SheetTable table{peer_columns(headers), {}};
        for (const auto& peer : peers) {
            table.rows.push_back(cells_of(peer));
        }
        if (format == OutputFormat::xlsx) {
            write_workbook(out, {Sheet{"Peers", {std::move(table)}}});
            return;
        }
        write_csv_table(out, table);
    } else {
        TextTable table;
        for (const auto& header : headers) {
            bool numeric = header == "sessions" || header == "hours";
            std::string title = header;
            for (auto& c : title) {
                c = c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            }
            table.column(title, numeric ? Align::right : Align::left);
        }
        for (const auto& peer : peers) {
            table.row(cells_of(peer));
        }
        out << table.render_text(style);
    }
}

void write_peer_detail(std::ostream& out, const PeerOverview& o,
                       const std::optional<PeerIdentity>& identity, OutputFormat format,
                       const RenderStyle& style) {
    if (format == OutputFormat::json) {
        Json json = peer_json(o);
        if (identity) {
            json["name"] = identity->name;
            json["contact"] = identity->contact;
        }
        write_json(out, json, false);
        return;
    }
    auto line = [&](std::string_view name, const std::string& value) {
        std::string padded = fmt::format("{:<14}", fmt::format("{}:", name));
        out << (style.color ? fmt::format("\x1b[1m{}\x1b[0m", padded) : padded)
            << terminal_safe(value, LineBreaks::flatten) << "\n";
    };
    auto cells = cells_of(o);
    line("Peer", o.peer.code);
    line("Status", cells[1] + (o.peer.closed_on ? " since " + cells[5] : ""));
    line("Stage", cells[2].empty() ? "(not recorded)" : cells[2]);
    line("Pathway", cells[3].empty() ? "(not recorded)" : cells[3]);
    line("On caseload", "since " + cells[4]);
    line("Referred by", o.peer.referred_by.empty() ? "(not recorded)" : o.peer.referred_by);
    line("Sessions", fmt::format("{} ({} h)", o.sessions, cells[7]));
    line("Last contact", cells[8].empty() ? "never" : cells[8]);
    if (identity) {
        line("Name", identity->name.empty() ? "(none on file)" : identity->name);
        line("Contact", identity->contact.empty() ? "(none on file)" : identity->contact);
    }
}

} // namespace peerlog
