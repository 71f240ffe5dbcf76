// What every command needs: global options, config, the journal, today, the terminal.
#include "context.hpp"

#include "peerlog/error.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace peerlog::cli {

const Config& Context::config() {
    if (!m_config) {
        m_config =
            load_config(options.config_path.empty() ? default_config_path()
                                                    : std::filesystem::path(options.config_path));
    }
    return *m_config;
}

std::filesystem::path Context::journal_path() {
    if (!options.journal_path.empty()) {
        return options.journal_path;
    }
    return config().journal_path.value_or(default_journal_path());
}

Journal Context::open_journal(OpenMode mode) {
    Journal journal = Journal::open(journal_path(), mode, config().busy_timeout_ms);
    if (auto warning = journal.permission_warning()) {
        warn(*warning);
    }
    return journal;
}

Date Context::today() {
    const char* fixed = std::getenv("PEERLOG_TODAY");
    if (fixed && *fixed) {
        std::string text(fixed);
        if (text.size() != 10 || text[4] != '-') {
            throw Error(ErrorKind::config,
                        fmt::format("PEERLOG_TODAY='{}' must be a date as YYYY-MM-DD.", text));
        }
        return parse_date(text, local_today(), "PEERLOG_TODAY");
    }
    return local_today();
}

RenderStyle Context::stdout_style() const {
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    bool dumb = term && std::string_view(term) == "dumb";
    return RenderStyle{::isatty(STDOUT_FILENO) == 1 && !(no_color && *no_color) && !dumb};
}

bool Context::interactive() const {
    return ::isatty(STDIN_FILENO) == 1 && ::isatty(STDOUT_FILENO) == 1;
}

void Context::tell(const std::string& message) const {
    if (!options.quiet) {
        std::cerr << message << "\n";
    }
}

void Context::warn(const std::string& message) const {
    std::cerr << "peerlog: warning: " << message << "\n";
}

} // namespace peerlog::cli
