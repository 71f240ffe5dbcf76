// Aggregating weekly export files from many specialists into one team report.
#include "peerlog/team_report.hpp"

#include "document.hpp"
#include "export_batch.hpp"
#include "json_codec.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"
#include "peerlog/export_writer.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/session.hpp"
#include "peerlog/suppression.hpp"
#include "support_chart.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iterator>
#include <map>
#include <set>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

/// A member while files are read: the peer codes stay a set until the end.
struct Accumulator {
    TeamMember member;
    std::set<std::string> peers;
};

void add_file(ExportFigures& f, Accumulator& acc) {
    TeamMember& m = acc.member;
    m.specialist = f.specialist;
    m.from = m.from ? std::min(*m.from, f.from) : f.from;
    m.to = m.to ? std::max(*m.to, f.to) : f.to;
    ++m.files;
    m.sessions += f.sessions;
    m.minutes += f.minutes;
    m.new_peers += f.new_peers;
    m.group_sessions += f.group_sessions;
    m.group_minutes += f.group_minutes;
    for (std::size_t k = 0; k < 4; ++k) {
        m.minutes_by_support[k] += f.minutes_by_support[k];
        m.split_minutes_by_support[k] += f.split_minutes_by_support[k];
    }
    acc.peers.insert(std::make_move_iterator(f.peers.begin()),
                     std::make_move_iterator(f.peers.end()));
}

} // namespace

TeamReport build_team_report(const std::vector<fs::path>& names, const TeamOptions& options) {
    ExportBatch batch(expand_export_files(names), options.input);
    const auto& files = batch.files();
    std::map<std::string, Accumulator> members;
    ExportCopies copies;
    TeamReport report;
    report.period = options.period;
    auto parsed = batch.read(0, files.size(), SessionRows::drop);
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        if (options.period) {
            // A week that spans two months counts in the one that holds its Thursday (most of
            // its days), so a month's report and the next one never count it twice or drop it.
            if (!options.period->contains(middle_day(parsed[i]))) {
                ++report.files_outside;
                continue;
            }
            if (parsed[i].from < options.period->from || parsed[i].to > options.period->to) {
                ++report.files_straddling;
            }
        }
        if (parsed[i].unnamed) {
            ++report.unnamed_files;
            report.unnamed_as.insert(parsed[i].specialist);
        }
        if (copies.earlier(export_file_name(files[i]), parsed[i], i)) {
            ++report.duplicates_skipped;
            continue;
        }
        add_file(parsed[i], members[parsed[i].specialist]);
    }
    for (auto& [name, acc] : members) {
        acc.member.distinct_peers = static_cast<long long>(acc.peers.size());
        report.members.push_back(std::move(acc.member));
    }
    report.totals = team_totals(report.members);
    return report;
}

TeamMember team_totals(const std::vector<TeamMember>& members) {
    TeamMember t;
    t.specialist = "all";
    for (const auto& m : members) {
        t.files += m.files;
        t.from = t.from && m.from ? std::min(*t.from, *m.from) : (t.from ? t.from : m.from);
        t.to = t.to && m.to ? std::max(*t.to, *m.to) : (t.to ? t.to : m.to);
        t.sessions += m.sessions;
        t.minutes += m.minutes;
        t.group_sessions += m.group_sessions;
        t.group_minutes += m.group_minutes;
        t.distinct_peers += m.distinct_peers; // codes are each specialist's own pseudonyms
        t.new_peers += m.new_peers;
        for (std::size_t k = 0; k < 4; ++k) {
            t.minutes_by_support[k] += m.minutes_by_support[k];
            t.split_minutes_by_support[k] += m.split_minutes_by_support[k];
        }
    }
    return t;
}

namespace {

// The sentences on which files counted: the report's notes, and on stderr its warnings.
std::string period_sentence(const TeamReport& r) {
    return fmt::format("An export counts toward the period that holds its middle day (an ISO "
                       "week: its Thursday): {} outside {} left out, {} reaching past its edge "
                       "counted whole.",
                       counted(r.files_outside, "file"), describe(*r.period),
                       counted(r.files_straddling, "file"));
}

std::string unnamed_sentence(const TeamReport& r) {
    bool one = r.unnamed_files == 1;
    return fmt::format("{} without a specialist name {} counted under {} directory's name: {}.",
                       counted(r.unnamed_files, "export"), one ? "is" : "are",
                       one ? "its" : "their", fmt::join(r.unnamed_as, ", "));
}

} // namespace

std::vector<std::string> team_report_warnings(const TeamReport& report) {
    std::vector<std::string> warnings;
    if (report.period && (report.files_outside > 0 || report.files_straddling > 0)) {
        warnings.push_back(period_sentence(report));
    }
    if (report.unnamed_files > 0) {
        warnings.push_back(unnamed_sentence(report) +
                           " Set [specialist] name in each specialist's config so that their "
                           "exports are told apart.");
    }
    return warnings;
}

