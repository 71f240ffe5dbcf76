// `peerlog init`: create the journal.
#include "commands.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {

void setup_init_command(CLI::App& app, Context& context) {
    auto* init = app.add_subcommand("init", "Create the journal (private file, mode 0600)");
    init->callback([&context] {
        Journal journal = context.open_journal(OpenMode::write);
        if (journal.created()) {
            context.tell(fmt::format("created the journal {}", journal.path().string()));
        } else {
            context.tell(fmt::format("the journal {} already exists; nothing changed",
                                     journal.path().string()));
        }
        std::cout << journal.path().string() << "\n";
    });
}

} // namespace peerlog::cli
