// `peerlog draft list|show|rm`: the drafts of notes kept when saving failed; a sealed one opens
// with the journal's passphrase.
#include "command_list.hpp"
#include "commands.hpp"
#include "confirm.hpp"
#include "pager.hpp"

#include "peerlog/draft_store.hpp"
#include "peerlog/error.hpp"
#include "peerlog/output_format.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/safe_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace peerlog::cli {
void setup_draft_commands(CLI::App& app, Context& context) {
    auto* draft = add_command(app, "draft");
    draft->require_subcommand(1);

    auto list_format = std::make_shared<std::string>("table");
    auto* list = draft->add_subcommand("list", "The journal's drafts: id, date, kind, peers, "
                                               "never their text");
    list->add_option("--format", *list_format, "table or json")->type_name("FORMAT");
    list->callback([list_format, &context] {
        auto format = parse_output_format(*list_format, {OutputFormat::table, OutputFormat::json});
        Journal journal = context.open_journal(OpenMode::read);
        long long others = 0;
        auto drafts = list_drafts(journal, &others);
        if (others > 0) {
            context.tell(fmt::format("{} of other journals not shown (give --journal to see "
                                     "them)",
                                     counted(others, "draft")));
        }
        if (drafts.empty() && format == OutputFormat::table) {
            context.tell("no drafts: every note typed was saved.");
            return;
        }
        write_paged([&](std::ostream& out) {
            write_draft_list(out, drafts, format, context.stdout_style());
        });
    });

    auto show_id = std::make_shared<std::string>();
    auto* show = draft->add_subcommand(
        "show", "Print a draft's text (a sealed one asks for the journal's passphrase)");
    show->add_option("id", *show_id, "The draft's id (see draft list)")->required();
    show->callback([show_id, &context] {
        Journal journal = context.open_journal(OpenMode::read);
        std::string text = open_draft(journal, *show_id);
        // Piped, exactly as typed (to give it back with --note -); on a terminal, never a
        // control sequence.
        std::cout << (::isatty(STDOUT_FILENO) == 1 ? terminal_safe(text, LineBreaks::keep) : text);
        if (!text.empty() && text.back() != '\n' && ::isatty(STDOUT_FILENO) == 1) {
            std::cout << "\n";
        }
    });

    auto rm_ids = std::make_shared<std::vector<std::string>>();
    auto rm_yes = std::make_shared<bool>(false);
    auto rm_dry_run = std::make_shared<bool>(false);
    auto* rm = draft->add_subcommand("rm", "Delete drafts once their text is saved (asks first on "
                                           "a terminal)");
    rm->add_option("id", *rm_ids, "The drafts' ids")->required();
    rm->add_flag("-y,--yes", *rm_yes, "Do not ask; needed when not on a terminal");
    rm->add_flag("-n,--dry-run", *rm_dry_run, "Say what would be deleted; delete nothing");
    rm->callback([rm_ids, rm_yes, rm_dry_run, &context] {
        Journal journal = context.open_journal(OpenMode::read);
        std::vector<Draft> found;
        for (const auto& id : *rm_ids) {
            found.push_back(find_draft_file(id));
        }
        auto n = static_cast<long long>(found.size());
        if (*rm_dry_run) {
            std::cout << fmt::format("would delete {}: {}\n", counted(n, "draft"),
                                     fmt::join(*rm_ids, ", "));
            return;
        }
        confirm_or_refuse(*rm_yes, context,
                          fmt::format("Delete {} ({})? Its text cannot be recovered.",
                                      counted(n, "draft"), fmt::join(*rm_ids, ", ")));
        for (const auto& id : *rm_ids) {
            delete_draft(journal, id);
        }
        context.tell(fmt::format("deleted {}", counted(n, "draft")));
    });
}

} // namespace peerlog::cli
