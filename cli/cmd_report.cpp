// `peerlog report summary|boundaries|caseload|hours|outcomes|supervision|certification|team|
// wellbeing`: the supervisor's views of a period.
#include "command_list.hpp"
#include "commands.hpp"
#include "output_file.hpp"
#include "output_options.hpp"
#include "pager.hpp"
#include "period_options.hpp"
#include "report_identified.hpp"
#include "team_database_client.hpp"
#include "team_options.hpp"

#include "peerlog/boundary_report.hpp"
#include "peerlog/report_writer.hpp"
#include "peerlog/summary.hpp"
#include "peerlog/summary_report.hpp"
#include "peerlog/suppression.hpp"
#include "peerlog/team_report.hpp"

#include <iostream>
#include <optional>

namespace peerlog::cli {
namespace {

struct ReportFlags {
    PeriodOptions period;
    std::string format = "table";
    std::string output = "-";
    std::string by = "support"; // report hours only
    std::string suppress_below; // report summary only
    CLI::Option* suppress_option = nullptr;
    std::optional<int> suppress_threshold; // set from the two above when the command runs
    IdentifiedOptions identified;          // report summary only
};

ReportOptions report_options(Context& context) {
    const Config& config = context.config();
    ReportOptions options;
    options.today = context.today();
    options.inactive_days = config.inactive_days;
    options.specialist = config.specialist_name;
    options.certification = certification_target(config);
    options.certification_start = config.certification_start;
    options.monthly_supervision_hours = config.supervision_monthly_hours;
    options.monthly_supervision_sessions = config.supervision_monthly_sessions;
    return options;
}

using Renderer = std::function<void(std::ostream&, Journal&, const Period&, const ReportOptions&,
                                    OutputFormat, const RenderStyle&, const ReportFlags&)>;

// Declares one report subcommand with the period, --format and -o flags; `fallback_month`
// chooses whether a bare command covers this month (else last week).
CLI::App* add_report(CLI::App* report, const std::string& name, const std::string& description,
                     bool fallback_month, Context& context, Renderer render) {
    auto flags = std::make_shared<ReportFlags>();
    auto* command = report->add_subcommand(name, description);
    add_period_options(command, flags->period,
                       fallback_month ? "An ISO week: 2026-W47, this or last"
                                      : "An ISO week: 2026-W47, this or last (default)");
    command->add_option("--format", flags->format, "table, markdown, csv, json, html or xlsx")
        ->type_name("FORMAT");
    add_output_option(command, flags->output);
    if (name == "hours") {
        command->add_option("--by", flags->by, "support, modality, setting, month or peer")
            ->type_name("BY");
    }
    if (name == "summary") {
        flags->suppress_option = add_suppress_option(command, flags->suppress_below);
        add_identified_options(command, flags->identified);
    }
    command->callback([flags, fallback_month, render, &context] {
        auto format = parse_output_format(
            flags->format, {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv,
                            OutputFormat::json, OutputFormat::html, OutputFormat::xlsx});
        require_file_for_binary(format, flags->output);
        Date today = context.today();
        Period fallback = fallback_month ? period_of_month(parse_month("this", today))
                                         : period_of_week(parse_week("last", today));
        Period period = *choose_period(flags->period, today, fallback);
        if (flags->identified.identified) {
            run_identified_summary(flags->identified, flags->suppress_option->count() > 0, format,
                                   period, flags->output, context);
            return;
        }
        ReportOptions options = report_options(context);
        flags->suppress_threshold =
            suppression_threshold(flags->suppress_option, flags->suppress_below, context.config());
        Journal journal = context.open_journal(OpenMode::read);
        RenderStyle style = flags->output == "-" ? context.stdout_style() : RenderStyle{};
        write_output(context, flags->output, [&](std::ostream& out) {
            render(out, journal, period, options, format, style, *flags);
        });
    });
    return command;
}

struct TeamFlags {
    PeriodOptions period;
    std::vector<std::string> files;
    std::string database;
    std::string format = "table";
    std::string output = "-";
    std::string suppress_below;
    CLI::Option* suppress_option = nullptr;
};

// The files, or with --database (or no files and [team] database set) the team database.
TeamReport build_team_value(const TeamFlags& flags, const std::optional<Period>& period,
                            Context& context) {
    std::string url = flags.files.empty() ? chosen_database_url(flags.database, context) : "";
    if (!flags.files.empty() && !flags.database.empty()) {
        throw Error(ErrorKind::usage, "report team reads export files or --database, not both.");
    }
    if (flags.files.empty() && url.empty()) {
        throw Error(ErrorKind::usage, "name export files (or directories of them), or the team "
                                      "database with --database URL or [team] database.");
    }
    if (!url.empty()) {
        return team_report_from_database(url, period, context);
    }
    TeamOptions options;
    options.period = period;
    options.input = &std::cin;
    return build_team_report(
        std::vector<std::filesystem::path>(flags.files.begin(), flags.files.end()), options);
}

void add_team_report(CLI::App* report, Context& context) {
    auto flags = std::make_shared<TeamFlags>();
    auto* team = report->add_subcommand(
        "team", "Aggregate weekly export files (export --format json) from many specialists, or "
                "the team database they were loaded into");
    add_export_files_option(team, flags->files);
    add_database_option(team, flags->database);
    add_period_options(team, flags->period,
                       "An ISO week: 2026-W47, this or last (default: every file, any period)");
    team->add_option("--format", flags->format, "table, markdown, csv, json, html or xlsx")
        ->type_name("FORMAT");
    add_output_option(team, flags->output);
    flags->suppress_option = add_suppress_option(team, flags->suppress_below);
    team->callback([flags, &context] {
        auto format = parse_output_format(
            flags->format, {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv,
                            OutputFormat::json, OutputFormat::html, OutputFormat::xlsx});
        require_file_for_binary(format, flags->output);
        auto below =
            suppression_threshold(flags->suppress_option, flags->suppress_below, context.config());
        TeamReport value = build_team_value(
            *flags, choose_period(flags->period, context.today(), std::nullopt), context);
        for (const auto& warning : team_report_warnings(value)) {
            context.warn(warning);
        }
        if (below) {
            suppress_small_cells(value, *below);
        }
        RenderStyle style = flags->output == "-" ? context.stdout_style() : RenderStyle{};
        write_output(context, flags->output,
                     [&](std::ostream& out) { write_team_report(out, value, format, style); });
    });
}

} // namespace

void setup_report_commands(CLI::App& app, Context& context) {
    auto* report = add_command(app, "report");
    report->require_subcommand(1);

    add_report(report, "summary",
               "One page on a period: totals, hours, caseload, overdue follow-ups, and a line "
               "for each report; as html with charts",
               false, context,
               [](std::ostream& out, Journal& journal, const Period& period,
                  const ReportOptions& options, OutputFormat format, const RenderStyle& style,
                  const ReportFlags& flags) {
                   write_supervisor_summary(out, journal, period, options, flags.suppress_threshold,
                                            format, style);
               });
    add_report(report, "boundaries",
               "Flagged sessions and overrides of a period, grouped by boundary rule", false,
               context,
               [](std::ostream& out, Journal& journal, const Period& period, const ReportOptions&,
                  OutputFormat format, const RenderStyle& style, const ReportFlags&) {
                   write_boundary_report(out, journal, period, format, style);
               });
    add_report(report, "caseload",
               "Active peers: stage, last contact, days since, open goals, pending referrals, "
               "latest BARC-10",
               false, context,
               [](std::ostream& out, Journal& journal, const Period& period,
                  const ReportOptions& options, OutputFormat format, const RenderStyle& style,
                  const ReportFlags&) {
                   write_caseload_report(out, build_caseload_report(journal, period, options),
                                         format, style);
               });
    add_report(report, "hours", "Hours: one-on-one vs group, direct vs supervision, broken down",
               false, context,
               [](std::ostream& out, Journal& journal, const Period& period, const ReportOptions&,
                  OutputFormat format, const RenderStyle& style, const ReportFlags& flags) {
                   write_hours_report(out,
                                      build_hours_report(journal, period, parse_hours_by(flags.by)),
                                      format, style);
               });
    add_report(report, "outcomes",
               "BARC-10 first vs latest, share at 47+, goals achieved, referral completion", false,
               context,
               [](std::ostream& out, Journal& journal, const Period& period, const ReportOptions&,
                  OutputFormat format, const RenderStyle& style, const ReportFlags&) {
                   write_outcomes_report(out, build_outcomes_report(journal, period), format,
                                         style);
               });
    add_report(report, "supervision",
               "Supervision per month against the expectation, and the review queue", true, context,
               [](std::ostream& out, Journal& journal, const Period& period,
                  const ReportOptions& options, OutputFormat format, const RenderStyle& style,
                  const ReportFlags&) {
                   write_supervision_report(out, journal, period, options, format, style);
               });
    add_report(
        report, "certification",
        "Progress toward the certification target and when it will be reached", true, context,
        [](std::ostream& out, Journal& journal, const Period& period, const ReportOptions& options,
           OutputFormat format, const RenderStyle& style, const ReportFlags&) {
            write_certification_report(out, build_certification_report(journal, period, options),
                                       format, style);
        });
    add_team_report(report, context);
    add_report(report, "wellbeing",
               "Shared self-care check-ins over time, with high stress and support requests "
               "called out (never notes)",
               true, context,
               [](std::ostream& out, Journal& journal, const Period& period, const ReportOptions&,
                  OutputFormat format, const RenderStyle& style, const ReportFlags&) {
                   write_wellbeing_report(out, build_wellbeing_report(journal, period), format,
                                          style);
               });
}

} // namespace peerlog::cli
