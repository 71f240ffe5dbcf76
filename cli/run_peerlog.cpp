// The whole command line in one call: declares the commands, parses argv, runs the command
// and maps errors to exit codes. main() and the argv fuzz target both call it.
#include "run_peerlog.hpp"

#include "commands.hpp"
#include "usage_error.hpp"

#include "peerlog/error.hpp"
#include "peerlog/safe_text.hpp"

#include <iostream>
#include <sys/stat.h>

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
    peerlog::cli::setup_init_command(app, context);
    peerlog::cli::setup_peer_commands(app, context);
    peerlog::cli::setup_session_commands(app, context);
    peerlog::cli::setup_group_commands(app, context);
    peerlog::cli::setup_goal_commands(app, context);
    peerlog::cli::setup_referral_commands_all(app, context);
    peerlog::cli::setup_assess_commands(app, context);
    peerlog::cli::setup_supervision_commands(app, context);
    peerlog::cli::setup_checkin_commands(app, context);
    peerlog::cli::setup_export_command(app, context);
    peerlog::cli::setup_report_commands(app, context);
    peerlog::cli::setup_team_commands(app, context);
    peerlog::cli::setup_consent_commands(app, context);
    peerlog::cli::setup_correction_commands(app, context);
    peerlog::cli::setup_audit_commands(app, context);
    peerlog::cli::setup_purge_command(app, context);
    peerlog::cli::setup_backup_command(app, context);
    peerlog::cli::setup_passphrase_commands(app, context);
    peerlog::cli::setup_encrypt_command(app, context);
    peerlog::cli::setup_draft_commands(app, context);
    peerlog::cli::setup_import_commands(app, context);
    peerlog::cli::setup_config_commands(app, context);
    peerlog::cli::setup_completion_commands(app, context);
    peerlog::cli::setup_help_command(app);

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
