// The top-level commands' names, lines and setup functions, in `peerlog help`'s order.
#include "command_list.hpp"

#include "commands.hpp"

#include <stdexcept>
#include <string>

namespace peerlog::cli {
namespace {

struct CommandLine {
    std::string_view name;
    std::string_view description;
};

constexpr CommandLine k_command_lines[] = {
    {"init", "Create the journal (private file, mode 0600)"},
    {"peer", "Manage the caseload of peers (by code)"},
    {"session", "Log and review contacts with peers"},
    {"group", "Recovery groups you lead (log their sessions with session add --group)"},
    {"goal", "Peers' recovery-plan goals (link them to sessions with session add --goal)"},
    {"resource", "The community resources directory"},
    {"referral", "Referrals of peers to resources"},
    {"assess", "Recovery capital: the BARC-10 (ten items, 1-6 each)"},
    {"supervision", "Supervision meetings (review sessions with session review)"},
    {"checkin", "Self-care check-ins: private; reports show only shared ones, never the note"},
    {"export", "Export a period's de-identified summary for scripts (peer codes only, no notes)"},
    {"report", "Reports for the supervisor"},
    {"team", "An organisation's team database (PostgreSQL) of its specialists' exports"},
    {"consent", "A peer's written consents to disclose (42 CFR Part 2 / HIPAA)"},
    {"audit", "The tamper-evident audit trail and the accounting of disclosures"},
    {"purge", "Forget every peer closed before a date (default: privacy.retention_years ago) "
              "and remove disclosures older than privacy.disclosure_retention_years"},
    {"backup", "Copy the journal safely, even while peerlog is writing (never cp it)"},
    {"passphrase", "Manage an encrypted journal's passphrase"},
    {"encrypt", "Encrypt an existing journal's private text in place, records and audit chain "
                "kept (the new passphrase typed twice on a terminal, or --passphrase-file)"},
    {"draft", "The drafts kept when a note could not be saved (sealed for an encrypted journal)"},
    {"import",
     "Import peers or sessions from CSV (all rows or none; re-import adds no duplicates)"},
    {"config", "Show where the config file is and what it sets"},
    {"completion", "Print the shell completion script: bash, zsh or fish"},
    {"__complete", "Words for shell completion"},
    {"help", "Show the manual page (or help) for peerlog or for one command"},
};

} // namespace

const std::vector<CommandGroup>& command_groups() {
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

CLI::App* add_command(CLI::App& app, std::string_view name) {
    for (const CommandLine& line : k_command_lines) {
        if (line.name == name) {
            CLI::App* command =
                app.add_subcommand(std::string(name), std::string(line.description));
            if (name.starts_with("__")) {
                command->group(""); // for scripts (completion), not in the list
            }
            return command;
        }
    }
    throw std::logic_error("no line of peerlog help for the command " + std::string(name));
}

void declare_command_list(CLI::App& app) {
    for (const CommandGroup& group : command_groups()) {
        for (std::string_view name : group.names) {
            add_command(app, name);
        }
    }
    setup_help_command(app);
}

} // namespace peerlog::cli
