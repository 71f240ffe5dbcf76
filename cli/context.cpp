// What every command needs: global options, config, the journal, today, the terminal.
#include "context.hpp"

#include "passphrase_input.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/scrub.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace peerlog::cli {

std::filesystem::path Context::config_path() const {
    return options.config_path.empty() ? default_config_path()
                                       : std::filesystem::path(options.config_path);
}

const Config& Context::config() {
    if (!m_config) {
        if (!options.config_path.empty() && !std::filesystem::exists(options.config_path)) {
            throw Error(ErrorKind::config,
                        fmt::format("the config file {} (from --config or PEERLOG_CONFIG) does "
                                    "not exist.",
                                    options.config_path));
        }
        m_config = load_config(config_path());
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
    use_passphrase_source(journal, options);
    // A forget or purge that could not scrub its deleted records (another program was reading)
    // left a marker: the first command that can finishes the scrub, and says so.
    PendingScrub scrub = finish_pending_scrub(journal);
    if (scrub.state == PendingScrub::State::finished) {
        tell(describe(scrub));
    } else if (scrub.state != PendingScrub::State::none) {
        warn(describe(scrub));
    }
    return journal;
}

Date Context::today() {
    const char* fixed = std::getenv("PEERLOG_TODAY");
    if (fixed && *fixed) {
        std::string text(fixed);
        try {
            if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
                return parse_date(text, local_today(), "PEERLOG_TODAY");
            }
        } catch (const Error&) {
        }
        throw Error(ErrorKind::config,
                    fmt::format("PEERLOG_TODAY='{}' must be a real date as YYYY-MM-DD.", text));
    }
    return local_today();
}

bool Context::declares(std::string_view name) const {
    return subcommand_asked.empty() || subcommand_asked == name;
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

// Messages quote stored and typed text (codes, reasons, recipients): it must never drive the
// terminal, so control characters are shown, not sent.
void Context::tell(const std::string& message) const {
    if (!options.quiet) {
        std::cerr << terminal_safe(message, LineBreaks::keep) << "\n";
    }
}

void Context::warn(const std::string& message) const {
    std::cerr << "peerlog: warning: " << terminal_safe(message, LineBreaks::keep) << "\n";
}

} // namespace peerlog::cli
