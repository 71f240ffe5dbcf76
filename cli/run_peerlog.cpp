// The whole command line in one call: declares the commands, parses argv, runs the command
// and maps errors to exit codes. main() and the argv fuzz target both call it.
#include "run_peerlog.hpp"

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

// The command groups in the order `peerlog help` lists them, each with the top-level commands
// its setup function declares.
struct CommandGroup {
    std::vector<std::string_view> names;
    void (*setup)(CLI::App&, peerlog::cli::Context&);
};

const std::vector<CommandGroup>& command_groups() {
    using namespace peerlog::cli;
    static const std::vector<CommandGroup> groups{
        {{"init"}, setup_init_command},
        {{"peer"}, setup_peer_commands},
        {{"session"}, setup_session_commands},
        {{"group"}, setup_group_commands},
        {{"goal"}, setup_goal_commands},
        {{"resource", "referral"}, setup_referral_commands_all},
        {{"assess"}, setup_assess_commands},
        {{"supervision"}, setup_supervision_commands},
        {{"checkin"}, setup_checkin_commands},
        {{"export"}, setup_export_command},
        {{"report"}, setup_report_commands},
        {{"team"}, setup_team_commands},
        {{"consent"}, setup_consent_commands},
        {{"audit"}, setup_audit_commands},
        {{"purge"}, setup_purge_command},
        {{"backup"}, setup_backup_command},
        {{"passphrase"}, setup_passphrase_commands},
        {{"encrypt"}, setup_encrypt_command},
        {{"draft"}, setup_draft_commands},
        {{"import"}, setup_import_commands},
        {{"config"}, setup_config_commands},
        {{"completion", "__complete"}, setup_completion_commands},
    };
    return groups;
}

// The command group a run needs alone, or null when it needs the whole tree: `help`,
// completions, --help (which may list every command), no command word, or a word that is not a
// command (its error suggests the nearest of them all).
const CommandGroup* only_group_needed(int argc, char** argv) {
    std::string_view word;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            return nullptr;
        }
        if (arg == "--journal" || arg == "--config" || arg == "--passphrase-file") {
            ++i; // its value
        } else if (word.empty() && !arg.starts_with("-")) {
            word = arg;
        }
    }
    for (const auto& group : command_groups()) {
        if (group.setup != peerlog::cli::setup_completion_commands &&
            std::find(group.names.begin(), group.names.end(), word) != group.names.end()) {
            return &group;
        }
    }
    return nullptr;
}

// True for `peerlog --version`, alone or with global options: it needs no command at all.
bool only_version_asked(int argc, char** argv) {
    bool version = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--journal" || arg == "--config" || arg == "--passphrase-file") {
            ++i;
        } else if (arg == "--version") {
            version = true;
        } else if (arg != "-q" && arg != "--quiet" && !arg.starts_with("--journal=") &&
                   !arg.starts_with("--config=") && !arg.starts_with("--passphrase-file=")) {
            return false;
        }
    }
    return version;
}

// Declares the commands this run can reach: start-up pays for building only the group invoked
// (its help, errors and suggestions need nothing outside it), the whole tree otherwise.
void declare_commands(CLI::App& app, peerlog::cli::Context& context, int argc, char** argv) {
    if (only_version_asked(argc, argv)) {
        return;
    }
    if (const CommandGroup* group = only_group_needed(argc, argv)) {
        group->setup(app, context);
        return;
    }
    for (const auto& group : command_groups()) {
        group.setup(app, context);
    }
    peerlog::cli::setup_help_command(app);
}

} // namespace

int run_peerlog(int argc, char** argv) {
    ::umask(077); // every file peerlog creates (journal, -wal, -shm, drafts, exports) is private
    peerlog::cli::Context context;
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
