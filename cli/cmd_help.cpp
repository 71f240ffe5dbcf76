// `peerlog help [COMMAND [SUBCOMMAND]]`: the manual page when it is installed next to this
// binary and stdout is a terminal, else the same text as --help.
#include "commands.hpp"

#include "peerlog/error.hpp"

#include <cerrno>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace peerlog::cli {
namespace {

namespace fs = std::filesystem;

// <prefix>/share/man for the prefix this binary is installed under (<prefix>/bin/peerlog).
fs::path installed_man_dir() {
    std::error_code error;
    fs::path exe = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : exe.parent_path().parent_path() / "share" / "man";
}

// Runs `man -M DIR SECTION PAGE` for the page in section 1, or else 5 (`help config` is
// peerlog-config(5)); true when man showed it.
bool show_manual_page(const fs::path& man_dir, const std::string& page) {
    std::string section = "1";
    if (man_dir.empty() || !fs::exists(man_dir / "man1" / (page + ".1"))) {
        section = "5";
        if (man_dir.empty() || !fs::exists(man_dir / "man5" / (page + ".5"))) {
            return false;
        }
    }
    std::string dir = man_dir.string();
    std::vector<char*> argv = {
        const_cast<char*>("man"), const_cast<char*>("-M"),         dir.data(),
        section.data(),           const_cast<char*>(page.c_str()), nullptr};
    pid_t pid = 0;
    if (posix_spawnp(&pid, "man", nullptr, nullptr, argv.data(), environ) != 0) {
        return false; // no man on PATH
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

void setup_help_command(CLI::App& app) {
    auto* help = app.add_subcommand("help", "Show the manual page (or help) for peerlog or for "
                                            "one command");
    auto words = std::make_shared<std::vector<std::string>>();
    help->add_option("command", *words, "A command, e.g. session or session add");
    help->callback([&app, words] {
        CLI::App* target = &app;
        for (const auto& word : *words) {
            CLI::App* next = nullptr;
            try {
                next = target->get_subcommand(word);
            } catch (const CLI::OptionNotFound&) {
            }
            if (!next) {
                throw Error(ErrorKind::usage,
                            fmt::format("no command '{}'. Run `peerlog help` for the list.", word));
            }
            target = next;
        }
        // One page per command group: `help session add` opens peerlog-session(1).
        std::string page = words->empty() ? "peerlog" : "peerlog-" + words->front();
        if (::isatty(STDOUT_FILENO) == 1) {
            std::cout.flush();
            if (show_manual_page(installed_man_dir(), page)) {
                return;
            }
        }
        // App::help() would describe the `help` command itself (the one being run).
        std::cout << target->get_formatter()->make_help(target, target->get_name(),
                                                        CLI::AppFormatMode::Normal);
    });
}

} // namespace peerlog::cli
