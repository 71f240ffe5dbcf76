// `report boundaries`: building the value and rendering it.
#include "peerlog/boundary_report.hpp"

#include "boundary_sections.hpp"
#include "journal_db.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/text_table.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
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

long long overrides_of(const RuleFlags& section) {
    long long overrides = 0;
    for (const auto& f : section.flags) {
        overrides += f.override_reason.empty() ? 0 : 1;
    }
    return overrides;
}

DocTable by_rule_table(const BoundaryReport& report) {
    DocTable table{{{"Rule", "rule"},
                    {"Flags", "flags", Align::right, CellType::number},
                    {"Overrides", "overrides", Align::right, CellType::number}},
                   {},
                   {}};
    for (const auto& section : report.rules) {
        table.rows.push_back({std::string(to_string(section.rule)),
                              std::to_string(section.flags.size()),
                              std::to_string(overrides_of(section))});
    }
    return table;
}

// One row per flagged session: its rules, and the reasons it was saved despite a block.
DocTable flagged_sessions_table(const BoundaryReport& report) {
    struct Flagged {
        Date date{};
        std::string peer;
        std::vector<std::string> rules, reasons;
    };
    std::map<std::int64_t, Flagged> sessions;
    for (const auto& section : report.rules) {
        for (const auto& f : section.flags) {
            Flagged& s = sessions[f.session_id];
            s.date = f.date;
            s.peer = f.peer_code;
            s.rules.emplace_back(to_string(section.rule));
            if (!f.override_reason.empty()) {
                s.reasons.push_back(f.override_reason);
            }
        }
    }
    DocTable table{{{"Session", "session", Align::right, CellType::number},
                    {"Date", "date", Align::left, CellType::date},
                    {"Peer", "peer"},
                    {"Rules", "rules"},
                    {"Override reason", "override_reason"}},
                   {},
                   {}};
    std::vector<std::pair<std::int64_t, Flagged>> ordered(sessions.begin(), sessions.end());
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.second.date < b.second.date; });
    for (const auto& [id, s] : ordered) {
        table.rows.push_back({std::to_string(id), format_date(s.date), s.peer,
                              fmt::format("{}", fmt::join(s.rules, ", ")),
                              fmt::format("{}", fmt::join(s.reasons, "; "))});
        table.highlight.push_back(!s.reasons.empty());
    }
    return table;
}

// `report boundaries` in html and xlsx: the overview, then a section per rule.
Document boundary_document(const BoundaryReport& report) {
    Document document{fmt::format("Boundary flags: {}", describe(report.period)),
                      {boundaries_section(report)}};
    auto& overview_tables = document.sections.front().tables;
    if (!overview_tables.empty()) { // none for a period without flags
        overview_tables.pop_back(); // the rules' sections list every flag
    }
    for (const auto& section : report.rules) {
        DocTable table{{{"Session", "session", Align::right, CellType::number},
                        {"Date", "date", Align::left, CellType::date},
                        {"Peer", "peer"},
                        {"Severity", "severity"},
                        {"What", "message"},
                        {"Override reason", "override_reason"}},
                       {},
                       {}};
        for (const auto& f : section.flags) {
            table.rows.push_back({std::to_string(f.session_id), format_date(f.date), f.peer_code,
                                  std::string(to_string(f.severity)), f.message,
                                  f.override_reason});
        }
        document.sections.push_back(
            {fmt::format("{} ({})", to_string(section.rule), section.flags.size()),
             {},
             {},
             {table},
             {}});
    }
    return document;
}

Json report_json(const BoundaryReport& report) {
    Json json{{"schema_version", 1},
              {"kind", "peerlog.report.boundaries"},
              {"period", period_json(report.period)}};
    json.update(boundaries_json(report));
    return json;
}

} // namespace

DocSection boundaries_section(const BoundaryReport& report) {
    DocSection section{"Boundaries", {}, {}, {}, {}};
    section.figures = {{"Flagged sessions", std::to_string(report.flagged_sessions)},
                       {"Overrides", std::to_string(report.overrides)}};
    if (report.rules.empty()) {
        section.notes.push_back("No session in the period was flagged.");
        return section;
    }
    if (report.overrides > 0) {
        section.notes.push_back("Marked rows: sessions saved with an override reason.");
    }
    section.tables = {by_rule_table(report), flagged_sessions_table(report)};
    return section;
}

std::string boundaries_glance(const BoundaryReport& report) {
    std::vector<std::string> rules;
    for (const auto& section : report.rules) {
        rules.push_back(fmt::format("{} {}", to_string(section.rule), section.flags.size()));
    }
    return fmt::format("{}, {}{}", counted(report.flagged_sessions, "flagged session"),
                       counted(report.overrides, "override"),
                       rules.empty() ? "" : fmt::format(" ({})", fmt::join(rules, ", ")));
}

Json boundaries_json(const BoundaryReport& report) {
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
    return Json{{"flagged_sessions", report.flagged_sessions},
                {"overrides", report.overrides},
                {"rules", rules}};
}

void write_boundary_report(std::ostream& out, const BoundaryReport& report, OutputFormat format,
                           const RenderStyle& style) {
    if (format == OutputFormat::json) {
        write_json(out, report_json(report), false);
        return;
    }
    if (format == OutputFormat::html || format == OutputFormat::xlsx) {
        render_document(out, boundary_document(report), format, style);
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
