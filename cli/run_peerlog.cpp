// The whole command line in one call: declares the commands, parses argv, runs the command
// and maps errors to exit codes. main() and the argv fuzz target both call it.
#include "run_peerlog.hpp"

#include "command_list.hpp"
#include "commands.hpp"
#include "usage_error.hpp"

#include "peerlog/error.hpp"
#include "peerlog/safe_text.hpp"

#include <algorithm>
#include <iostream>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace {

constexpr const char* k_description =
    "peerlog: record keeping for peer recovery support.\n"
    "Log each contact with `peerlog session add`, export a de-identified weekly summary with "
    "`peerlog export`, and review a period with `peerlog report summary`. Bring records in "
    "from a spreadsheet with `peerlog import`.\n"
    "Run `peerlog help COMMAND` for a command's manual page or flags; see man peerlog for exit "
    "codes and files.";

void setup_global_options(CLI::App& app, peerlog::cli::GlobalOptions& options) {
    app.add_option("--journal", options.journal_path, "The journal file to use")
        ->envname("PEERLOG_JOURNAL")
        ->type_name("PATH");
    app.add_option("--config", options.config_path, "The config file to read")
        ->envname("PEERLOG_CONFIG")
        ->type_name("PATH");
    app.add_option("--passphrase-file", options.passphrase_file,
                   "The file whose first line is the passphrase of an encrypted journal (mode "
                   "0600; never give the passphrase itself on the command line)")
        ->envname("PEERLOG_PASSPHRASE_FILE")
        ->type_name("PATH");
    app.add_flag("-q,--quiet", options.quiet, "No confirmations on stderr (errors still show)");
}

// argv's words less the global options and their values: what the run asks for.
std::vector<std::string_view> asked_words(int argc, char** argv) {
    std::vector<std::string_view> words;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--journal" || arg == "--config" || arg == "--passphrase-file") {
            ++i; // its value
        } else if (arg != "-q" && arg != "--quiet" && !arg.starts_with("--journal=") &&
                   !arg.starts_with("--config=") && !arg.starts_with("--passphrase-file=")) {
            words.push_back(arg);
        }
    }
    return words;
}

// The command group a run needs alone, or null when it needs the whole tree: `help`,
// completions, --help (which may list every command), no command word, or a word that is not a
// command (its error suggests the nearest of them all).
const peerlog::cli::CommandGroup* only_group_needed(const std::vector<std::string_view>& words) {
    std::string_view word;
    for (std::string_view arg : words) {
        if (arg == "-h" || arg == "--help") {
            return nullptr;
        }
        if (word.empty() && !arg.starts_with("-")) {
            word = arg;
        }
    }
    for (const auto& group : peerlog::cli::command_groups()) {
        if (group.setup != peerlog::cli::setup_completion_commands &&
            std::find(group.names.begin(), group.names.end(), word) != group.names.end()) {
            return &group;
        }
    }
    return nullptr;
}

// The word right after the command word, when it is not an option: the subcommand asked (a
// group declares the options of that one only), or "" (it declares them all).
std::string subcommand_word(const std::vector<std::string_view>& words) {
    auto command = std::find_if(words.begin(), words.end(),
                                [](std::string_view word) { return !word.starts_with("-"); });
    if (command == words.end() || command + 1 == words.end() || (command + 1)->starts_with("-")) {
        return "";
    }
    return std::string(*(command + 1));
}

// What a run asks that needs less than one command group.
enum class Ask { version, command_list, more };

// `peerlog --version` needs no command at all; `peerlog`, `peerlog help` and `peerlog --help`
// (with global options or not) print the top-level help, which lists the commands, nothing
// under them.
Ask what_is_asked(const std::vector<std::string_view>& words, int argc) {
    bool version = false, help = false, help_word = false;
    for (std::string_view arg : words) {
        if (arg == "--version") {
            version = true;
        } else if (arg == "-h" || arg == "--help") {
            help = true;
        } else if (arg == "help" && !help_word) {
            help_word = true;
        } else {
            return Ask::more;
        }
    }
    if (version) {
        return help || help_word ? Ask::more : Ask::version;
    }
    return help || help_word || argc == 1 ? Ask::command_list : Ask::more;
}

// Declares the commands this run can reach: start-up pays for building only the group invoked
// (its help, errors and suggestions need nothing outside it), the whole tree otherwise. The
// corrections (`edit`, `rm`) join the groups declared.
void declare_commands(CLI::App& app, peerlog::cli::Context& context, int argc, char** argv) {
    const std::vector<std::string_view> words = asked_words(argc, argv);
    switch (what_is_asked(words, argc)) {
    case Ask::version:
        return;
    case Ask::command_list:
        peerlog::cli::declare_command_list(app);
        return;
    case Ask::more:
        break;
    }
    if (const peerlog::cli::CommandGroup* group = only_group_needed(words)) {
        context.subcommand_asked = subcommand_word(words);
        group->setup(app, context);
        peerlog::cli::setup_correction_commands(app, context);
        return;
    }
    for (const auto& group : peerlog::cli::command_groups()) {
        group.setup(app, context);
    }
    peerlog::cli::setup_correction_commands(app, context);
    peerlog::cli::setup_help_command(app);
}

} // namespace

int run_peerlog(int argc, char** argv) {
    ::umask(077); // every file peerlog creates (journal, -wal, -shm, drafts, exports) is private
    peerlog::cli::Context context;
    context.command_line = argv;
    CLI::App app(k_description, "peerlog");
    app.set_version_flag("--version", "peerlog " PEERLOG_VERSION);
    app.fallthrough(); // global options work after the command too
    app.require_subcommand(1);
    app.formatter(std::make_shared<peerlog::cli::PeerlogFormatter>());
    setup_global_options(app, context.options);
    declare_commands(app, context, argc, argv);

    if (argc == 1) {
        std::cout << app.help();
        return 0;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version);
    } catch (const CLI::ParseError& error) {
        std::cerr << peerlog::cli::describe_usage_error(app, error, argc, argv, context);
        return peerlog::exit_code(peerlog::ErrorKind::usage);
    } catch (const peerlog::Error& error) {
        // Messages may quote what was typed: never let it drive the terminal.
        std::cerr << "peerlog: " << peerlog::to_string(error.kind()) << ": "
                  << peerlog::terminal_safe(error.what(), peerlog::LineBreaks::keep) << "\n";
        return peerlog::exit_code(error.kind());
    } catch (const std::exception& error) {
        std::cerr << "peerlog: internal error: "
                  << peerlog::terminal_safe(error.what(), peerlog::LineBreaks::keep)
                  << "\nNothing was saved. Please report this with the command you ran.\n";
        return 1;
    }
    return 0;
}
