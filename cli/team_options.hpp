// What `team load` and `report team` share: their export files, the --database flag, and
// opening the database it names.
#pragma once

#include "context.hpp"

#include "peerlog/team_database.hpp"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace peerlog::cli {

/// Declares the FILE... positional (export files, directories, - for stdin).
CLI::Option* add_export_files_option(CLI::App* command, std::vector<std::string>& files);

/// Declares --database URL on `command`.
CLI::Option* add_database_option(CLI::App* command, std::string& url);

/// The URL --database gave, else [team] database of the config, else "".
std::string chosen_database_url(const std::string& flag, Context& context);

/// Connects to `url` (see TeamDatabase); a URL from neither place is a usage error.
TeamDatabase open_team_database(const std::string& url);

} // namespace peerlog::cli
