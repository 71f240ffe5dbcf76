// The --database flag of `team load` and `report team`, and opening the database it names.
#pragma once

#include "context.hpp"

#include "peerlog/team_database.hpp"

#include <CLI/CLI.hpp>
#include <string>

namespace peerlog::cli {

/// Declares --database URL on `command`.
CLI::Option* add_database_option(CLI::App* command, std::string& url);

/// The URL --database gave, else [team] database of the config, else "".
std::string chosen_database_url(const std::string& flag, Context& context);

/// Connects to `url` (see TeamDatabase); a URL from neither place is a usage error.
TeamDatabase open_team_database(const std::string& url);

} // namespace peerlog::cli
