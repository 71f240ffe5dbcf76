// `peerlog assess add|list`: BARC-10 recovery capital, by flag or item by item on a terminal.
#include "command_list.hpp"
#include "commands.hpp"
#include "output_options.hpp"
#include "pager.hpp"

#include "peerlog/assessment.hpp"
#include "peerlog/error.hpp"
#include "peerlog/record_output.hpp"
#include "peerlog/safe_text.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {
namespace {

// Asks each item in turn with its wording; a bad answer is asked again, end of input cancels.
Barc10Items ask_items() {
    std::cerr << "BARC-10: score each statement from 1 (strongly disagree) to 6 (strongly "
                 "agree), as the peer answers it.\n";
    Barc10Items items{};
    const auto& wording = barc10_item_wording();
    for (std::size_t i = 0; i < k_barc10_items; ++i) {
        while (true) {
            std::cerr << fmt::format("{:2}. {}\n    1-6: ", i + 1, wording[i]) << std::flush;
            std::string answer;
            if (!std::getline(std::cin, answer)) {
                throw Error(ErrorKind::cancelled, "the assessment was not finished; nothing was "
                                                  "saved.");
            }
            try {
                items[i] = parse_barc10_item(answer, i + 1);
                break;
            } catch (const Error& bad) {
                std::cerr << terminal_safe(bad.what(), LineBreaks::keep) << "\n"; // quotes input
            }
        }
    }
    return items;
}

} // namespace

void setup_assess_commands(CLI::App& app, Context& context) {
    auto* assess = add_command(app, "assess");
    assess->require_subcommand(1);

    struct AddOptions {
        std::string peer, barc10, date;
    };
    auto added = std::make_shared<AddOptions>();
    auto* add = assess->add_subcommand(
        "add", "Record a BARC-10; without --barc10 on a terminal, asks item by item");
    add->add_option("code", added->peer, "The peer's code")->required();
    add->add_option("--barc10", added->barc10, "The ten item scores in order, each 1-6")
        ->type_name("N,N,N,N,N,N,N,N,N,N");
    add->add_option("--date", added->date, "Day it was taken (default: today)")->type_name("DATE");
    add->callback([added, &context] {
        Date today = context.today();
        Assessment assessment;
        assessment.peer_code = added->peer;
        assessment.date = added->date.empty() ? today : parse_date(added->date, today, "--date");
        if (added->barc10.empty() && !context.interactive()) {
            throw Error(ErrorKind::usage, "give the scores with --barc10 N,N,N,N,N,N,N,N,N,N "
                                          "(ten items, each 1-6), or run on a terminal to be "
                                          "asked item by item.");
        }
        Journal journal = context.open_journal(OpenMode::write);
        if (added->barc10.empty()) {
            // Before ten questions, not after: nobody answers them for an unknown code.
            check_peer_can_be_assessed(journal, assessment.peer_code);
        }
        assessment.items = added->barc10.empty() ? ask_items() : parse_barc10(added->barc10);
        std::int64_t id = add_assessment(journal, assessment, today);
        std::cout << id << "\n";
        context.tell(fmt::format("saved BARC-10 {} for {}: total {} of 60", id,
                                 assessment.peer_code, assessment.total()));
    });

    struct ListOptions {
        std::string peer;
        ListingOutput shown;
    };
    auto list_options = std::make_shared<ListOptions>();
    auto* list = assess->add_subcommand("list", "A peer's BARC-10s and their trend");
    list->add_option("code", list_options->peer, "The peer's code")->required();
    add_listing_output(list, list_options->shown, "table, csv, json or xlsx");
    list->callback([list_options, &context] {
        auto format = listing_format(list_options->shown, {OutputFormat::table, OutputFormat::csv,
                                                           OutputFormat::json, OutputFormat::xlsx});
        Journal journal = context.open_journal(OpenMode::read);
        auto assessments = list_assessments(journal, list_options->peer);
        if (assessments.empty() && format == OutputFormat::table) {
            context.tell(fmt::format("no BARC-10 for {} yet.", list_options->peer));
            return;
        }
        write_listing_output(list_options->shown, context,
                             [&](std::ostream& out, const RenderStyle& style) {
                                 write_assessment_list(out, assessments, format, style);
                             });
    });
}

} // namespace peerlog::cli
