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

namespace {

// A period of more days than this (a quarter's at most) is long: its flags are read first
// (below) and streamed.
constexpr int k_long_period_days = 92;

bool long_period(const Period& period) {
    return days_between(period.from, period.to) + 1 > k_long_period_days; // both days count
}

// The period's flags on peers' sessions, for FROM. A short period's sessions are found by their
// date and their flags then; for a long one the flags are read first (all history of a large
// journal holds far more sessions than flags: 7 s → 0.06 s per query at 1M sessions). SQLite
// cannot tell the two apart without ANALYZE's statistics, so the join order says it.
std::string flags_of_period(const Period& period) {
    return fmt::format("session_flag f {} session s ON s.id = f.session_id JOIN peer p ON p.id = "
                       "s.peer_id WHERE s.date BETWEEN ? AND ?",
                       long_period(period) ? "CROSS JOIN" : "JOIN");
}

// The rules in the order of k_boundary_rules, for ORDER BY.
std::string rule_order() {
    std::string order = "CASE f.rule";
    for (std::size_t i = 0; i < k_boundary_rules.size(); ++i) {
        order += fmt::format(" WHEN '{}' THEN {}", to_string(k_boundary_rules[i]), i);
    }
    return order + " END";
}

FlaggedSession flag_of(SQLite::Statement& row) {
    return FlaggedSession{
        row.getColumn(1).getInt64(), stored_date(row.getColumn(2)), row.getColumn(3).getString(),
        parse_severity(row.getColumn(4).getString()), row.getColumn(5).getString(),
        // Sealed in an encrypted journal: the report needs no passphrase, so it says the flag
        // was overridden and `session show` gives the reason.
        shown_without_key(stored_text(row.getColumn(6)))};
}

void add_session_flag(FlaggedSessionRules& session, BoundaryRule rule, const FlaggedSession& f) {
    session.session_id = f.session_id;
    session.date = f.date;
    session.peer_code = f.peer_code;
    session.rules.emplace_back(to_string(rule));
    if (!f.override_reason.empty()) {
        session.override_reasons.push_back(f.override_reason);
    }
}

// The flags read from the journal, in one read transaction (the caller's, when it holds one);
// the first `limit` of them when it is given.
void read_flags(Journal& journal, const Period& period, std::optional<BoundaryRule> only,
                const std::string& order,
                const std::function<void(BoundaryRule, const FlaggedSession&)>& visit,
                std::optional<long long> limit = std::nullopt) {
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(
            db, fmt::format("SELECT f.rule, s.id, s.date, p.code, f.severity, f.message, "
                            "f.override_reason FROM {}{} ORDER BY {}{}",
                            flags_of_period(period), only ? " AND f.rule = ?" : "", order,
                            limit ? fmt::format(" LIMIT {}", *limit) : ""));
        bind_date(query, 1, period.from);
        bind_date(query, 2, period.to);
        if (only) {
            query.bind(3, std::string(to_string(*only)));
        }
        while (query.executeStep()) {
            visit(parse_boundary_rule(query.getColumn(0).getString()), flag_of(query));
        }
    });
}

} // namespace

void BoundaryReport::visit_flags(
    std::optional<BoundaryRule> only,
    const std::function<void(BoundaryRule, const FlaggedSession&)>& visit) const {
    if (read_flags) {
        read_flags(only, visit);
        return;
    }
    for (const RuleFlags& section : rules) {
        if (!only || section.rule == *only) {
            for (const FlaggedSession& flag : section.flags) {
                visit(section.rule, flag);
            }
        }
    }
}

