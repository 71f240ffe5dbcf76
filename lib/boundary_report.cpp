// `report boundaries`: building the value and rendering it.
#include "peerlog/boundary_report.hpp"

#include "journal_db.hpp"
#include "json_codec.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/text_table.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <set>

namespace peerlog {

BoundaryReport build_boundary_report(Journal& journal, const Period& period) {
    BoundaryReport report;
    report.period = period;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(
            db, "SELECT f.rule, s.id, s.date, p.code, f.severity, f.message, f.override_reason "
                "FROM session_flag f JOIN session s ON s.id = f.session_id "
                "JOIN peer p ON p.id = s.peer_id WHERE s.date BETWEEN ? AND ? "
                "ORDER BY s.date, s.id");
        bind_date(query, 1, period.from);
        bind_date(query, 2, period.to);
        std::array<std::vector<FlaggedSession>, k_boundary_rules.size()> by_rule;
        std::set<std::int64_t> sessions;
        while (query.executeStep()) {
            auto rule = parse_boundary_rule(query.getColumn(0).getString());
            FlaggedSession flag{
                query.getColumn(1).getInt64(), stored_date(query.getColumn(2)),
                query.getColumn(3).getString(), parse_severity(query.getColumn(4).getString()),
                query.getColumn(5).getString(),
                // Sealed in an encrypted journal: the report needs no passphrase, so it says the
                // flag was overridden and `session show` gives the reason.
                shown_without_key(stored_text(query.getColumn(6)))};
            sessions.insert(flag.session_id);
            report.overrides += flag.override_reason.empty() ? 0 : 1;
            by_rule[static_cast<std::size_t>(rule)].push_back(std::move(flag));
        }
        report.flagged_sessions = static_cast<long long>(sessions.size());
        for (auto rule : k_boundary_rules) {
            auto& flags = by_rule[static_cast<std::size_t>(rule)];
            if (!flags.empty()) {
                report.rules.push_back({rule, std::move(flags)});
            }
        }
    });
    return report;
}

namespace {

TextTable rule_table(const RuleFlags& section) {
    TextTable table;
    table.column("Session", Align::right);
    table.column("Date");
    table.column("Peer");
    table.column("Severity");
    table.column("What");
    table.column("Override reason");
    for (const auto& f : section.flags) {
        table.row({std::to_string(f.session_id), format_date(f.date), f.peer_code,
                   std::string(to_string(f.severity)), f.message, f.override_reason});
    }
    return table;
}

Json report_json(const BoundaryReport& report) {
    Json rules = Json::array();
    for (const auto& section : report.rules) {
        Json flags = Json::array();
        for (const auto& f : section.flags) {
            flags.push_back({{"session", f.session_id},
                             {"date", format_date(f.date)},
                             {"peer", f.peer_code},
                             {"severity", to_string(f.severity)},
                             {"message", f.message},
                             {"override_reason", f.override_reason}});
        }
        rules.push_back({{"rule", to_string(section.rule)}, {"flags", flags}});
    }
    return Json{{"schema_version", 1},
                {"kind", "peerlog.report.boundaries"},
                {"period", period_json(report.period)},
                {"flagged_sessions", report.flagged_sessions},
                {"overrides", report.overrides},
                {"rules", rules}};
}

} // namespace

void write_boundary_report(std::ostream& out, const BoundaryReport& report, OutputFormat format,
                           const RenderStyle& style) {
    if (format == OutputFormat::json) {
        write_json(out, report_json(report), false);
        return;
    }
    if (format == OutputFormat::csv) {
        out << csv_line({"rule", "session", "date", "peer", "severity", "message", "override"});
        for (const auto& section : report.rules) {
            for (const auto& f : section.flags) {
                out << csv_line({std::string(to_string(section.rule)), std::to_string(f.session_id),
                                 format_date(f.date), f.peer_code,
                                 std::string(to_string(f.severity)), f.message, f.override_reason});
            }
        }
        return;
    }
    bool markdown = format == OutputFormat::markdown;
    std::string title = fmt::format("Boundary flags: {}", describe(report.period));
    out << (markdown ? "# " + markdown_safe(title) + "\n\n"
                     : title + "\n" + std::string(title.size(), '=') + "\n\n");
    out << fmt::format("{}, {}.\n\n", counted(report.flagged_sessions, "flagged session"),
                       counted(report.overrides, "override"));
    for (const auto& section : report.rules) {
        std::string heading = fmt::format("{} ({})", to_string(section.rule), section.flags.size());
        out << (markdown ? "## " + markdown_safe(heading) + "\n\n"
                         : heading + "\n" + std::string(heading.size(), '-') + "\n");
        TextTable table = rule_table(section);
        out << (markdown ? table.render_markdown() : table.render_text(style)) << "\n";
    }
}

} // namespace peerlog
