// `peerlog team load`: specialists' weekly exports into the organisation's team database.
#include "command_list.hpp"
#include "commands.hpp"
#include "team_database_client.hpp"
#include "team_options.hpp"

#include "peerlog/plural.hpp"
#include "peerlog/team_database.hpp"

#include <chrono>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace peerlog::cli {
namespace {

struct LoadOptions {
    std::vector<std::string> files;
    std::string database;
    bool replace = false;
};

// "checked 12000 of 52000 files" on one line of a terminal, redrawn a few times a second.
std::function<void(std::size_t, std::size_t)> progress_line(const Context& context) {
    if (context.options.quiet || ::isatty(STDERR_FILENO) != 1) {
        return nullptr;
    }
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    return [last](std::size_t checked, std::size_t total) {
        auto now = std::chrono::steady_clock::now();
        if (checked < total && now - *last < std::chrono::milliseconds(200)) {
            return;
        }
        *last = now;
        std::cerr << fmt::format("\rpeerlog: team load: checked {} of {}{}\033[K", checked,
                                 counted(static_cast<long long>(total), "file"),
                                 checked == total ? "; storing them" : "")
                  << std::flush;
    };
}

std::string load_summary(const TeamLoadResult& r) {
    std::string text =
        fmt::format("{} checked: {} added, {} already in the team database, {} replaced.",
                    counted(r.files, "file"), counted(r.added, "export"), r.unchanged, r.replaced);
    if (r.batch_copies > 0) {
        text += fmt::format(" {} repeated another of the files (counted once).",
                            counted(r.batch_copies, "file"));
    }
    if (r.new_sources > 0) {
        text += fmt::format(" {} recorded as another copy of an export already there.",
                            counted(r.new_sources, "file"));
    }
    if (r.schema_before < k_team_schema_version) {
        text += r.schema_before == 0
                    ? fmt::format(" The peerlog tables were created (schema {}).",
                                  k_team_schema_version)
                    : fmt::format(" The schema was migrated from version {} to {}.",
                                  r.schema_before, k_team_schema_version);
    }
    return text;
}

void run_load(const LoadOptions& o, Context& context) {
    std::string url = required_database_url(o.database, context);
    TeamLoadOptions options;
    options.replace = o.replace;
    options.input = &std::cin;
    options.progress = progress_line(context);
    std::vector<std::filesystem::path> files(o.files.begin(), o.files.end());
    TeamLoadResult result;
    try {
        result = load_into_team_database(url, files, options, context);
    } catch (...) {
        if (options.progress) {
            std::cerr << "\r\033[K"; // the error starts on a clean line
        }
        throw;
    }
    if (options.progress) {
        std::cerr << "\r\033[K";
    }
    context.tell(load_summary(result));
}

} // namespace

void setup_team_commands(CLI::App& app, Context& context) {
    auto* team = add_command(app, "team");
    team->require_subcommand(1);
    auto o = std::make_shared<LoadOptions>();
    auto* load = team->add_subcommand(
        "load", "Check weekly export files as report team does and store them in the team "
                "database, all or none");
    add_export_files_option(load, o->files)->required();
    add_database_option(load, o->database);
    load->add_flag("--replace", o->replace,
                   "A different export of a specialist's period replaces the one stored "
                   "(without it: a conflict, exit 9)");
    load->callback([o, &context] { run_load(*o, context); });
}

} // namespace peerlog::cli
