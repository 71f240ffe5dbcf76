// `peerlog report summary --identified`: the summary report with the consenting peers' records.
#include "report_identified.hpp"

#include "output_file.hpp"

#include "peerlog/disclosure.hpp"
#include "peerlog/error.hpp"
#include "peerlog/identified_report.hpp"

namespace peerlog::cli {

void add_identified_options(CLI::App* command, IdentifiedOptions& options) {
    command->add_flag("--identified", options.identified,
                      "Add names, contacts and notes, only for peers with a valid consent for "
                      "--recipient (recorded as a disclosure; not with --suppress-below)");
    command->add_option("--recipient", options.recipient, "Who receives an identified report")
        ->type_name("R");
    command
        ->add_option("--purpose", options.purpose,
                     "With --identified, only consents for this purpose count (default: any)")
        ->type_name("P");
}

// The summary plus the consenting peers' records: the same disclosure as `export --identified`.
// Suppression is refused: it hides small counts, while the identified records name the peers.
void run_identified_summary(const IdentifiedOptions& o, bool suppress, OutputFormat format,
                            const Period& period, const std::string& output, Context& context) {
    if (suppress) {
        throw Error(ErrorKind::usage,
                    "--suppress-below hides small counts for figures shared beyond the "
                    "supervisor, but --identified names the peers: use one or the other.");
    }
    if (format == OutputFormat::html) {
        throw Error(ErrorKind::usage, "--identified works with --format table, markdown, csv or "
                                      "json.");
    }
    DisclosureRequest request =
        disclosure_request(context.config(), o.recipient, o.purpose, context.today());
    Journal journal = context.open_journal(OpenMode::update);
    const Config& config = context.config();
    IdentifiedReport report = prepare_identified_report(
        journal, period, {context.today(), config.inactive_days, config.specialist_name}, request);
    if (!report.disclosed.left_out.empty()) {
        context.warn(left_out_warning(report.disclosed));
    }
    RenderStyle style = output == "-" ? context.stdout_style() : RenderStyle{};
    // Recorded if and only if written (see write_recorded_output).
    write_recorded_output(
        context, output, [&] { record_disclosure(journal, report.disclosed); },
        [&](std::ostream& out) { write_identified_report(out, report, format, style); });
    context.tell(disclosure_confirmation(report.disclosed));
}

} // namespace peerlog::cli
