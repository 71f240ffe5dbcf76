// `peerlog help [COMMAND [SUBCOMMAND]]`: the same text as --help.
#include "commands.hpp"

#include "peerlog/error.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {

void setup_help_command(CLI::App& app) {
    auto* help = app.add_subcommand("help", "Show help for peerlog or for one command");
    auto words = std::make_shared<std::vector<std::string>>();
    help->add_option("command", *words, "A command, e.g. session or session add");
    help->callback([&app, words] {
        CLI::App* target = &app;
        for (const auto& word : *words) {
            CLI::App* next = nullptr;
            try {
                next = target->get_subcommand(word);
            } catch (const CLI::OptionNotFound&) {
            }
            if (!next) {
                throw Error(ErrorKind::usage,
                            fmt::format("no command '{}'. Run `peerlog help` for the list.", word));
            }
            target = next;
        }
        // App::help() would describe the `help` command itself (the one being run).
        std::cout << target->get_formatter()->make_help(target, target->get_name(),
                                                        CLI::AppFormatMode::Normal);
    });
}

} // namespace peerlog::cli
