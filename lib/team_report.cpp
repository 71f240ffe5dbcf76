// Aggregating weekly export files from many specialists into one team report.
#include "peerlog/team_report.hpp"

#include "document.hpp"
#include "export_figures.hpp"
#include "json_codec.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"
#include "peerlog/export_writer.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/session.hpp"
#include "peerlog/suppression.hpp"
#include "support_chart.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <thread>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

/// A member while files are read: the peer codes stay a set until the end.
struct Accumulator {
    TeamMember member;
    std::set<std::string> peers;
    /// Each period's first file and a hash of its figures, to tell a copy from another
    /// person's export.
    std::map<std::pair<std::string, std::string>, std::pair<fs::path, std::size_t>> periods;
};

std::size_t fingerprint(const ExportFigures& f) {
    std::string text = fmt::format("{} {} {} {} {}", f.sessions, f.minutes, f.new_peers,
                                   f.group_minutes, fmt::join(f.minutes_by_support, " "));
    for (const auto& peer : f.peers) {
        text += "," + peer;
    }
    return std::hash<std::string>{}(text);
}

// Adds one file to its specialist. A second file for the same period is a copy, counted once;
// if its figures differ it is someone else's (two unnamed specialists' exports in one folder),
// and adding either silently would be wrong.
void add_file(const fs::path& file, ExportFigures& f, Accumulator& acc, long long& duplicates) {
    auto [earlier, first] = acc.periods.try_emplace(f.span, file, fingerprint(f));
    if (!first) {
        if (earlier->second.second != fingerprint(f)) {
            throw Error(ErrorKind::conflict,
                        fmt::format("{} and {} are both exports of '{}' for {} to {}, with "
                                    "different figures. Give each specialist's journal a "
                                    "[specialist] name, or keep each one's exports in a "
                                    "directory of their own.",
                                    earlier->second.first.string(), file.string(), f.specialist,
                                    f.span.first, f.span.second));
        }
        ++duplicates;
        return;
    }
    TeamMember& m = acc.member;
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

// Parses the files on every core, a batch at a time, and hands each to `fold` in the files'
// order: memory holds one batch, not every file (a team's year is 52,000 of them). The first bad
// file named on the command line is the one reported, before any error of `fold` (which then
// stops, while the rest is still read for a bad file). "-" is read from `input` first.
void read_files(const std::vector<fs::path>& files, std::istream* input,
                const std::function<void(std::size_t, ExportFigures&)>& fold) {
    constexpr std::size_t k_batch = 512;
    std::string stdin_text;
    if (std::count(files.begin(), files.end(), fs::path("-")) > 1) {
        throw Error(ErrorKind::usage, "- (one export on stdin) can be named only once.");
    }
    if (std::find(files.begin(), files.end(), fs::path("-")) != files.end()) {
        if (!input) {
            throw Error(ErrorKind::usage, "- (stdin) cannot be read here: name export files.");
        }
        stdin_text.assign(std::istreambuf_iterator<char>(*input), std::istreambuf_iterator<char>());
        if (input->bad()) {
            throw Error(ErrorKind::io, "-: stdin cannot be read.");
        }
    }
    std::vector<ExportFigures> parsed;
    std::vector<std::exception_ptr> errors;
    std::exception_ptr fold_error;
    unsigned count = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    for (std::size_t first = 0; first < files.size(); first += k_batch) {
        std::size_t size = std::min(k_batch, files.size() - first);
        parsed.assign(size, {});
        errors.assign(size, nullptr);
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            for (std::size_t i = next++; i < size; i = next++) {
                const fs::path& file = files[first + i];
                try {
                    parsed[i] = file == "-"
                                    ? parse_export_figures(stdin_text, "- (stdin)", "(stdin)")
                                    : read_export_figures(file);
                } catch (...) {
                    errors[i] = std::current_exception();
                }
            }
        };
        std::vector<std::thread> workers;
        for (unsigned t = 1; t < count && files.size() > 64; ++t) {
            workers.emplace_back(work);
        }
        work();
        for (auto& worker : workers) {
            worker.join();
        }
        for (const auto& error : errors) {
            if (error) {
                std::rethrow_exception(error);
            }
        }
        for (std::size_t i = 0; i < size && !fold_error; ++i) {
            try {
                fold(first + i, parsed[i]);
            } catch (...) {
                fold_error = std::current_exception();
            }
        }
    }
    if (fold_error) {
        std::rethrow_exception(fold_error);
    }
}

// The files named, each directory standing for the .json files under it in name order (a
// team's year of exports outgrows the command line's length limit).
std::vector<fs::path> expanded(const std::vector<fs::path>& names) {
    std::vector<fs::path> files;
    for (const auto& name : names) {
        std::error_code error;
        if (name == "-" || !fs::is_directory(name, error)) {
            files.push_back(name);
            continue;
        }
        std::vector<fs::path> found;
        for (fs::recursive_directory_iterator it(name, error), end; !error && it != end;
             it.increment(error)) {
            if (it->is_regular_file() && it->path().extension() == ".json") {
                found.push_back(it->path());
            }
        }
        if (error) {
            throw Error(ErrorKind::io,
                        fmt::format("{}: cannot be read: {}.", name.string(), error.message()));
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

// The export's middle day (of two, the earlier): the day that places it in one period only.
Date middle_day(const ExportFigures& f) {
    return add_days(f.from, std::max(0, days_between(f.from, f.to)) / 2);
}

} // namespace

TeamReport build_team_report(const std::vector<fs::path>& names, const TeamOptions& options) {
    auto files = expanded(names);
    if (files.empty()) {
        throw Error(ErrorKind::usage, "name at least one export file (or a directory that holds "
                                      "some .json export files).");
    }
    std::map<std::string, Accumulator> members;
    TeamReport report;
    report.period = options.period;
    read_files(files, options.input, [&](std::size_t i, ExportFigures& parsed) {
        if (options.period) {
            // A week that spans two months counts in the one that holds its Thursday (most of
            // its days), so a month's report and the next one never count it twice or drop it.
            if (!options.period->contains(middle_day(parsed))) {
                ++report.files_outside;
                return;
            }
            if (parsed.from < options.period->from || parsed.to > options.period->to) {
                ++report.files_straddling;
            }
        }
        if (parsed.unnamed) {
            ++report.unnamed_files;
            report.unnamed_as.insert(parsed.specialist);
        }
        auto& acc = members[parsed.specialist];
        acc.member.specialist = parsed.specialist;
        add_file(files[i], parsed, acc, report.duplicates_skipped);
    });
    TeamMember& t = report.totals;
    t.specialist = "all";
    for (auto& [name, acc] : members) {
        acc.member.distinct_peers = static_cast<long long>(acc.peers.size());
        const TeamMember& m = acc.member;
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
        report.members.push_back(m);
    }
    return report;
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
