// What `team load` and `report team` share: their export files and the --database flag.
#pragma once

#include "context.hpp"

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

/// chosen_database_url, where a URL from neither place is a usage error.
std::string required_database_url(const std::string& flag, Context& context);

} // namespace peerlog::cli
