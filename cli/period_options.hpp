// The --week / --month / --from / --to flags shared by listings, the export and the reports.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/config.hpp"
#include "peerlog/error.hpp"
#include "peerlog/suppression.hpp"

#include <CLI/CLI.hpp>
#include <string>

namespace peerlog::cli {

using PeriodOptions = PeriodText;

/// Declares --week, --month, --from and --to on `command`; `week_help` says what the default
/// is.
inline void add_period_options(CLI::App* command, PeriodOptions& period,
                               const std::string& week_help) {
    command->add_option("--week", period.week, week_help)->type_name("WEEK");
    command
        ->add_option("--month", period.month,
                     "A whole month: 2026-11, nov, november 2026, this or last")
        ->type_name("MONTH");
    command->add_option("--from", period.from, "First day of the period")->type_name("DATE");
    command
        ->add_option("--to", period.to,
                     "Last day of the period (default: today; YYYY-MM is that month's last day)")
        ->type_name("DATE");
}

/// The period a report or export covers: the flags given, or last week.
inline Period period_or_last_week(const PeriodOptions& period, Date today) {
    return *choose_period(period, today, period_of_week(parse_week("last", today)));
}

/// Declares --suppress-below [N] (small-cell suppression; N defaults to privacy.suppress_below).
inline CLI::Option* add_suppress_option(CLI::App* command, std::string& below) {
    return command
        ->add_option("--suppress-below", below,
                     "Show counts from 1 to N-1 as <N, for figures shared beyond the supervisor "
                     "(default N: privacy.suppress_below, 11)")
        ->expected(0, 1)
        ->type_name("[N]");
}

/// The suppression threshold asked for, if any. Throws Error(usage) for one that is not a whole
/// number of 2 or more.
inline std::optional<int> suppression_threshold(const CLI::Option* option, const std::string& below,
                                                const Config& config) {
    if (!option || option->count() == 0) {
        return std::nullopt;
    }
    if (below.empty()) {
        return config.suppress_below;
    }
    int threshold = 0;
    try {
        threshold = std::stoi(below);
    } catch (const std::exception&) {
        throw Error(ErrorKind::usage, "--suppress-below takes a whole number, e.g. 11.");
    }
    check_suppression_threshold(threshold); // refused before anything is read or recorded
    return threshold;
}

} // namespace peerlog::cli
