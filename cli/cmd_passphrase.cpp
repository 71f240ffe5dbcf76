// `peerlog passphrase change`: re-wrap an encrypted journal's key under a new passphrase.
#include "command_list.hpp"
#include "commands.hpp"
#include "passphrase_input.hpp"

#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"

#include <fmt/format.h>
#include <memory>

namespace peerlog::cli {

void setup_passphrase_commands(CLI::App& app, Context& context) {
    auto* group = add_command(app, "passphrase");
    group->require_subcommand(1);
    auto* change = group->add_subcommand(
        "change", "Change the passphrase (the data is not rewritten): the old one from the "
                  "terminal or --passphrase-file, the new one from the terminal (twice) or "
                  "--new-passphrase-file");
    auto new_file = std::make_shared<std::string>();
    change
        ->add_option("--new-passphrase-file", *new_file,
                     "The file whose first line is the new passphrase (mode 0600)")
        ->type_name("PATH");
    change->callback([&context, new_file] {
        Journal journal = context.open_journal(OpenMode::update);
        if (!encrypted(journal)) {
            throw Error(ErrorKind::invalid_data,
                        fmt::format("the journal {} is not encrypted, so it has no passphrase "
                                    "to change.",
                                    journal.path().string()));
        }
        // Before any passphrase is read: the new one must have a source too.
        if (new_file->empty() && !can_prompt()) {
            throw Error(ErrorKind::usage,
                        "passphrase change needs the new passphrase: give --new-passphrase-file "
                        "PATH (a file of mode 0600 whose first line is it), or run it on a "
                        "terminal to type it twice.");
        }
        // The current passphrase first, through the journal's source: asked again while wrong,
        // exactly as every other command asks for it.
        use_passphrase_source(journal, context.options, "Current passphrase: ");
        unlock_with_source(journal);
        SecretBuffer fresh = new_passphrase(*new_file, "New passphrase");
        change_passphrase(journal, fresh);
        context.tell(fmt::format("changed the passphrase of {}", journal.path().string()));
    });
}

} // namespace peerlog::cli
