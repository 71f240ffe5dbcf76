// The export files and the --database flag (default: [team] database of config.toml).
#include "team_options.hpp"

#include "peerlog/database_url.hpp"
#include "peerlog/error.hpp"

namespace peerlog::cli {

CLI::Option* add_export_files_option(CLI::App* command, std::vector<std::string>& files) {
    return command->add_option("file", files,
                               "Export files, or directories of them (every .json file under "
                               "each); - reads one export from stdin");
}

CLI::Option* add_database_option(CLI::App* command, std::string& url) {
    return command
        ->add_option("--database", url,
                     "The team database: a postgresql:// URL or a conninfo string, without a "
                     "password (default: [team] database in config.toml)")
        ->type_name("URL");
}

std::string chosen_database_url(const std::string& flag, Context& context) {
    if (!flag.empty()) {
        return flag;
    }
    check_team_database(context.config()); // read in full now it is used
    return context.config().team_database;
}

std::string required_database_url(const std::string& flag, Context& context) {
    std::string url = chosen_database_url(flag, context);
    if (url.empty()) {
        throw Error(ErrorKind::usage, "name the team database with --database URL, or set "
                                      "[team] database in config.toml.");
    }
    return url;
}

} // namespace peerlog::cli
