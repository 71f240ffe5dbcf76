// Reading config.toml with toml++ (the only file that includes it) and printing it back.
#include "peerlog/config.hpp"

#include "peerlog/error.hpp"
#include "peerlog/reports.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <sstream>
#include <toml++/toml.h>

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
    auto value = node.value<std::int64_t>();
    if (!node.is_integer() || !value || *value < low || *value > high) {
        throw std::invalid_argument(
            fmt::format("'{}' must be a whole number from {} to {}", key, low, high));
    }
    return static_cast<int>(*value);
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
             for (const auto& builtin : builtin_certification_profiles()) {
                 known = known || builtin.key == profile;
             }
             if (!known) {
                 throw std::invalid_argument(fmt::format(
                     "'certification.profile' is '{}': use florida-crps or custom", profile));
             }
             c.certification_profile = profile;
         }},
        {"certification.start",
         [](const toml::node& n, Config& c) {
             c.certification_start =
                 parse_date(need_string(n, "certification.start"), Date{}, "certification.start");
         }},
        {"certification.work_hours",
         [](const toml::node& n, Config& c) {
             c.certification_work_hours = need_int(n, "certification.work_hours", 1, 100000);
         }},
        {"certification.supervision_hours",
         [](const toml::node& n, Config& c) {
             c.certification_supervision_hours =
                 need_int(n, "certification.supervision_hours", 0, 100000);
         }},
        {"supervision.monthly_hours",
         [](const toml::node& n, Config& c) {
             auto value = n.value<double>();
             if (!value || *value < 0 || *value > 744) {
                 throw std::invalid_argument(
                     "'supervision.monthly_hours' must be a number of hours from 0 to 744");
             }
             c.supervision_monthly_hours = *value;
         }},
        {"supervision.monthly_sessions",
         [](const toml::node& n, Config& c) {
             c.supervision_monthly_sessions = need_int(n, "supervision.monthly_sessions", 0, 100);
         }},
        {"report.inactive_days",
         [](const toml::node& n, Config& c) {
             c.inactive_days = need_int(n, "report.inactive_days", 1, 3650);
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

Config load_config(const fs::path& path) {
    Config config;
    config.source = path;
    std::error_code error;
    if (!fs::exists(path, error)) {
        return config;
    }
    config.file_found = true;
    toml::table root;
    try {
        root = toml::parse_file(path.string());
    } catch (const toml::parse_error& bad) {
        throw config_error(path, bad.source(), std::string(bad.description()));
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
                                           "[specialist], [session], [report], [certification] and "
                                           "[supervision].",
                                           section.str()));
        }
        read_section(path, section.str(), *table, config);
    }
    check_certification(path, config);
    return config;
}

std::string render_config(const Config& config) {
    toml::table root{
        {"journal", toml::table{{"path", config.journal_path ? config.journal_path->string() : ""},
                                {"busy_timeout_ms", config.busy_timeout_ms}}},
        {"specialist", toml::table{{"name", config.specialist_name}}},
        {"session",
         toml::table{{"default_modality", std::string(to_string(config.default_modality))},
                     {"default_setting", std::string(to_string(config.default_setting))}}},
        {"report", toml::table{{"inactive_days", config.inactive_days}}},
        {"certification",
         toml::table{{"profile", config.certification_profile},
                     {"start", config.certification_start ? format_date(*config.certification_start)
                                                          : std::string()},
                     {"work_hours", config.certification_work_hours},
                     {"supervision_hours", config.certification_supervision_hours}}},
        {"supervision", toml::table{{"monthly_hours", config.supervision_monthly_hours},
                                    {"monthly_sessions", config.supervision_monthly_sessions}}},
    };
    std::ostringstream text;
    text << fmt::format("# effective settings; file: {} ({})\n", config.source.string(),
                        config.file_found ? "read" : "not found, defaults used");
    if (!config.journal_path) {
        text << "# journal.path is empty: the journal is "
             << "$XDG_DATA_HOME/peerlog/journal.db"
             << " unless --journal or PEERLOG_JOURNAL says otherwise\n";
    }
    text << root << "\n";
    return text.str();
}

} // namespace peerlog
