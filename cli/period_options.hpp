// The --week / --month / --from / --to flags shared by listings, the export and the reports.
#pragma once

#include "peerlog/calendar.hpp"

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
    return *choose_period(period.week, period.from, period.to, today,
                          period_of_week(parse_week("last", today)));
}

} // namespace peerlog::cli
