// Reading config.toml with toml++ (the only file that includes it) and printing it back.
#include "peerlog/config.hpp"

#include "peerlog/database_url.hpp"
#include "peerlog/error.hpp"
#include "peerlog/reports.hpp"
#include "toml_mended.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

Error config_error(const fs::path& file, const toml::source_region& where, std::string_view what) {
    return Error(ErrorKind::config, fmt::format("{}:{}:{}: {}", file.string(), where.begin.line,
                                                where.begin.column, what));
}

// Reads one key's value into the config, or throws with the file, line and key.
using KeyReader = std::function<void(const toml::node&, Config&)>;

std::string need_string(const toml::node& node, std::string_view key) {
    if (!node.is_string()) {
        throw std::invalid_argument(fmt::format("'{}' must be a string in quotes", key));
    }
    return std::string(*node.value<std::string>());
}

int need_int(const toml::node& node, std::string_view key, int low, int high) {
    // Only an integer node is asked its value: toml++ 3.3 converts a float such as 3e40 to an
    // integer without checking its range, which is undefined behaviour (found by fuzz_config).
    std::optional<std::int64_t> value;
    if (node.is_integer()) {
        value = node.value<std::int64_t>();
    }
    if (!value || *value < low || *value > high) {
        throw std::invalid_argument(
            fmt::format("'{}' must be a whole number from {} to {}", key, low, high));
    }
    return static_cast<int>(*value);
}

constexpr double k_no_upper_bound = std::numeric_limits<double>::infinity();

// A whole or decimal number from low to high (no upper bound when high is infinite); nan and
// inf are refused: nan would pass every comparison.
double need_number(const toml::node& node, std::string_view key, double low, double high) {
    auto value = node.value<double>();
    if (!value || !std::isfinite(*value) || *value < low || *value > high) {
        throw std::invalid_argument(
            std::isinf(high) ? fmt::format("'{}' must be a number, {} or more", key, low)
                             : fmt::format("'{}' must be a number from {} to {}", key, low, high));
    }
    return *value;
}

fs::path expand_home(const std::string& text, std::string_view key) {
    if (text.starts_with("~/")) {
        const char* home = std::getenv("HOME");
        if (home && *home) {
            return fs::path(home) / text.substr(2);
        }
    }
    if (text.empty() || text.front() != '/') {
        throw std::invalid_argument(
            fmt::format("'{}' must be an absolute path or start with ~/", key));
    }
    return fs::path(text);
}

// A set of enum values as a bit mask, from a TOML array of names.
template <class Parse>
unsigned need_name_set(const toml::node& node, std::string_view key, Parse parse) {
    const toml::array* names = node.as_array();
    if (!names) {
        throw std::invalid_argument(fmt::format("'{}' must be a list such as [\"a\", \"b\"]", key));
    }
    unsigned mask = 0;
    for (const auto& name : *names) {
        mask |= 1u << static_cast<unsigned>(parse(need_string(name, key)));
    }
    return mask;
}

void read_severities(const toml::node& node, Config& config) {
    const toml::table* table = node.as_table();
    if (!table) {
        throw std::invalid_argument("[boundaries.severity] must be a table of rule = \"warn\" | "
                                    "\"block\" | \"off\"");
    }
    for (const auto& [rule, severity] : *table) {
        auto index = static_cast<std::size_t>(parse_boundary_rule(rule.str()));
        config.boundaries.severities[index] =
            parse_severity(need_string(severity, "boundaries.severity"));
    }
}

