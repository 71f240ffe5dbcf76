// `peerlog export`: the de-identified weekly summary for scripts, or, with consent, an
// identified export for one recipient.
#include "command_list.hpp"
#include "commands.hpp"
#include "output_file.hpp"
#include "output_options.hpp"
#include "period_options.hpp"

#include "peerlog/disclosure.hpp"
#include "peerlog/error.hpp"
#include "peerlog/export_writer.hpp"
#include "peerlog/summary.hpp"
#include "peerlog/suppression.hpp"

#include <fmt/format.h>
#include <functional>
#include <optional>

namespace peerlog::cli {
namespace {

struct ExportOptions {
    PeriodOptions period;
    std::string format = "json";
    std::string output = "-";
    bool identified = false;
    std::string recipient;
    std::string purpose;
    std::string suppress_below;
    CLI::Option* suppress_option = nullptr;
};

void run_identified(const ExportOptions& o, OutputFormat format, const Period& period,
                    Context& context) {
    DisclosureRequest request = disclosure_request(
        context.config(), o.recipient, o.purpose, context.today(),
        o.suppress_option->count() > 0 ? SuppressionAsked::yes : SuppressionAsked::no);
    Journal journal = context.open_journal(OpenMode::update);
    IdentifiedExport disclosed = prepare_disclosure(journal, period, request);
    for (const auto& warning : disclosure_warnings(disclosed)) {
        context.warn(warning);
    }
    // Recorded if and only if written (see write_recorded_output).
    write_recorded_output(
        context, o.output, [&] { record_disclosure(journal, disclosed); },
        [&](std::ostream& out) { write_identified_export(out, disclosed, format); });
    context.tell(disclosure_confirmation(disclosed));
}

void run_export(const ExportOptions& o, Context& context) {
    auto format = parse_output_format(o.format, {OutputFormat::json, OutputFormat::csv,
                                                 OutputFormat::ndjson, OutputFormat::xlsx});
    require_file_for_binary(format, o.output);
    Date today = context.today();
    Period period = period_or_last_week(o.period, today);
    if (o.identified) {
        run_identified(o, format, period, context);
        return;
    }
    const Config& config = context.config();
    // Every refusal before the journal is read: a refused export records nothing.
    auto below = suppression_threshold(o.suppress_option, o.suppress_below, config);
    check_export_options(format, below);
    Journal journal = context.open_journal(OpenMode::read);
    SummaryOptions options{today, config.inactive_days, config.specialist_name};
    std::function<void(std::ostream&)> write;
    if (below) {
        // Built when written, from one read snapshot: its figures and head are that snapshot's.
        write = [&, threshold = *below](std::ostream& out) {
            auto summary = build_summary(journal, period, options);
            suppress_small_cells(summary, threshold); // drops the rows: a small value to hold
            write_export(out, summary, format);
        };
    } else {
        // Streamed: an export of years of sessions takes the memory of one row at a time.
        write = [&](std::ostream& out) { write_export(out, journal, period, options, format); };
    }
    if (!journal.writable()) {
        // The export is de-identified: a read-only journal (a copy, a mounted backup) still
        // gives one, said to be unaudited.
        write_output(context, o.output, write);
        context.warn(fmt::format("the export was written but not audited: the journal {} is "
                                 "read-only.",
                                 journal.path().string()));
        return;
    }
    // Audited if and only if written: computed from a snapshot into the unnamed file, then
    // recorded in a short write transaction, then named. A journal kept busy past the timeout
    // gives no export (exit 5) rather than an export the trail does not know of.
    std::string what =
        fmt::format("de-identified {} export of {}", to_string(format), describe(period));
    write_recorded_output(
        context, o.output, [&] { record_export(journal, what); }, write);
}

} // namespace

void setup_export_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<ExportOptions>();
    auto* command = add_command(app, "export");
    add_period_options(command, options->period, "An ISO week: 2026-W47, this or last (default)");
    command->add_option("--format", options->format, "json (default), csv, ndjson or xlsx")
        ->type_name("FORMAT");
    add_output_option(command, options->output);
    command->add_flag("--identified", options->identified,
                      "Name the peers with a valid consent for --recipient and give what their "
                      "consents share (recorded as a disclosure; not with --suppress-below)");
    command->add_option("--recipient", options->recipient, "Who receives an identified export")
        ->type_name("R");
    command
        ->add_option("--purpose", options->purpose,
                     "Only consents for this purpose count (default: any)")
        ->type_name("P");
    options->suppress_option = add_suppress_option(command, options->suppress_below);
    command->callback([options, &context] { run_export(*options, context); });
}

} // namespace peerlog::cli