void BoundaryReport::visit_sessions(
    const std::function<void(const FlaggedSessionRules&)>& visit) const {
    if (!read_flags) { // held: grouped here, by date then id
        std::map<std::int64_t, FlaggedSessionRules> sessions;
        visit_flags(std::nullopt, [&](BoundaryRule rule, const FlaggedSession& f) {
            add_session_flag(sessions[f.session_id], rule, f);
        });
        std::vector<FlaggedSessionRules> ordered;
        for (auto& [id, session] : sessions) {
            ordered.push_back(std::move(session));
        }
        std::stable_sort(ordered.begin(), ordered.end(),
                         [](const auto& a, const auto& b) { return a.date < b.date; });
        for (const auto& session : ordered) {
            visit(session);
        }
        return;
    }
    // Read in session order, a session's flags together: one session held at a time.
    FlaggedSessionRules current;
    bool any = false;
    read_sessions([&](BoundaryRule rule, const FlaggedSession& f) {
        if (any && f.session_id != current.session_id) {
            visit(current);
            current = FlaggedSessionRules{};
        }
        any = true;
        add_session_flag(current, rule, f);
    });
    if (any) {
        visit(current);
    }
}

namespace {

using RulesInOrder = std::array<RuleFlags, k_boundary_rules.size()>;

// The rules with a flag, in the order of k_boundary_rules, and the report's overrides.
void add_rules(BoundaryReport& report, RulesInOrder& by_rule) {
    for (auto rule : k_boundary_rules) {
        RuleFlags& section = by_rule[static_cast<std::size_t>(rule)];
        section.rule = rule;
        report.overrides += section.overrides;
        if (section.count > 0) {
            report.rules.push_back(std::move(section));
        }
    }
}

// The report with its flags held, or nullopt when the period has more than `most` of them.
std::optional<BoundaryReport> held_boundary_report(Journal& journal, const Period& period,
                                                   std::optional<long long> most) {
    BoundaryReport report;
    report.period = period;
    RulesInOrder by_rule;
    std::set<std::int64_t> sessions;
    long long read = 0;
    read_flags(
        journal, period, std::nullopt, "s.date, s.id",
        [&](BoundaryRule rule, const FlaggedSession& flag) {
            RuleFlags& section = by_rule[static_cast<std::size_t>(rule)];
            sessions.insert(flag.session_id);
            section.count += 1;
            section.overrides += flag.override_reason.empty() ? 0 : 1;
            section.flags.push_back(flag);
            ++read;
        },
        most ? std::optional<long long>(*most + 1) : std::nullopt);
    if (most && read > *most) {
        return std::nullopt;
    }
    report.flagged_sessions = static_cast<long long>(sessions.size());
    add_rules(report, by_rule);
    return report;
}

} // namespace

BoundaryReport build_boundary_report(Journal& journal, const Period& period) {
    return std::move(*held_boundary_report(journal, period, std::nullopt));
}

BoundaryReport stream_boundary_report(Journal& journal, const Period& period) {
    // A week's or a quarter's flags are as many as the sessions of those days allow, however long
    // the journal: held, they are read once. Streamed, a report read them four times (counts,
    // sessions flagged, and twice for a table's widths): summary --week at 1M sessions took 1.35×
    // its SQL, against 1.19× held. More than k_most_flags_held of them (a week into which an
    // import or the sqlite3 shell put a whole journal) are streamed like a long period's.
    constexpr long long k_most_flags_held = 10000;
    if (!long_period(period)) {
        if (auto held = held_boundary_report(journal, period, k_most_flags_held)) {
            return std::move(*held);
        }
    }
    BoundaryReport report;
    report.period = period;
    read_transaction(journal, [&](SQLite::Database& db) {
        // A sealed reason is a blob, never equal to ''.
        SQLite::Statement query(
            db, fmt::format("SELECT f.rule, count(*), count(CASE WHEN f.override_reason <> '' "
                            "THEN 1 END) FROM {} GROUP BY f.rule",
                            flags_of_period(period)));
        bind_date(query, 1, period.from);
        bind_date(query, 2, period.to);
        RulesInOrder by_rule;
        while (query.executeStep()) {
            RuleFlags& section = by_rule[static_cast<std::size_t>(
                parse_boundary_rule(query.getColumn(0).getString()))];
            section.count = query.getColumn(1).getInt64();
            section.overrides = query.getColumn(2).getInt64();
        }
        add_rules(report, by_rule);
        SQLite::Statement sessions(
            db, fmt::format("SELECT count(DISTINCT s.id) FROM {}", flags_of_period(period)));
        bind_date(sessions, 1, period.from);
        bind_date(sessions, 2, period.to);
        sessions.executeStep();
        report.flagged_sessions = sessions.getColumn(0).getInt64();
    });
    report.read_flags = [&journal, period](std::optional<BoundaryRule> only, const auto& visit) {
        read_flags(journal, period, only, rule_order() + ", s.date, s.id", visit);
    };
    report.read_sessions = [&journal, period](const auto& visit) {
        read_flags(journal, period, std::nullopt, "s.date, s.id, " + rule_order(), visit);
    };
    return report;
}

