// The team database's commands in `peerlog`, which is built without PostgreSQL's client: they
// run peerlog-team in peerlog's place, with the same command line, standard streams and
// environment, so its output and exit code are the command's.
#include "team_database_client.hpp"

#include "peerlog/error.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>
#include <vector>

namespace peerlog::cli {
namespace {

namespace fs = std::filesystem;

// Where peerlog-team is: beside this program in a build tree, else in libexec/peerlog under the
// prefix this program was installed to, else where CMake installed it.
fs::path team_program() {
    std::error_code error;
    fs::path program_dir = fs::read_symlink("/proc/self/exe", error).parent_path();
    std::vector<fs::path> places;
    if (!error) {
        places.push_back(program_dir / "peerlog-team");
        places.push_back(program_dir.parent_path() / PEERLOG_LIBEXECDIR_NAME / "peerlog" /
                         "peerlog-team");
    }
    places.push_back(fs::path(PEERLOG_LIBEXECDIR) / "peerlog" / "peerlog-team");
    for (const auto& place : places) {
        if (::access(place.c_str(), X_OK) == 0) {
            return place;
        }
    }
    return places.back();
}

[[noreturn]] void hand_over(Context& context) {
    if (context.command_line == nullptr) {
        throw Error(ErrorKind::io, "the team database's commands need peerlog-team, and this "
                                   "program cannot run it.");
    }
    fs::path program = team_program();
    std::cout.flush();
    std::cerr.flush();
    ::execv(program.c_str(), context.command_line);
    throw Error(ErrorKind::io,
                fmt::format("the team database's commands run {}, which cannot be started ({}): "
                            "reinstall peerlog.",
                            program.string(), std::strerror(errno)));
}

} // namespace

TeamReport team_report_from_database(const std::string& /*url*/,
                                     const std::optional<Period>& /*period*/, Context& context) {
    hand_over(context);
}

TeamLoadResult load_into_team_database(const std::string& /*url*/,
                                       const std::vector<std::filesystem::path>& /*files*/,
                                       const TeamLoadOptions& /*options*/, Context& context) {
    hand_over(context);
}

} // namespace peerlog::cli
