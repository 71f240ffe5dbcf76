// `peerlog report summary --identified`: the summary report with the consenting peers' records.
#include "report_identified.hpp"

#include "output_file.hpp"

#include "peerlog/disclosure.hpp"
#include "peerlog/identified_report.hpp"

namespace peerlog::cli {

void add_identified_options(CLI::App* command, IdentifiedOptions& options) {
    command->add_flag("--identified", options.identified,
                      "Add the peers with a valid consent for --recipient, named, with what their "
                      "consents share (recorded as a disclosure; not with --suppress-below)");
    command->add_option("--recipient", options.recipient, "Who receives an identified report")
        ->type_name("R");
    command
        ->add_option("--purpose", options.purpose,
                     "With --identified, only consents for this purpose count (default: any)")
        ->type_name("P");
}

// The summary plus the consenting peers' records: the same disclosure as `export --identified`.
// Suppression is refused (disclosure_request): it hides small counts, while the identified
// records name the peers.
void run_identified_summary(const IdentifiedOptions& o, bool suppress, OutputFormat format,
                            const Period& period, const std::string& output, Context& context) {
    DisclosureRequest request =
        disclosure_request(context.config(), o.recipient, o.purpose, context.today(),
                           suppress ? SuppressionAsked::yes : SuppressionAsked::no);
    Journal journal = context.open_journal(OpenMode::update);
    const Config& config = context.config();
    IdentifiedReport report = prepare_identified_report(
        journal, period, {context.today(), config.inactive_days, config.specialist_name}, request);
    for (const auto& warning : disclosure_warnings(report.disclosed)) {
        context.warn(warning);
    }
    RenderStyle style = output == "-" ? context.stdout_style() : RenderStyle{};
    // Recorded if and only if written (see write_recorded_output).
    write_recorded_output(
        context, output, [&] { record_disclosure(journal, report.disclosed); },
        [&](std::ostream& out) { write_identified_report(out, report, format, style); });
    context.tell(disclosure_confirmation(report.disclosed));
}

} // namespace peerlog::cli