namespace {

std::vector<std::string> flag_cells(const FlaggedSession& f) {
    return {std::to_string(f.session_id),       format_date(f.date), f.peer_code,
            std::string(to_string(f.severity)), f.message,           f.override_reason};
}

// One rule's flags as a terminal or Markdown table, read twice on a terminal (widths first).
void write_rule_table(std::ostream& out, const BoundaryReport& report, BoundaryRule rule,
                      bool markdown, const RenderStyle& style) {
    TextTableLines lines;
    lines.column("Session", Align::right);
    for (const char* header : {"Date", "Peer", "Severity", "What", "Override reason"}) {
        lines.column(header);
    }
    if (!markdown) {
        report.visit_flags(
            rule, [&](BoundaryRule, const FlaggedSession& f) { lines.measure(flag_cells(f)); });
    }
    out << (markdown ? lines.header_markdown() : lines.header_text(style));
    report.visit_flags(rule, [&](BoundaryRule, const FlaggedSession& f) {
        out << (markdown ? lines.row_markdown(flag_cells(f)) : lines.row_text(flag_cells(f)));
    });
}

DocTable by_rule_table(const BoundaryReport& report) {
    DocTable table{{{"Rule", "rule"},
                    {"Flags", "flags", Align::right, CellType::number},
                    {"Overrides", "overrides", Align::right, CellType::number}},
                   {},
                   {}};
    for (const auto& section : report.rules) {
        table.rows.push_back({std::string(to_string(section.rule)), std::to_string(section.count),
                              std::to_string(section.overrides)});
    }
    return table;
}

// One row per flagged session: its rules, and the reasons it was saved despite a block. Read as
// it is rendered: `report` must outlive the table.
DocTable flagged_sessions_table(const BoundaryReport& report) {
    DocTable table{{{"Session", "session", Align::right, CellType::number},
                    {"Date", "date", Align::left, CellType::date},
                    {"Peer", "peer"},
                    {"Rules", "rules"},
                    {"Override reason", "override_reason"}},
                   {},
                   {}};
    table.streamed = [&report](const std::function<void(const DocRow&)>& visit) {
        report.visit_sessions([&](const FlaggedSessionRules& s) {
            std::vector<std::string> cells{std::to_string(s.session_id), format_date(s.date),
                                           s.peer_code, fmt::format("{}", fmt::join(s.rules, ", ")),
                                           fmt::format("{}", fmt::join(s.override_reasons, "; "))};
            visit(DocRow{cells, !s.override_reasons.empty()});
        });
    };
    return table;
}

// One rule's flags as a document table, read as it is rendered.
DocTable rule_doc_table(const BoundaryReport& report, BoundaryRule rule) {
    DocTable table{{{"Session", "session", Align::right, CellType::number},
                    {"Date", "date", Align::left, CellType::date},
                    {"Peer", "peer"},
                    {"Severity", "severity"},
                    {"What", "message"},
                    {"Override reason", "override_reason"}},
                   {},
                   {}};
    table.streamed = [&report, rule](const std::function<void(const DocRow&)>& visit) {
        report.visit_flags(rule, [&](BoundaryRule, const FlaggedSession& f) {
            std::vector<std::string> cells = flag_cells(f);
            visit(DocRow{cells, false});
        });
    };
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
        document.sections.push_back({fmt::format("{} ({})", to_string(section.rule), section.count),
                                     {},
                                     {},
                                     {rule_doc_table(report, section.rule)},
                                     {}});
    }
    return document;
}

