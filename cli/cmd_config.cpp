// `peerlog config path|show`: where the config lives and what is in effect.
#include "command_list.hpp"
#include "commands.hpp"

#include "peerlog/database_url.hpp"

#include <iostream>

namespace peerlog::cli {

void setup_config_commands(CLI::App& app, Context& context) {
    auto* config = add_command(app, "config");
    config->require_subcommand(1);
    config->add_subcommand("path", "Print the config file's path")->callback([&context] {
        std::cout << context.config_path().string() << "\n";
    });
    config->add_subcommand("show", "Print the effective settings, defaults included")
        ->callback([&context] {
            check_team_database(context.config());
            std::cout << render_config(context.config());
            std::cout << "# journal in use: " << context.journal_path().string() << "\n";
        });
}

} // namespace peerlog::cli
