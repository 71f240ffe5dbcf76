// The --week / --from / --to flags shared by listings, the export and the reports.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/error.hpp"

#include <CLI/CLI.hpp>
#include <string>

namespace peerlog::cli {

struct PeriodOptions {
    std::string month; ///< only where add_month_option declared it
    std::string week;
    std::string from;
    std::string to;
};

/// Declares --week, --from and --to on `command`; `week_help` says what the default is.
inline void add_period_options(CLI::App* command, PeriodOptions& period,
                               const std::string& week_help) {
    command->add_option("--week", period.week, week_help)->type_name("WEEK");
    command->add_option("--from", period.from, "First day of the period")->type_name("DATE");
    command->add_option("--to", period.to, "Last day of the period (default: today)")
        ->type_name("DATE");
}

/// Declares --month on a command that also has the period options.
inline void add_month_option(CLI::App* command, PeriodOptions& period) {
    command->add_option("--month", period.month, "A calendar month: 2026-11, this or last")
        ->type_name("MONTH");
}

/// The period the options name: --month, else --week / --from / --to, else `fallback`.
inline std::optional<Period> period_from_options(const PeriodOptions& period, Date today,
                                                 std::optional<Period> fallback) {
    if (!period.month.empty()) {
        if (!period.week.empty() || !period.from.empty() || !period.to.empty()) {
            throw Error(ErrorKind::usage,
                        "give either --month or --week or --from/--to, not several.");
        }
        return parse_month(period.month, today);
    }
    return choose_period(period.week, period.from, period.to, today, fallback);
}

} // namespace peerlog::cli