Json flag_json(const FlaggedSession& f) {
    return Json{{"session", f.session_id}, {"date", format_date(f.date)},
                {"peer", f.peer_code},     {"severity", to_string(f.severity)},
                {"message", f.message},    {"override_reason", f.override_reason}};
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
        rules.push_back(fmt::format("{} {}", to_string(section.rule), section.count));
    }
    return fmt::format("{}, {}{}", counted(report.flagged_sessions, "flagged session"),
                       counted(report.overrides, "override"),
                       rules.empty() ? "" : fmt::format(" ({})", fmt::join(rules, ", ")));
}

Json boundaries_json(const BoundaryReport& report, std::vector<JsonStream>& streams) {
    Json rules = Json::array();
    for (const auto& section : report.rules) {
        std::string marker = json_stream_marker(static_cast<int>(streams.size()));
        streams.push_back({marker, [&report, rule = section.rule](const auto& item) {
                               report.visit_flags(rule, [&](BoundaryRule, const FlaggedSession& f) {
                                   item(flag_json(f));
                               });
                           }});
        rules.push_back({{"rule", to_string(section.rule)}, {"flags", marker}});
    }
    return Json{{"flagged_sessions", report.flagged_sessions},
                {"overrides", report.overrides},
                {"rules", rules}};
}

void write_boundary_report(std::ostream& out, const BoundaryReport& report, OutputFormat format,
                           const RenderStyle& style) {
    if (format == OutputFormat::json) {
        std::vector<JsonStream> streams;
        Json json{{"schema_version", 1},
                  {"kind", "peerlog.report.boundaries"},
                  {"period", period_json(report.period)}};
        json.update(boundaries_json(report, streams));
        write_json_streamed(out, json, streams);
        return;
    }
    if (format == OutputFormat::html || format == OutputFormat::xlsx) {
        render_document(out, boundary_document(report), format, style);
        return;
    }
    if (format == OutputFormat::csv) {
        out << csv_line({"rule", "session", "date", "peer", "severity", "message", "override"});
        report.visit_flags(std::nullopt, [&](BoundaryRule rule, const FlaggedSession& f) {
            std::vector<std::string> cells = flag_cells(f);
            cells.insert(cells.begin(), std::string(to_string(rule)));
            out << csv_line(cells);
        });
        return;
    }
    bool markdown = format == OutputFormat::markdown;
    std::string title = fmt::format("Boundary flags: {}", describe(report.period));
    out << (markdown ? "# " + markdown_safe(title) + "\n\n"
                     : title + "\n" + std::string(title.size(), '=') + "\n\n");
    out << fmt::format("{}, {}.\n\n", counted(report.flagged_sessions, "flagged session"),
                       counted(report.overrides, "override"));
    for (const auto& section : report.rules) {
        std::string heading = fmt::format("{} ({})", to_string(section.rule), section.count);
        out << (markdown ? "## " + markdown_safe(heading) + "\n\n"
                         : heading + "\n" + std::string(heading.size(), '-') + "\n");
        write_rule_table(out, report, section.rule, markdown, style);
        out << "\n";
    }
}

void write_boundary_report(std::ostream& out, Journal& journal, const Period& period,
                           OutputFormat format, const RenderStyle& style) {
    read_transaction(journal, [&](SQLite::Database&) {
        write_boundary_report(out, stream_boundary_report(journal, period), format, style);
    });
}

} // namespace peerlog