// Every key peerlog knows, by "section.key".
const std::map<std::string, KeyReader, std::less<>>& key_readers() {
    static const std::map<std::string, KeyReader, std::less<>> readers = {
        {"journal.path",
         [](const toml::node& n, Config& c) {
             c.journal_path = expand_home(need_string(n, "journal.path"), "journal.path");
         }},
        {"journal.busy_timeout_ms",
         [](const toml::node& n, Config& c) {
             c.busy_timeout_ms = need_int(n, "journal.busy_timeout_ms", 0, 600000);
         }},
        {"specialist.name",
         [](const toml::node& n, Config& c) {
             c.specialist_name = need_string(n, "specialist.name");
         }},
        {"session.default_modality",
         [](const toml::node& n, Config& c) {
             c.default_modality = parse_modality(need_string(n, "session.default_modality"));
         }},
        {"session.default_setting",
         [](const toml::node& n, Config& c) {
             c.default_setting = parse_setting(need_string(n, "session.default_setting"));
         }},
        {"certification.profile",
         [](const toml::node& n, Config& c) {
             std::string profile = need_string(n, "certification.profile");
             bool known = profile == "custom" || profile.empty();
             std::vector<std::string> keys;
             for (const auto& builtin : builtin_certification_profiles()) {
                 known = known || builtin.key == profile;
                 keys.push_back(builtin.key);
             }
             if (!known) {
                 throw std::invalid_argument(
                     fmt::format("'certification.profile' is '{}': use {} or custom", profile,
                                 fmt::join(keys, ", ")));
             }
             c.certification_profile = profile;
         }},
        {"certification.start",
         [](const toml::node& n, Config& c) {
             std::string start = need_string(n, "certification.start");
             c.certification_start =
                 start.empty()
                     ? std::nullopt
                     : std::optional<Date>(parse_date(start, Date{}, "certification.start"));
         }},
        {"certification.work_hours",
         [](const toml::node& n, Config& c) {
             c.certification_work_hours = need_int(n, "certification.work_hours", 0, 100000);
         }},
        {"certification.supervision_hours",
         [](const toml::node& n, Config& c) {
             c.certification_supervision_hours =
                 need_int(n, "certification.supervision_hours", 0, 100000);
         }},
        {"supervision.monthly_hours",
         [](const toml::node& n, Config& c) {
             c.supervision_monthly_hours = need_number(n, "supervision.monthly_hours", 0, 744);
         }},
        {"supervision.monthly_sessions",
         [](const toml::node& n, Config& c) {
             c.supervision_monthly_sessions = need_int(n, "supervision.monthly_sessions", 0, 100);
         }},
        {"report.inactive_days",
         [](const toml::node& n, Config& c) {
             c.inactive_days = need_int(n, "report.inactive_days", 1, 3650);
         }},
        {"boundaries.contact_hours",
         [](const toml::node& n, Config& c) {
             auto [from, until] = parse_contact_hours(need_string(n, "boundaries.contact_hours"));
             c.boundaries.contact_from = from;
             c.boundaries.contact_until = until;
         }},
        {"boundaries.max_session_minutes",
         [](const toml::node& n, Config& c) {
             c.boundaries.max_session_minutes =
                 need_int(n, "boundaries.max_session_minutes", 1, 1440);
         }},
        {"boundaries.max_contacts_per_week",
         [](const toml::node& n, Config& c) {
             c.boundaries.max_contacts_per_week =
                 need_int(n, "boundaries.max_contacts_per_week", 1, 1000);
         }},
        {"boundaries.gift_limit",
         [](const toml::node& n, Config& c) {
             c.boundaries.gift_limit = need_number(n, "boundaries.gift_limit", 0, k_no_upper_bound);
         }},
        {"boundaries.allowed_modalities",
         [](const toml::node& n, Config& c) {
             c.boundaries.allowed_modalities =
                 need_name_set(n, "boundaries.allowed_modalities", parse_modality);
         }},
        {"boundaries.allowed_settings",
         [](const toml::node& n, Config& c) {
             c.boundaries.allowed_settings =
                 need_name_set(n, "boundaries.allowed_settings", parse_setting);
         }},
        {"boundaries.severity", read_severities},
        {"privacy.suppress_below",
         [](const toml::node& n, Config& c) {
             c.suppress_below = need_int(n, "privacy.suppress_below", 2, 1000);
         }},
        {"privacy.retention_years",
         [](const toml::node& n, Config& c) {
             c.retention_years = need_int(n, "privacy.retention_years", 1, 100);
         }},
        {"privacy.disclosure_retention_years",
         [](const toml::node& n, Config& c) {
             c.disclosure_retention_years =
                 need_int(n, "privacy.disclosure_retention_years", 1, 100);
         }},
        {"privacy.redisclosure_notice",
         [](const toml::node& n, Config& c) {
             c.redisclosure_notice = need_string(n, "privacy.redisclosure_notice");
         }},
        {"import.date_format",
         [](const toml::node& n, Config& c) {
             c.import_date_format = parse_import_date_format(need_string(n, "import.date_format"));
         }},
        {"team.database",
         [](const toml::node& n, Config& c) {
             c.team_database = need_string(n, "team.database");
             // No password in a file of settings: refused here when it may hold one, so no
             // command runs with it; libpq is loaded to read the URL in full only where it
             // is used (check_team_database), not by every command.
             if (may_hold_password(c.team_database)) {
                 check_database_url(c.team_database);
             }
         }},
    };
    return readers;
}

