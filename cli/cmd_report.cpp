// `peerlog report summary`: the supervisor's view of a period.
#include "commands.hpp"
#include "output_file.hpp"
#include "period_options.hpp"
#include "report_identified.hpp"

#include "peerlog/boundary_report.hpp"
#include "peerlog/summary.hpp"
#include "peerlog/summary_report.hpp"
#include "peerlog/suppression.hpp"

#include <iostream>

namespace peerlog::cli {

void setup_boundaries_report(CLI::App* report, Context& context);

void setup_report_commands(CLI::App& app, Context& context) {
    auto* report = app.add_subcommand("report", "Reports for the supervisor");
    report->require_subcommand(1);

    struct Options {
        PeriodOptions period;
        std::string format = "table";
        std::string output = "-";
        std::string suppress_below;
        CLI::Option* suppress_option = nullptr;
        IdentifiedOptions identified;
    };
    auto options = std::make_shared<Options>();
    auto* summary = report->add_subcommand(
        "summary", "One page on a period: totals, hours by support kind and modality, caseload, "
                   "overdue follow-ups");
    add_period_options(summary, options->period, "An ISO week: 2026-W47, this or last (default)");
    summary->add_option("--format", options->format, "table, markdown, csv or json")
        ->type_name("FORMAT");
    summary->add_option("-o,--output", options->output, "Write to FILE (mode 0600); - is stdout")
        ->type_name("FILE");
    options->suppress_option = add_suppress_option(summary, options->suppress_below);
    add_identified_options(summary, options->identified);
    summary->callback([options, &context] {
        auto format =
            parse_output_format(options->format, {OutputFormat::table, OutputFormat::markdown,
                                                  OutputFormat::csv, OutputFormat::json});
        Date today = context.today();
        Period period = period_or_last_week(options->period, today);
        if (options->identified.identified) {
            run_identified_summary(options->identified, options->suppress_option->count() > 0,
                                   format, period, options->output, context);
            return;
        }
        Journal journal = context.open_journal(OpenMode::read);
        const Config& config = context.config();
        auto value =
            build_summary(journal, period, {today, config.inactive_days, config.specialist_name});
        if (auto below =
                suppression_threshold(options->suppress_option, options->suppress_below, config)) {
            suppress_small_cells(value, *below);
        }
        RenderStyle style = options->output == "-" ? context.stdout_style() : RenderStyle{};
        write_output(options->output,
                     [&](std::ostream& out) { write_summary_report(out, value, format, style); });
    });
    setup_boundaries_report(report, context);
}

void setup_boundaries_report(CLI::App* report, Context& context) {
    struct Options {
        PeriodOptions period;
        std::string format = "table";
    };
    auto options = std::make_shared<Options>();
    auto* command = report->add_subcommand(
        "boundaries", "Flagged sessions and overrides of a period, grouped by boundary rule");
    add_period_options(command, options->period, "An ISO week: 2026-W47, this or last (default)");
    command->add_option("--format", options->format, "table, markdown, csv or json")
        ->type_name("FORMAT");
    command->callback([options, &context] {
        auto format =
            parse_output_format(options->format, {OutputFormat::table, OutputFormat::markdown,
                                                  OutputFormat::csv, OutputFormat::json});
        Period period = period_or_last_week(options->period, context.today());
        Journal journal = context.open_journal(OpenMode::read);
        write_boundary_report(std::cout, build_boundary_report(journal, period), format,
                              context.stdout_style());
    });
}

} // namespace peerlog::cli
