// `peerlog audit list|verify|disclosures`: the tamper-evident record of changes and disclosures.
#include "commands.hpp"
#include "pager.hpp"

#include "peerlog/audit.hpp"
#include "peerlog/disclosure.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/text_table.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {
namespace {

// After the error line: what the specialist can still do about a tampered trail.
constexpr const char* k_restore_hint =
    "Restore the journal from a backup, and compare its head with the one printed in your "
    "latest export or report.";

void run_list(const std::string& since, const std::string& format_name, Context& context) {
    auto format = parse_output_format(format_name, {OutputFormat::table, OutputFormat::json});
    std::optional<Date> since_day;
    if (!since.empty()) {
        since_day = parse_date(since, context.today(), "--since");
    }
    Journal journal = context.open_journal(OpenMode::read);
    write_paged([&](std::ostream& out) {
        write_audit_events(out, list_audit(journal, since_day), format, context.stdout_style());
    });
}

void run_verify(Context& context) {
    Journal journal = context.open_journal(OpenMode::read);
    AuditCheck check = verify_audit(journal);
    if (!check.intact()) {
        std::string where =
            check.first_bad_event ? fmt::format(" at event {}", *check.first_bad_event) : "";
        throw Error(ErrorKind::corrupt,
                    fmt::format("the audit trail has been tampered with{}: {}. {} checked.\n{}",
                                where, check.problem, counted(check.events, "event"),
                                k_restore_hint));
    }
    std::cout << fmt::format("ok: {} events, chain intact; head {} {}\n", check.events,
                             check.head.id, check.head.hash);
    if (check.redacted > 0) {
        std::cout << fmt::format("redacted: {} (their peer was forgotten, or their typed text "
                                 "sealed when the journal was encrypted; their digests still "
                                 "chain)\n",
                                 counted(check.redacted, "event"));
    }
    std::cout.flush(); // the result first, then the hint, even with stdout and stderr merged
    context.tell("compare the head with the one printed in your latest export or report: a "
                 "later head is normal (events are appended after every export), but an earlier "
                 "one (a lower event id), or the same id with a different hash, means events "
                 "were cut off or rewritten.");
}

} // namespace

void setup_audit_commands(CLI::App& app, Context& context) {
    auto* audit = app.add_subcommand("audit", "The tamper-evident audit trail and the "
                                              "accounting of disclosures");
    audit->require_subcommand(1);

    auto since = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("table");
    auto* list = audit->add_subcommand("list", "List audit events (no note text, ever)");
    list->add_option("--since", *since, "Only events on or after this day (UTC)")
        ->type_name("DATE");
    list->add_option("--format", *format, "table or json")->type_name("FORMAT");
    list->callback([since, format, &context] { run_list(*since, *format, context); });

    audit
        ->add_subcommand("verify", "Check the hash chain; names the first event that was "
                                   "edited, deleted, inserted or reordered")
        ->callback([&context] { run_verify(context); });

    auto code = std::make_shared<std::string>();
    auto disclosures_format = std::make_shared<std::string>("table");
    auto* disclosures = audit->add_subcommand(
        "disclosures", "Accounting of disclosures: when, to whom, what and why");
    disclosures->add_option(
        "code", *code,
        "A peer's own accounting: the disclosures that included them, naming them alone");
    disclosures->add_option("--format", *disclosures_format, "table or json")->type_name("FORMAT");
    disclosures->callback([code, disclosures_format, &context] {
        auto format =
            parse_output_format(*disclosures_format, {OutputFormat::table, OutputFormat::json});
        Journal journal = context.open_journal(OpenMode::read);
        write_paged([&](std::ostream& out) {
            write_disclosures(out, list_disclosures(journal, *code), format,
                              context.stdout_style());
        });
    });
}

} // namespace peerlog::cli
