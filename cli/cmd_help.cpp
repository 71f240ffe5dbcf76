// `peerlog help [COMMAND [SUBCOMMAND]]`: on a terminal the command group's manual page (with
// man, else its text rendered at build time); otherwise, or without either, its --help text.
#include "command_list.hpp"
#include "commands.hpp"
#include "pager.hpp"

#include "peerlog/error.hpp"

#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace peerlog::cli {
namespace {

namespace fs = std::filesystem;

// The directory this binary is in (<prefix>/bin, or the build tree), or "" when unknown.
fs::path exe_dir() {
    std::error_code error;
    fs::path exe = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : exe.parent_path();
}

// Runs man with `args`; true when it ran and exited 0. `quiet` sends its output to /dev/null
// (for `man -w`, which only says whether a page exists).
bool run_man(std::vector<std::string> args, bool quiet) {
    std::vector<char*> argv;
    static std::string man = "man";
    argv.push_back(man.data());
    for (auto& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (quiet) {
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    }
    pid_t pid = 0;
    int spawned = posix_spawnp(&pid, "man", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        return false; // no man on PATH
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The section a page is in under a man directory (man1/PAGE.1 or man5/PAGE.5, plain or
// gzipped, as a package installs them), or "" when it is not there.
std::string section_in(const fs::path& man_dir, const std::string& page) {
    std::error_code error;
    for (std::string section : {"1", "5"}) {
        fs::path file = man_dir / ("man" + section) / (page + "." + section);
        if (fs::exists(file, error) || fs::exists(file.string() + ".gz", error)) {
            return section;
        }
    }
    return "";
}

// Shows `page` with man: installed beside this binary, then in the source tree a build-tree
// binary was built from, then wherever man looks by itself. True when man showed it.
bool show_manual_page(const std::string& page) {
    std::error_code error;
    fs::path dir = exe_dir();
    if (!dir.empty()) {
        fs::path installed = dir.parent_path() / "share" / "man";
        if (std::string section = section_in(installed, page); !section.empty()) {
            return run_man({"-M", installed.string(), section, page}, false);
        }
    }
#ifdef PEERLOG_SOURCE_MAN_DIR
    // Only for the binary of that build tree, and only while the source tree is there.
    fs::path source_pages{PEERLOG_SOURCE_MAN_DIR};
    if (!dir.empty() && fs::equivalent(dir, fs::path{PEERLOG_BUILD_DIR}, error)) {
        for (std::string section : {"1", "5"}) {
            fs::path file = source_pages / (page + "." + section);
            if (fs::exists(file, error)) {
                return run_man({"-l", file.string()}, false);
            }
        }
    }
#endif
    if (run_man({"-w", page}, true)) {
        return run_man({page}, false);
    }
    return false;
}

// The page's text rendered by groff at build time (PAGE.1.txt, or PAGE.5.txt): beside this
// binary in the build tree (man-text/), or installed under <prefix>/share/peerlog/man-text.
// "" when there is none.
std::string rendered_page(const std::string& page) {
    fs::path dir = exe_dir();
    if (dir.empty()) {
        return "";
    }
    for (const fs::path& texts :
         {dir / "man-text", dir.parent_path() / "share" / "peerlog" / "man-text"}) {
        for (std::string section : {"1", "5"}) {
            std::ifstream file(texts / (page + "." + section + ".txt"), std::ios::binary);
            if (file) {
                std::ostringstream text;
                text << file.rdbuf();
                return text.str();
            }
        }
    }
    return "";
}

std::string names_of(const std::vector<CLI::App*>& commands) {
    std::string names;
    for (const CLI::App* command : commands) {
        names += (names.empty() ? "" : ", ") + command->get_name();
    }
    return names;
}

} // namespace

void setup_help_command(CLI::App& app) {
    auto* help = add_command(app, "help");
    auto words = std::make_shared<std::vector<std::string>>();
    help->add_option("command", *words, "A command, e.g. session or session add");
    help->callback([&app, words] {
        CLI::App* target = &app;
        CLI::App* group = nullptr; // the top-level command: its page is the group's
        for (const auto& word : *words) {
            CLI::App* next = nullptr;
            try {
                next = target->get_subcommand(word);
            } catch (const CLI::OptionNotFound&) {
            }
            if (next && next->get_group().empty()) {
                next = nullptr; // hidden (__complete): not a command a person runs
            }
            if (!next && target == &app) {
                throw Error(ErrorKind::usage,
                            fmt::format("no command '{}'. Run `peerlog help` for the list.", word));
            }
            if (!next) {
                auto subcommands = target->get_subcommands(
                    [](const CLI::App* child) { return !child->get_group().empty(); });
                std::string path = target->get_name();
                for (const CLI::App* up = target->get_parent(); up && up != &app;
                     up = up->get_parent()) {
                    path = up->get_name() + " " + path;
                }
                throw Error(ErrorKind::usage,
                            subcommands.empty()
                                ? fmt::format("'{}' is not a subcommand of {}: it has none. Run "
                                              "`peerlog help {}`.",
                                              word, path, path)
                                : fmt::format("'{}' is not a subcommand of {}: use one of {}.",
                                              word, path, names_of(subcommands)));
            }
            target = next;
            group = group ? group : next;
        }
        // One page per command group: `help session add` opens peerlog-session(1), and
        // `help config show` peerlog-config(1), the commands (the file is peerlog-config(5)).
        std::string page = group ? "peerlog-" + group->get_name() : "peerlog";
        if (::isatty(STDOUT_FILENO) == 1) {
            std::cout.flush();
            if (show_manual_page(page)) {
                return;
            }
            if (std::string text = rendered_page(page); !text.empty()) {
                write_paged([&](std::ostream& out) { out << text; });
                return;
            }
        }
        // App::help() would describe the `help` command itself (the one being run).
        std::cout << target->get_formatter()->make_help(target, target->get_name(),
                                                        CLI::AppFormatMode::Normal);
        auto subcommands = target->get_subcommands(
            [](const CLI::App* child) { return !child->get_group().empty(); });
        if (target != &app && !subcommands.empty()) {
            // The list above gives no flags: say where they are.
            std::string path;
            for (const auto& word : *words) {
                path += " " + word;
            }
            std::cout << fmt::format("Run `peerlog help{} SUBCOMMAND` for a subcommand's flags, "
                                     "e.g. `peerlog help{} {}`.\n",
                                     path, path, subcommands.front()->get_name());
        }
    });
}

} // namespace peerlog::cli
