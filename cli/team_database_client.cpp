// The team database's commands with PostgreSQL's client linked: peerlog-team (and the argv
// fuzz target) run them here.
#include "team_database_client.hpp"

namespace peerlog::cli {

TeamReport team_report_from_database(const std::string& url, const std::optional<Period>& period,
                                     Context& /*context*/) {
    TeamDatabase database(url);
    return build_team_report(database, period);
}

TeamLoadResult load_into_team_database(const std::string& url,
                                       const std::vector<std::filesystem::path>& files,
                                       const TeamLoadOptions& options, Context& /*context*/) {
    TeamDatabase database(url);
    return load_team_exports(database, files, options);
}

} // namespace peerlog::cli
