// The command groups: each declares its subcommands and flags on the app and runs them.
#pragma once

#include "context.hpp"

#include <CLI/CLI.hpp>

namespace peerlog::cli {

void setup_init_command(CLI::App& app, Context& context);
void setup_peer_commands(CLI::App& app, Context& context);
void setup_session_commands(CLI::App& app, Context& context);
void setup_group_commands(CLI::App& app, Context& context);
void setup_goal_commands(CLI::App& app, Context& context);
/// `resource` and `referral`.
void setup_referral_commands_all(CLI::App& app, Context& context);
void setup_assess_commands(CLI::App& app, Context& context);
void setup_supervision_commands(CLI::App& app, Context& context);
void setup_checkin_commands(CLI::App& app, Context& context);
void setup_export_command(CLI::App& app, Context& context);
void setup_report_commands(CLI::App& app, Context& context);
/// `team load`.
void setup_team_commands(CLI::App& app, Context& context);
void setup_config_commands(CLI::App& app, Context& context);
void setup_consent_commands(CLI::App& app, Context& context);
/// `edit` and `rm` of goals, referrals, assessments, supervision, check-ins, resources and
/// groups, and `consent rm`, on those of the command groups already set up.
void setup_correction_commands(CLI::App& app, Context& context);
void setup_audit_commands(CLI::App& app, Context& context);
void setup_purge_command(CLI::App& app, Context& context);
void setup_backup_command(CLI::App& app, Context& context);
void setup_passphrase_commands(CLI::App& app, Context& context);
void setup_encrypt_command(CLI::App& app, Context& context);
void setup_draft_commands(CLI::App& app, Context& context);
void setup_import_commands(CLI::App& app, Context& context);
void setup_completion_commands(CLI::App& app, Context& context);
void setup_help_command(CLI::App& app);

} // namespace peerlog::cli
