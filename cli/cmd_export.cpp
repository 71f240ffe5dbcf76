// `peerlog export`: the de-identified weekly summary for scripts.
#include "commands.hpp"
#include "output_file.hpp"
#include "period_options.hpp"

#include "peerlog/export_writer.hpp"
#include "peerlog/summary.hpp"

namespace peerlog::cli {

void setup_export_command(CLI::App& app, Context& context) {
    struct Options {
        PeriodOptions period;
        std::string format = "json";
        std::string output = "-";
    };
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("export", "Export a week's de-identified summary for "
                                                 "scripts (peer codes only, no notes)");
    add_period_options(command, options->period, "An ISO week: 2026-W47, this or last (default)");
    command->add_option("--format", options->format, "json (default), csv or ndjson")
        ->type_name("FORMAT");
    command
        ->add_option("-o,--output", options->output,
                     "Write to FILE (mode 0600, replaced atomically); - is stdout")
        ->type_name("FILE");
    command->callback([options, &context] {
        auto format = parse_output_format(
            options->format, {OutputFormat::json, OutputFormat::csv, OutputFormat::ndjson});
        Date today = context.today();
        Period period =
            *choose_period(options->period.week, options->period.from, options->period.to, today,
                           period_of_week(parse_week("last", today)));
        Journal journal = context.open_journal(OpenMode::read);
        const Config& config = context.config();
        SummaryOptions summary_options{today, config.inactive_days, config.specialist_name};
        // Streamed: an export of years of sessions takes the memory of one row at a time.
        write_output(options->output, [&](std::ostream& out) {
            write_export(out, journal, period, summary_options, format);
        });
    });
}

} // namespace peerlog::cli
