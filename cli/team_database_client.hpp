// The two commands that talk to a team database: `team load` and `report team --database`.
//
// PostgreSQL's client (libpqxx, libpq and the TLS, Kerberos and LDAP libraries under them, 26
// shared libraries) costs milliseconds of start-up wherever it is linked, so `peerlog` leaves
// it out and every other command starts without it. In `peerlog` these functions hand the
// whole command line to `peerlog-team` (team_database_handoff.cpp): the same commands built
// with the client (team_database_client.cpp), installed in libexec/peerlog.
#pragma once

#include "context.hpp"

#include "peerlog/calendar.hpp"
#include "peerlog/team_database.hpp"
#include "peerlog/team_report.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace peerlog::cli {

/// The team report the database at `url` computes (build_team_report).
TeamReport team_report_from_database(const std::string& url, const std::optional<Period>& period,
                                     Context& context);

/// Loads `files` into the database at `url` (load_team_exports).
TeamLoadResult load_into_team_database(const std::string& url,
                                       const std::vector<std::filesystem::path>& files,
                                       const TeamLoadOptions& options, Context& context);

} // namespace peerlog::cli