void read_section(const fs::path& file, std::string_view section, const toml::table& table,
                  Config& config) {
    for (const auto& [key, node] : table) {
        std::string name = fmt::format("{}.{}", section, key.str());
        auto reader = key_readers().find(name);
        if (reader == key_readers().end()) {
            throw config_error(file, key.source(),
                               fmt::format("unknown key '{}'. See `man 5 peerlog-config` or "
                                           "`peerlog config show` for the keys peerlog knows.",
                                           name));
        }
        try {
            reader->second(node, config);
        } catch (const std::invalid_argument& bad) {
            throw config_error(file, node.source(), fmt::format("bad value: {}", bad.what()));
        } catch (const Error& bad) {
            throw config_error(file, node.source(),
                               fmt::format("bad value for '{}': {}", name, bad.what()));
        }
    }
}

// " (key 'name')" for the key assigned on `line` of the file's text, or "" when there is none.
std::string key_on_line(std::string_view text, std::size_t line) {
    std::istringstream in{std::string(text)};
    std::string line_text;
    for (std::size_t number = 1; number <= line && std::getline(in, line_text); ++number) {
    }
    auto equals = line_text.find('=');
    if (equals == std::string::npos) {
        return "";
    }
    std::string key = line_text.substr(0, equals);
    key.erase(0, key.find_first_not_of(" \t"));
    key.erase(key.find_last_not_of(" \t") + 1);
    return key.empty() ? "" : fmt::format(" (key '{}')", key);
}

// A custom profile needs its hours; a built-in one takes its published figures.
void check_certification(const fs::path& file, const Config& config) {
    if (config.certification_profile == "custom" && config.certification_work_hours == 0) {
        throw Error(ErrorKind::config,
                    fmt::format("{}: [certification] profile = \"custom\" needs work_hours (and "
                                "supervision_hours) set.",
                                file.string()));
    }
}

} // namespace

std::optional<CertificationProfile> certification_target(const Config& config) {
    if (config.certification_profile == "custom") {
        return CertificationProfile{"custom", "custom target", config.certification_work_hours,
                                    config.certification_supervision_hours};
    }
    for (const auto& builtin : builtin_certification_profiles()) {
        if (builtin.key == config.certification_profile) {
            return builtin;
        }
    }
    return std::nullopt;
}

fs::path default_config_path() {
    const char* config_home = std::getenv("XDG_CONFIG_HOME");
    if (config_home && *config_home == '/') {
        return fs::path(config_home) / "peerlog" / "config.toml";
    }
    const char* home = std::getenv("HOME");
    if (!home || !*home) {
        throw Error(ErrorKind::config, "neither XDG_CONFIG_HOME nor HOME is set: use --config "
                                       "PATH or set HOME.");
    }
    return fs::path(home) / ".config" / "peerlog" / "config.toml";
}

// Larger than any config file: a path to something else (a log, a device) is refused, not
// read without end.
constexpr std::size_t k_max_config_bytes = 1 << 20;

// The whole file: toml++ reads it from memory. A directory is refused
// rather than read as an empty file.
std::string read_config_text(const fs::path& path) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
        throw Error(ErrorKind::config,
                    fmt::format("{}: is a directory, not a config file.", path.string()));
    }
    std::ifstream in(path, std::ios::binary);
    std::string text;
    char chunk[16384];
    while (in && text.size() <= k_max_config_bytes) {
        in.read(chunk, sizeof chunk);
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad() || (!in.is_open())) {
        throw Error(ErrorKind::config,
                    fmt::format("{}: cannot be read: {}", path.string(), std::strerror(errno)));
    }
    if (text.size() > k_max_config_bytes) {
        throw Error(ErrorKind::config,
                    fmt::format("{}: larger than {} MiB, so not a peerlog config file.",
                                path.string(), k_max_config_bytes >> 20));
    }
    return text;
}

Config load_config(const fs::path& path) {
    Config config;
    config.source = path;
    std::error_code error;
    if (!fs::exists(path, error)) {
        return config;
    }
    config.file_found = true;
    toml::table root;
    // Read once: the error below quotes the text, which a pipe could not give twice.
    const std::string text = read_config_text(path);
    try {
        root = toml::parse(text, path.string());
    } catch (const toml::parse_error& bad) {
        throw config_error(path, bad.source(),
                           std::string(bad.description()) +
                               key_on_line(text, bad.source().begin.line));
    }
    for (const auto& [section, node] : root) {
        const toml::table* table = node.as_table();
        bool known = false;
        for (const auto& [name, reader] : key_readers()) {
            known = known || name.starts_with(fmt::format("{}.", section.str()));
        }
        if (!table || !known) {
            throw config_error(path, section.source(),
                               fmt::format("unknown section '{}': peerlog reads [journal], "
                                           "[specialist], [session], [report], [boundaries], "
                                           "[privacy], [import], [certification], "
                                           "[supervision] and [team].",
                                           section.str()));
        }
        read_section(path, section.str(), *table, config);
    }
    check_certification(path, config);
    return config;
}

