// The export files and the --database flag (default: [team] database of config.toml).
#include "team_options.hpp"

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
    return flag.empty() ? context.config().team_database : flag;
}

TeamDatabase open_team_database(const std::string& url) {
    if (url.empty()) {
        throw Error(ErrorKind::usage, "name the team database with --database URL, or set "
                                      "[team] database in config.toml.");
    }
    return TeamDatabase(url);
}

} // namespace peerlog::cli