namespace {

// Hours as printed, or "suppressed" when their session count is hidden.
std::string shown_hours(const TeamMember& m, std::string_view figure, long long minutes) {
    return is_suppressed(m, figure) ? std::string("suppressed") : format_hours(minutes);
}

std::vector<std::string> member_row(const TeamReport& r, const TeamMember& m) {
    return {m.specialist,
            std::to_string(m.files),
            m.from ? format_date(*m.from) : "",
            m.to ? format_date(*m.to) : "",
            shown_count(r, m, "sessions", m.sessions),
            shown_hours(m, "minutes", m.minutes),
            shown_hours(m, "group_minutes", m.group_minutes),
            shown_count(r, m, "distinct_peers", m.distinct_peers),
            shown_count(r, m, "new_peers", m.new_peers)};
}

// A figure in JSON: the number, or the string shown_count prints when it is hidden.
Json figure_json(const TeamReport& r, const TeamMember& m, std::string_view figure,
                 long long value) {
    return is_suppressed(m, figure) ? Json(shown_count(r, m, figure, value)) : Json(value);
}

Json member_json(const TeamReport& r, const TeamMember& m) {
    Json by = Json::object();
    for (auto kind : k_support_kinds) {
        by[std::string(to_string(kind))] = figure_json(
            r, m, "minutes_by_support", m.minutes_by_support[static_cast<std::size_t>(kind)]);
    }
    return Json{{"specialist", m.specialist},
                {"files", m.files},
                {"from", date_json(m.from)},
                {"to", date_json(m.to)},
                {"sessions", figure_json(r, m, "sessions", m.sessions)},
                {"minutes", figure_json(r, m, "minutes", m.minutes)},
                {"group_sessions", figure_json(r, m, "group_sessions", m.group_sessions)},
                {"group_minutes", figure_json(r, m, "group_minutes", m.group_minutes)},
                {"distinct_peers", figure_json(r, m, "distinct_peers", m.distinct_peers)},
                {"new_peers", figure_json(r, m, "new_peers", m.new_peers)},
                {"minutes_by_support", by}};
}

} // namespace

void write_team_report(std::ostream& out, const TeamReport& report, OutputFormat format,
                       const RenderStyle& style) {
    if (format == OutputFormat::json) {
        Json members = Json::array();
        for (const auto& m : report.members) {
            members.push_back(member_json(report, m));
        }
        Json json{{"schema_version", 1},
                  {"kind", "peerlog.report.team"},
                  {"members", members},
                  {"totals", member_json(report, report.totals)},
                  {"duplicates_skipped", report.duplicates_skipped},
                  {"unnamed_files", report.unnamed_files}};
        if (report.period) {
            json["period"] = period_json(*report.period);
            json["files_outside_period"] = report.files_outside;
            json["files_straddling_period"] = report.files_straddling;
        }
        if (report.suppressed_below > 0) {
            json["suppressed_below"] = report.suppressed_below;
        }
        write_json(out, json, false);
        return;
    }
    DocTable table{{{"Specialist", "specialist"},
                    {"Files", "files", Align::right, CellType::number},
                    {"From", "from", Align::left, CellType::date},
                    {"To", "to", Align::left, CellType::date},
                    {"Sessions", "sessions", Align::right, CellType::number},
                    {"Hours", "hours", Align::right, CellType::number},
                    {"Group hours", "group_hours", Align::right, CellType::number},
                    {"Peers", "distinct_peers", Align::right, CellType::number},
                    {"New peers", "new_peers", Align::right, CellType::number}},
                   {},
                   {}};
    Chart chart =
        support_hours_chart("Hours per specialist by support kind", "the specialist's hours");
    chart.x_label = "specialist";
    for (const auto& m : report.members) {
        table.rows.push_back(member_row(report, m));
        chart.categories.push_back(m.specialist);
        for (std::size_t k = 0; k < 4; ++k) {
            chart.series[k].values.push_back(static_cast<double>(m.split_minutes_by_support[k]) /
                                             60);
        }
    }
    table.rows.push_back(member_row(report, report.totals));
    table.totals_row = true;
    const TeamMember& t = report.totals;
    DocSection section{"Team", {}, {}, {table}, {}};
    section.figures = {{"Specialists", std::to_string(report.members.size())},
                       {"Files", std::to_string(t.files)},
                       {"Sessions", shown_count(report, t, "sessions", t.sessions)},
                       {"Hours", shown_hours(t, "minutes", t.minutes)},
                       {"Group hours", shown_hours(t, "group_minutes", t.group_minutes)}};
    if (report.period) {
        section.notes.push_back(period_sentence(report));
    }
    if (report.duplicates_skipped > 0) {
        section.notes.push_back(
            fmt::format("{} repeated a specialist's period and {} left out (counted once).",
                        counted(report.duplicates_skipped, "file"),
                        report.duplicates_skipped == 1 ? "was" : "were"));
    }
    if (report.unnamed_files > 0) {
        section.notes.push_back(unnamed_sentence(report));
    }
    if (report.suppressed_below > 0) {
        // A bar's height would show what a hidden cell hides.
        section.notes.push_back(fmt::format(
            "Counts from 1 to {} show as <{}; a cell hidden so that a total cannot give another "
            "away shows as suppressed. The hours chart is left out.",
            report.suppressed_below - 1, report.suppressed_below));
    } else { // many specialists: the chart lays its bars as rows, each named
        section.charts.push_back(chart);
    }
    std::string span = report.period ? describe(*report.period)
                       : t.from && t.to
                           ? fmt::format("{} to {}", format_date(*t.from), format_date(*t.to))
                           : "no files";
    render_document(out, Document{fmt::format("Team report: {}", span), {section}}, format, style);
}

} // namespace peerlog