std::string_view default_redisclosure_notice() {
    return "This record which has been disclosed to you is protected by federal confidentiality "
           "rules (42 CFR part 2). The federal rules prohibit you from making any further "
           "disclosure of this record unless further disclosure is expressly permitted by the "
           "written consent of the individual whose information is being disclosed in this "
           "record or, is otherwise permitted by 42 CFR part 2. A general authorization for the "
           "release of medical or other information is NOT sufficient for this purpose (see "
           "\u00a72.31). The federal rules restrict any use of the information to investigate or "
           "prosecute with regard to a crime any patient with a substance use disorder, except "
           "as provided at \u00a7\u00a72.12(c)(5) and 2.65.";
}

namespace {

template <class Enum, std::size_t N>
toml::array names_in(unsigned mask, const std::array<Enum, N>& all) {
    toml::array names;
    for (auto value : all) {
        if ((mask >> static_cast<unsigned>(value)) & 1u) {
            names.push_back(std::string(to_string(value)));
        }
    }
    return names;
}

toml::table boundaries_table(const BoundaryPolicy& policy) {
    toml::table severity;
    for (auto rule : k_boundary_rules) {
        severity.insert(std::string(to_string(rule)),
                        std::string(to_string(policy.severity_of(rule))));
    }
    constexpr std::array<Setting, 5> k_settings = {Setting::office, Setting::community,
                                                   Setting::home, Setting::treatment_centre,
                                                   Setting::other};
    std::string until = policy.contact_until.minutes_since_midnight == 24 * 60
                            ? "24:00"
                            : format_time(policy.contact_until);
    return toml::table{
        {"contact_hours", fmt::format("{}-{}", format_time(policy.contact_from), until)},
        {"max_session_minutes", policy.max_session_minutes},
        {"max_contacts_per_week", policy.max_contacts_per_week},
        {"gift_limit", policy.gift_limit},
        {"allowed_modalities", names_in(policy.allowed_modalities, k_modalities)},
        {"allowed_settings", names_in(policy.allowed_settings, k_settings)},
        {"severity", severity},
    };
}

} // namespace

std::string render_config(const Config& config) {
    toml::table journal{{"busy_timeout_ms", config.busy_timeout_ms}};
    if (config.journal_path) {
        journal.insert("path", config.journal_path->string());
    }
    toml::table root{
        {"journal", journal},
        {"specialist", toml::table{{"name", config.specialist_name}}},
        {"session",
         toml::table{{"default_modality", std::string(to_string(config.default_modality))},
                     {"default_setting", std::string(to_string(config.default_setting))}}},
        {"report", toml::table{{"inactive_days", config.inactive_days}}},
        {"boundaries", boundaries_table(config.boundaries)},
        {"privacy", toml::table{{"suppress_below", config.suppress_below},
                                {"retention_years", config.retention_years},
                                {"disclosure_retention_years", config.disclosure_retention_years},
                                {"redisclosure_notice", config.redisclosure_notice}}},
        {"import", toml::table{{"date_format", std::string(to_string(config.import_date_format))}}},
        {"certification",
         toml::table{{"profile", config.certification_profile},
                     {"start", config.certification_start ? format_date(*config.certification_start)
                                                          : std::string()},
                     {"work_hours", config.certification_work_hours},
                     {"supervision_hours", config.certification_supervision_hours}}},
        {"supervision", toml::table{{"monthly_hours", config.supervision_monthly_hours},
                                    {"monthly_sessions", config.supervision_monthly_sessions}}},
        {"team", toml::table{{"database", config.team_database}}},
    };
    std::ostringstream text;
    text << fmt::format("# effective settings; file: {} ({})\n", config.source.string(),
                        config.file_found ? "read" : "not found, defaults used");
    if (!config.journal_path) {
        text << "# journal.path is unset: the journal is $XDG_DATA_HOME/peerlog/journal.db "
                "unless --journal or PEERLOG_JOURNAL says otherwise\n";
    }
    if (config.redisclosure_notice.empty()) {
        text << "# privacy.redisclosure_notice is empty: identified exports carry the notice of "
                "42 CFR 2.32(a)(1)\n";
    }
    text << root << "\n";
    return text.str();
}

} // namespace peerlog
