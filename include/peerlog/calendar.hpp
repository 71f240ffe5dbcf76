// Calendar values a person types: dates, times of day, ISO weeks and periods.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace peerlog {

/// A calendar date with no time zone (the specialist's local day).
using Date = std::chrono::year_month_day;

/// Today in the local time zone, from the C library (libstdc++ 12 has no tz database).
Date local_today();

/// Parses YYYY-MM-DD, today, yesterday, tomorrow, a weekday name (the most recent one,
/// today included), or a relative offset -3d / +2w. Throws Error(invalid_data) naming `field`.
Date parse_date(std::string_view text, Date today, std::string_view field = "date");

/// YYYY-MM-DD.
std::string format_date(Date date);

/// Whole days from `from` to `to` (negative when `to` is earlier).
int days_between(Date from, Date to);

/// `date` moved by a number of days.
Date add_days(Date date, int days);

/// A time of day to the minute, 00:00 to 23:59.
struct TimeOfDay {
    int minutes_since_midnight = 0;
    friend bool operator==(const TimeOfDay&, const TimeOfDay&) = default;
    friend auto operator<=>(const TimeOfDay&, const TimeOfDay&) = default;
};

/// Parses HH:MM or H:MM (24-hour clock). Throws Error(invalid_data) naming `field`.
TimeOfDay parse_time(std::string_view text, std::string_view field = "start");

/// HH:MM.
std::string format_time(TimeOfDay time);

/// An ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday.
struct IsoWeek {
    int year = 1970;
    unsigned week = 1;
    friend bool operator==(const IsoWeek&, const IsoWeek&) = default;
};

/// The ISO week a date falls in.
IsoWeek iso_week_of(Date date);

/// The Monday that starts an ISO week.
Date monday_of(IsoWeek week);

/// Parses 2026-W47 (case-insensitive), `this` or `last`. Throws Error(invalid_data).
IsoWeek parse_week(std::string_view text, Date today);

/// 2026-W47.
std::string format_week(IsoWeek week);

/// An inclusive range of days; `week` is set when the range is exactly one ISO week.
struct Period {
    Date from;
    Date to;
    std::optional<IsoWeek> week;

    bool contains(Date date) const { return from <= date && date <= to; }
};

/// The seven days of an ISO week.
Period period_of_week(IsoWeek week);

/// The days of a month named as YYYY-MM, `this` or `last`. Throws Error(invalid_data).
Period parse_month(std::string_view text, Date today);

/// The days from `from` to `to`; throws Error(invalid_data) when `to` is before `from`.
Period period_between(Date from, Date to);

/// The period a command names with --week WEEK or --from DATE / --to DATE (a missing --to is
/// today; a missing --from is the start of the record). With none of them: `fallback`.
/// Throws Error(usage) when --week is combined with --from/--to.
std::optional<Period> choose_period(const std::string& week, const std::string& from,
                                    const std::string& to, Date today,
                                    std::optional<Period> fallback);

/// "2026-W47 (2026-11-16 to 2026-11-22)" or "2026-11-01 to 2026-11-30".
std::string describe(const Period& period);

} // namespace peerlog
