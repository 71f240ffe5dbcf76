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

/// Which way a form that names no year leans (a weekday, `nov 3`): a date that records what
/// happened wants the past, one that plans (a follow-up, a target, an expiry) the future.
enum class DatePreference {
    past,   ///< the most recent such day, today included
    future, ///< the next such day: a weekday after today, a month and day from today on
};

/// Parses the date forms a person types (case-insensitive; see peerlog(1), DATES):
/// YYYY-MM-DD; YYYY-MM (the first of that month); today, yesterday, tomorrow; a weekday name;
/// `last monday` / `next monday` (the Monday of last / next ISO week); an offset -3d / +2w;
/// `3 days ago`,
/// `2 weeks ago`, `1 month ago`; a month name and a day in either order with an optional year
/// (`nov 3`, `3 nov`, `november 3 2026`). A weekday or a month and day without a year is the
/// most recent such day, today included (DatePreference::past), or the next one (future: a
/// weekday after today, a month and day from today on).
/// Throws Error(invalid_data) naming `field`.
Date parse_date(std::string_view text, Date today, std::string_view field = "date",
                DatePreference prefer = DatePreference::past);

/// As parse_date, but an offset (+1w, in 2 weeks, 3 days ago) counts from `from` instead of
/// today: a session's follow-up `+1w` is a week after the session, whenever it is logged.
Date parse_date_from(std::string_view text, Date from, Date today, std::string_view field,
                     DatePreference prefer);

/// Parses a month: YYYY-MM; `this month` (or `this`); `last month` (or `last`); a month name,
/// optionally with a year (`nov`, `november 2026`); a bare name means the most recent such
/// month, this one included. Throws Error(invalid_data).
std::chrono::year_month parse_month(std::string_view text, Date today);

/// True when `text` names a whole month (YYYY-MM), so `--to 2026-11` can mean its last day.
bool is_month_text(std::string_view text);

/// YYYY-MM-DD.
std::string format_date(Date date);

/// Whole days from `from` to `to` (negative when `to` is earlier).
int days_between(Date from, Date to);

/// `date` moved by a number of days.
Date add_days(Date date, int days);

/// The same day `years` calendar years before `date`; February 29 becomes February 28.
Date years_before(Date date, int years);

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

/// Every day of a calendar month.
Period period_of_month(std::chrono::year_month month);

/// The days from `from` to `to`; throws Error(invalid_data) when `to` is before `from`.
Period period_between(Date from, Date to);

/// The period a command names with --week WEEK or --from DATE / --to DATE (a missing --to is
/// today; a missing --from is the start of the record). With none of them: `fallback`.
/// Throws Error(usage) when --week is combined with --from/--to.
std::optional<Period> choose_period(const std::string& week, const std::string& from,
                                    const std::string& to, Date today,
                                    std::optional<Period> fallback);

/// The texts of the period flags a command was given (--week, --month, --from, --to).
struct PeriodText {
    std::string week;
    std::string month;
    std::string from;
    std::string to;
};

/// As above, with --month MONTH too (the whole month, see parse_month). `--to` given as
/// YYYY-MM means that month's last day. Throws Error(usage) when --week, --month and
/// --from/--to are mixed.
std::optional<Period> choose_period(const PeriodText& text, Date today,
                                    std::optional<Period> fallback);

/// "2026-W47 (2026-11-16 to 2026-11-22)", "2026-11 (2026-11-01 to 2026-11-30)" or
/// "2026-11-03 to 2026-11-20".
std::string describe(const Period& period);

} // namespace peerlog
