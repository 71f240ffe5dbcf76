// `peerlog audit list|verify|disclosures`: the tamper-evident record of changes and disclosures.
#include "command_list.hpp"
#include "commands.hpp"
#include "pager.hpp"
#include "passphrase_input.hpp"

#include "peerlog/audit.hpp"
#include "peerlog/disclosure.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/text_table.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
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

// The published heads --head and --against name, read before the journal is opened.
struct VerifyRequest {
    std::vector<std::string> heads;   ///< --head ID:HASH
    std::vector<std::string> against; ///< --against FILE
};

std::string tampered_message(const AuditCheck& check) {
    std::vector<std::string> lines;
    if (!check.problem.empty()) {
        std::string where =
            check.first_bad_event ? fmt::format(" at event {}", *check.first_bad_event) : "";
        lines.push_back(
            fmt::format("the audit trail has been tampered with{}: {}.", where, check.problem));
    }
    if (check.record_problem_count > 0) {
        lines.push_back(fmt::format("the records have been tampered with: the journal does not "
                                    "match its audit trail ({}):",
                                    counted(check.record_problem_count, "problem")));
        for (const auto& problem : check.record_problems) {
            lines.push_back("  " + problem);
        }
        auto more =
            check.record_problem_count - static_cast<long long>(check.record_problems.size());
        if (more > 0) {
            lines.push_back(fmt::format("  and {} more", more));
        }
    }
    for (const auto& problem : check.head_problems) {
        lines.push_back(fmt::format("the trail does not hold a published head: {}.", problem));
    }
    lines.push_back(fmt::format("{} and {} checked.", counted(check.events, "event"),
                                counted(check.records, "record")));
    lines.push_back(k_restore_hint);
    return fmt::format("{}", fmt::join(lines, "\n"));
}

void run_verify(const VerifyRequest& request, Context& context) {
    VerifyOptions options;
    for (const auto& head : request.heads) {
        options.published_heads.push_back(parse_head(head));
    }
    for (const auto& file : request.against) {
        options.published_heads.push_back(published_head_in(file));
    }
    // An encrypted journal's keyed MACs are checked whenever a passphrase can be had.
    options.use_key = !context.options.passphrase_file.empty() || can_prompt();
    Journal journal = context.open_journal(OpenMode::read);
    AuditCheck check = verify_audit(journal, options);
    if (!check.intact()) {
        throw Error(ErrorKind::corrupt, tampered_message(check));
    }
    std::cout << fmt::format("ok: {} events, chain intact; head {} {}\n", check.events,
                             check.head.id, check.head.hash);
    std::cout << fmt::format("records: {} stored, each as its latest event left it\n",
                             check.records);
    for (const auto& head : options.published_heads) {
        if (head.id > 0) {
            std::cout << fmt::format("published head event {} is in the chain\n", head.id);
        }
    }
    if (check.redacted > 0) {
        std::cout << fmt::format("redacted: {} (their peer was forgotten, or their typed text "
                                 "sealed when the journal was encrypted; their digests still "
                                 "chain)\n",
                                 counted(check.redacted, "event"));
    }
    if (check.keyed_from) {
        std::cout << fmt::format("keyed from event {}: {} checked", *check.keyed_from,
                                 counted(check.keyed, "MAC"));
        std::cout << (check.keyed_unchecked > 0
                          ? fmt::format(", {} not checked without the passphrase\n",
                                        check.keyed_unchecked)
                          : "\n");
    }
    std::cout.flush(); // the result first, then the hints, even with stdout and stderr merged
    if (check.keyed_unchecked > 0) {
        context.warn("the keyed MACs were not checked: give --passphrase-file PATH or run on a "
                     "terminal, so a trail rewritten without the passphrase is caught.");
    }
    if (options.published_heads.empty()) {
        context.tell("compare the head with the one printed in your latest export or report "
                     "(`peerlog audit verify --against FILE` does it): a later head is normal "
                     "(events are appended after every export), but an earlier one (a lower "
                     "event id), or the same id with a different hash, means events were cut off "
                     "or rewritten.");
    }
}

} // namespace

void setup_audit_commands(CLI::App& app, Context& context) {
    auto* audit = add_command(app, "audit");
    audit->require_subcommand(1);

    auto since = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("table");
    auto* list = audit->add_subcommand("list", "List audit events (no note text, ever)");
    list->add_option("--since", *since, "Only events on or after this day (UTC)")
        ->type_name("DATE");
    list->add_option("--format", *format, "table or json")->type_name("FORMAT");
    list->callback([since, format, &context] { run_list(*since, *format, context); });

    auto request = std::make_shared<VerifyRequest>();
    auto* verify = audit->add_subcommand(
        "verify", "Check the hash chain and every record against it; names the first event "
                  "edited, deleted, inserted or reordered, and each record changed, deleted or "
                  "added outside peerlog");
    verify
        ->add_option("--head", request->heads,
                     "A head published earlier (ID:HASH): fail unless that event is in the chain "
                     "with that hash")
        ->type_name("ID:HASH");
    verify
        ->add_option("--against", request->against,
                     "An export or report peerlog wrote: fail unless its audit head is in the "
                     "chain")
        ->type_name("FILE");
    verify->callback([request, &context] { run_verify(*request, context); });

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
