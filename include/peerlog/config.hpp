// User settings from config.toml; every setting has a default, so no file is needed.
#pragma once

#include "peerlog/import.hpp"
#include "peerlog/reports.hpp"
#include "peerlog/rules.hpp"
#include "peerlog/session.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace peerlog {

/// The effective settings. Field comments name the TOML key.
struct Config {
    std::filesystem::path source; ///< the file these came from
    bool file_found = false;      ///< false when the file does not exist (all defaults)

    std::optional<std::filesystem::path> journal_path; ///< journal.path
    int busy_timeout_ms = 5000;                        ///< journal.busy_timeout_ms
    std::string specialist_name;                       ///< specialist.name, put in exports
    Modality default_modality = Modality::in_person;   ///< session.default_modality
    Setting default_setting = Setting::office;         ///< session.default_setting
    int inactive_days = 30;                            ///< report.inactive_days
    BoundaryPolicy boundaries;                         ///< [boundaries], [boundaries.severity]
    int suppress_below = 11; ///< privacy.suppress_below (CMS small-cell policy)
    int retention_years = 6; ///< privacy.retention_years (HIPAA keeps 6 years)
    /// privacy.disclosure_retention_years: how long the accounting of disclosures outlives
    /// forget and purge (HIPAA 45 CFR 164.528: six years)
    int disclosure_retention_years = 6;
    std::string redisclosure_notice; ///< privacy.redisclosure_notice; empty: 42 CFR 2.32(a)(1)
    ImportDateFormat import_date_format = ImportDateFormat::iso; ///< import.date_format
    std::string certification_profile;       ///< certification.profile: florida-crps, custom or ""
    std::optional<Date> certification_start; ///< certification.start
    int certification_work_hours = 0;        ///< certification.work_hours (custom profile)
    int certification_supervision_hours = 0; ///< certification.supervision_hours (custom)
    double supervision_monthly_hours = 0;    ///< supervision.monthly_hours expected
    int supervision_monthly_sessions = 0;    ///< supervision.monthly_sessions expected
    std::string team_database; ///< team.database: the team database's URL (no password)
};

/// The notice that accompanies every identified disclosure (42 CFR 2.32(a)(1), 2020 text).
std::string_view default_redisclosure_notice();

/// $XDG_CONFIG_HOME/peerlog/config.toml, or ~/.config/peerlog/config.toml when it is unset.
std::filesystem::path default_config_path();

/// Reads `path`; a missing file gives the defaults. Throws Error(config) naming the file, line
/// and key for a syntax error, an unknown key or a bad value.
Config load_config(const std::filesystem::path& path);

/// The certification target the config names (a built-in profile, or custom with its hours).
std::optional<CertificationProfile> certification_target(const Config& config);

/// The effective settings as TOML, defaults included (what `peerlog config show` prints).
std::string render_config(const Config& config);

} // namespace peerlog
