// What every command needs: global options, config, the journal, today, the terminal.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/config.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/output_format.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace peerlog::cli {

/// Options accepted before or after any command.
struct GlobalOptions {
    std::string journal_path;    ///< --journal or PEERLOG_JOURNAL
    std::string config_path;     ///< --config or PEERLOG_CONFIG
    bool quiet = false;          ///< -q: no confirmations on stderr
    std::string passphrase_file; ///< --passphrase-file or PEERLOG_PASSPHRASE_FILE (a path)
};

/// Shared state for one run of peerlog.
class Context {
  public:
    GlobalOptions options;
    /// The command line as run (argv[0] first, null-terminated): what `peerlog` hands to
    /// peerlog-team for the team database's commands (team_database_client.hpp).
    char** command_line = nullptr;
    /// The subcommand this run asks for under its command (`add` in `peerlog session add …`),
    /// or empty when every subcommand must be declared in full (help, completions, a mistyped
    /// word whose error suggests the nearest).
    std::string subcommand_asked;

    /// Whether the options of subcommand `name` must be declared for this run: it is the one
    /// asked, or none is known. Groups with many subcommands declare only what the run needs.
    bool declares(std::string_view name) const;

    /// The config file's path: --config, PEERLOG_CONFIG or the default (it may not exist).
    std::filesystem::path config_path() const;
    /// The config, loaded on first use.
    const Config& config();
    /// The journal path from --journal, PEERLOG_JOURNAL, journal.path, or the default.
    std::filesystem::path journal_path();
    /// Opens the journal (creating it for OpenMode::write) and warns about loose permissions.
    /// An encrypted journal asks for its passphrase only when a sensitive field is needed.
    Journal open_journal(OpenMode mode);
    /// Today: PEERLOG_TODAY (YYYY-MM-DD) when set, for tests and back-dating; else local today.
    Date today();
    /// The style for stdout: colour only on a terminal with NO_COLOR unset and TERM not dumb.
    RenderStyle stdout_style() const;
    /// True when stdin and stdout are both terminals (a person is typing).
    bool interactive() const;
    /// Prints a confirmation to stderr unless --quiet.
    void tell(const std::string& message) const;
    /// Prints a warning to stderr (even with --quiet).
    void warn(const std::string& message) const;

  private:
    std::optional<Config> m_config;
};

} // namespace peerlog::cli
