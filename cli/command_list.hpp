// peerlog's top-level commands: their names, the line `peerlog help` lists each with, and the
// function that declares each group of them in full.
#pragma once

#include "context.hpp"

#include <CLI/CLI.hpp>
#include <string_view>
#include <vector>

namespace peerlog::cli {

/// Top-level commands declared together by one setup function.
struct CommandGroup {
    std::vector<std::string_view> names;
    void (*setup)(CLI::App&, Context&);
};

/// Every command group in the order `peerlog help` lists them (`help` itself comes last,
/// from setup_help_command).
const std::vector<CommandGroup>& command_groups();

/// Declares the top-level command `name` with its line of `peerlog help` (hidden from the
/// list when the name starts with "__"). Throws std::logic_error for a name not in the list.
CLI::App* add_command(CLI::App& app, std::string_view name);

/// Declares every top-level command with its line and nothing under it, then `help`: all the
/// top-level help prints, at a tenth of the cost of the whole tree.
void declare_command_list(CLI::App& app);

} // namespace peerlog::cli
