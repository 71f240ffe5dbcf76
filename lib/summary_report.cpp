// The supervisor's summary report in table, markdown, csv and json.
#include "peerlog/summary_report.hpp"

#include "document.hpp"
#include "json_codec.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/suppression.hpp"
#include "peerlog/text_table.hpp"
#include "period_section.hpp"

#include <fmt/format.h>

namespace peerlog {
namespace {

std::string not_seen_text(const InactivePeer& peer) {
    return peer.last_contact ? format_date(*peer.last_contact) : "never";
}

// Hours as printed: "suppressed" where the minutes are hidden.
std::string shown_hours(const PeriodSummary& s, std::string_view path, long long minutes) {
    return is_suppressed(s, path) ? "suppressed" : format_hours(minutes);
}

TextTable totals_table(const PeriodSummary& s) {
    const SummaryTotals& totals = s.totals;
    TextTable table;
    table.column("Figure");
    table.column("Value", Align::right);
    table.row({"Sessions", shown_count(s, "totals.sessions", totals.sessions)});
    table.row({"Hours", shown_hours(s, "totals.minutes", totals.minutes)});
    table.row({"Distinct peers", shown_count(s, "totals.distinct_peers", totals.distinct_peers)});
    table.row({"New peers", shown_count(s, "totals.new_peers", totals.new_peers)});
    table.row({"Follow-ups due", shown_count(s, "totals.follow_ups_due", totals.follow_ups_due)});
    return table;
}

template <class Kinds>
TextTable slice_table(const PeriodSummary& s, std::string_view title, std::string_view group,
                      const Kinds& kinds, const std::array<SliceTotal, 4>& slices) {
    TextTable table;
    table.column(std::string(title));
    table.column("Sessions", Align::right);
    table.column("Hours", Align::right);
    for (auto kind : kinds) {
        const auto& slice = slices[static_cast<std::size_t>(kind)];
        std::string prefix = fmt::format("totals.{}.{}", group, to_string(kind));
        table.row({std::string(to_string(kind)),
                   shown_count(s, prefix + ".sessions", slice.sessions),
                   shown_hours(s, prefix + ".minutes", slice.minutes)});
    }
    return table;
}

TextTable not_seen_table(const Caseload& caseload) {
    TextTable table;
    table.column("Peer");
    table.column("Days", Align::right);
    table.column("Last contact");
    for (const auto& peer : caseload.not_seen) {
        table.row({peer.peer_code, std::to_string(peer.days_since), not_seen_text(peer)});
    }
    return table;
}

TextTable overdue_table(const std::vector<FollowUp>& overdue) {
    TextTable table;
    table.column("Peer");
    table.column("Due");
    table.column("Session", Align::right);
    for (const auto& follow_up : overdue) {
        table.row({follow_up.peer_code, format_date(follow_up.due),
                   std::to_string(follow_up.session_id)});
    }
    return table;
}

std::string title_of(const PeriodSummary& summary) {
    std::string who = summary.specialist.empty() ? "" : fmt::format(" for {}", summary.specialist);
    return terminal_safe(fmt::format("Summary{}: {}", who, describe(summary.period)),
                         LineBreaks::flatten);
}

// The text and markdown layouts share their sections; only headings and tables differ.
void write_document(std::ostream& out, const PeriodSummary& s, bool markdown,
                    const RenderStyle& style) {
    auto heading = [&](const std::string& text, int level) {
        out << render_heading(text, level, markdown, style);
    };
    auto table = [&](const TextTable& t) {
        out << (markdown ? t.render_markdown() : t.render_text(style)) << "\n";
    };
    const Caseload& caseload = s.caseload;
    heading(title_of(s), 1);
    if (!markdown) {
        out << "\n";
    }
    table(totals_table(s));
    heading("Hours by support kind", 2);
    table(slice_table(s, "Support kind", "by_support", k_support_kinds, s.totals.by_support));
    out << "A session of several support kinds counts in full under each kind.\n\n";
    heading("Hours by modality", 2);
    table(slice_table(s, "Modality", "by_modality", k_modalities, s.totals.by_modality));
    heading(fmt::format("Caseload on {}", format_date(caseload.as_of)), 2);
    out << fmt::format("Active peers: {} ({} paused)\n\n",
                       shown_count(s, "caseload.active_peers", caseload.active_peers),
                       shown_count(s, "caseload.paused_peers", caseload.paused_peers));
    if (s.suppressed_below > 0) {
        out << fmt::format("Counts from 1 to {} are shown as <{}; lists of peers are left out.\n",
                           s.suppressed_below - 1, s.suppressed_below);
        out << fmt::format("\nAudit chain head: {}\n", describe(s.audit_head));
        return;
    }
    out << fmt::format("Not seen for more than {}: {}\n\n", counted(caseload.inactive_days, "day"),
                       caseload.not_seen.size());
    if (!caseload.not_seen.empty()) {
        table(not_seen_table(caseload));
    }
    heading(fmt::format("Follow-ups overdue on {}", format_date(caseload.as_of)), 2);
    if (s.follow_ups_overdue.empty()) {
        out << "None.\n";
    } else {
        table(overdue_table(s.follow_ups_overdue));
    }
    out << fmt::format("\nAudit chain head: {}\n", describe(s.audit_head));
}

void write_csv(std::ostream& out, const PeriodSummary& s) {
    out << csv_line({"section", "item", "sessions", "minutes", "value"});
    const auto& t = s.totals;
    auto row = [&](std::string section, std::string item, std::string sessions, std::string minutes,
                   std::string value) {
        out << csv_line({std::move(section), std::move(item), std::move(sessions),
                         std::move(minutes), std::move(value)});
    };
    row("period", "from", "", "", format_date(s.period.from));
    row("period", "to", "", "", format_date(s.period.to));
    auto shown = [&](std::string_view path, long long value) {
        return shown_count(s, path, value);
    };
    row("totals", "all", shown("totals.sessions", t.sessions), shown("totals.minutes", t.minutes),
        "");
    row("totals", "distinct_peers", "", "", shown("totals.distinct_peers", t.distinct_peers));
    row("totals", "new_peers", "", "", shown("totals.new_peers", t.new_peers));
    row("totals", "follow_ups_due", "", "", shown("totals.follow_ups_due", t.follow_ups_due));
    for (auto kind : k_support_kinds) {
        const auto& slice = t.by_support[static_cast<std::size_t>(kind)];
        std::string prefix = fmt::format("totals.by_support.{}", to_string(kind));
        row("support", std::string(to_string(kind)), shown(prefix + ".sessions", slice.sessions),
            shown(prefix + ".minutes", slice.minutes), "");
    }
    for (auto modality : k_modalities) {
        const auto& slice = t.by_modality[static_cast<std::size_t>(modality)];
        std::string prefix = fmt::format("totals.by_modality.{}", to_string(modality));
        row("modality", std::string(to_string(modality)),
            shown(prefix + ".sessions", slice.sessions), shown(prefix + ".minutes", slice.minutes),
            "");
    }
    row("caseload", "active_peers", "", "",
        shown("caseload.active_peers", s.caseload.active_peers));
    row("caseload", "paused_peers", "", "",
        shown("caseload.paused_peers", s.caseload.paused_peers));
    for (const auto& peer : s.caseload.not_seen) {
        row("not_seen", peer.peer_code, "", "", std::to_string(peer.days_since));
    }
    for (const auto& follow_up : s.follow_ups_overdue) {
        row("follow_up_overdue", follow_up.peer_code, "", "", format_date(follow_up.due));
    }
}

Json report_json(const PeriodSummary& s) {
    Json not_seen = Json::array();
    for (const auto& peer : s.caseload.not_seen) {
        not_seen.push_back({{"peer", peer.peer_code},
                            {"last_contact", date_json(peer.last_contact)},
                            {"days_since", peer.days_since}});
    }
    Json report{{"schema_version", k_report_schema_version},
                {"kind", "peerlog.report.summary"},
                {"specialist", s.specialist},
                {"period", period_json(s.period)},
                {"totals", totals_json(s)},
                {"caseload",
                 {{"as_of", format_date(s.caseload.as_of)},
                  {"active_peers", count_json(s, "caseload.active_peers", s.caseload.active_peers)},
                  {"paused_peers", count_json(s, "caseload.paused_peers", s.caseload.paused_peers)},
                  {"inactive_days", s.caseload.inactive_days},
                  {"not_seen", not_seen}}},
                {"follow_ups_overdue", follow_ups_json(s.follow_ups_overdue)},
                {"audit_head", audit_head_json(s.audit_head)}};
    if (s.suppressed_below > 0) {
        report["suppressed_below"] = s.suppressed_below;
    }
    return report;
}

} // namespace

Document summary_document(const PeriodSummary& s) {
    const SummaryTotals& t = s.totals;
    const Caseload& caseload = s.caseload;
    DocSection totals{"Summary", {}, {}, {}, {}};
    totals.figures = {{"From", format_date(s.period.from)},
                      {"To", format_date(s.period.to)},
                      {"Sessions", shown_count(s, "totals.sessions", t.sessions)},
                      {"Hours", shown_hours(s, "totals.minutes", t.minutes)},
                      {"Distinct peers", shown_count(s, "totals.distinct_peers", t.distinct_peers)},
                      {"New peers", shown_count(s, "totals.new_peers", t.new_peers)},
                      {"Follow-ups due", shown_count(s, "totals.follow_ups_due", t.follow_ups_due)},
                      {"Audit chain head", describe(s.audit_head)}};
    auto slices = [&](std::string heading, std::string_view group, const auto& kinds,
                      const std::array<SliceTotal, 4>& totals_of) {
        DocTable table{{{heading, "kind"},
                        {"Sessions", "sessions", Align::right, CellType::number},
                        {"Hours", "hours", Align::right, CellType::number}},
                       {},
                       {}};
        for (auto kind : kinds) {
            const auto& slice = totals_of[static_cast<std::size_t>(kind)];
            std::string prefix = fmt::format("totals.{}.{}", group, to_string(kind));
            table.rows.push_back({std::string(to_string(kind)),
                                  shown_count(s, prefix + ".sessions", slice.sessions),
                                  shown_hours(s, prefix + ".minutes", slice.minutes)});
        }
        return DocSection{"Hours by " + heading, {}, {}, {table}, {}};
    };
    DocSection by_support = slices("support kind", "by_support", k_support_kinds, t.by_support);
    by_support.notes.push_back(
        "A session of several support kinds counts in full under each kind.");
    DocSection cases{fmt::format("Caseload on {}", format_date(caseload.as_of)), {}, {}, {}, {}};
    cases.figures = {
        {"Active peers", shown_count(s, "caseload.active_peers", caseload.active_peers)},
        {"Paused peers", shown_count(s, "caseload.paused_peers", caseload.paused_peers)}};
    Document document{title_of(s),
                      {totals, by_support,
                       slices("modality", "by_modality", k_modalities, t.by_modality), cases}};
    if (s.suppressed_below > 0) {
        totals.notes.push_back(
            fmt::format("Counts from 1 to {} are shown as <{}; lists of peers are left out.",
                        s.suppressed_below - 1, s.suppressed_below));
        document.sections.front() = totals;
        return document;
    }
    DocTable not_seen{{{"Peer", "peer"},
                       {"Days", "days", Align::right, CellType::number},
                       {"Last contact", "last_contact", Align::left, CellType::date}},
                      {},
                      {}};
    for (const auto& peer : caseload.not_seen) {
        not_seen.rows.push_back(
            {peer.peer_code, std::to_string(peer.days_since), not_seen_text(peer)});
    }
    document.sections.back().figures.emplace_back(
        fmt::format("Not seen for more than {}", counted(caseload.inactive_days, "day")),
        std::to_string(caseload.not_seen.size()));
    document.sections.back().tables.push_back(not_seen);
    DocTable overdue = overdue_doc_table(s.follow_ups_overdue);
    document.sections.push_back(
        {fmt::format("Follow-ups overdue on {}", format_date(caseload.as_of)),
         {},
         {},
         {overdue},
         {}});
    return document;
}

void write_summary_report(std::ostream& out, const PeriodSummary& summary, OutputFormat format,
                          const RenderStyle& style) {
    switch (format) {
    case OutputFormat::json:
        write_json(out, report_json(summary), false);
        return;
    case OutputFormat::csv:
        write_csv(out, summary);
        return;
    case OutputFormat::xlsx:
        render_document(out, summary_document(summary), format, style);
        return;
    case OutputFormat::markdown:
        write_document(out, summary, true, style);
        return;
    default:
        write_document(out, summary, false, style);
        return;
    }
}

} // namespace peerlog
