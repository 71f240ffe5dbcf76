// Parsing and formatting of dates, times of day, ISO weeks and periods.
#include "peerlog/calendar.hpp"

#include "peerlog/error.hpp"
#include "text_util.hpp"

#include <array>
#include <charconv>
#include <ctime>
#include <fmt/format.h>

namespace peerlog {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::array<std::string_view, 7> k_weekday_names = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

std::optional<int> parse_int(std::string_view text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

bool all_digits(std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

Error bad_date(std::string_view field, std::string_view text, std::string_view why) {
    return Error(ErrorKind::invalid_data,
                 fmt::format("invalid {} '{}': {}. Use YYYY-MM-DD, today, yesterday, tomorrow, "
                             "a weekday name (e.g. monday), or an offset such as -3d or +2w.",
                             field, text, why));
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    auto year = text.substr(0, 4), month = text.substr(5, 2), day = text.substr(8, 2);
    if (!all_digits(year) || !all_digits(month) || !all_digits(day)) {
        return std::nullopt;
    }
    return Date{std::chrono::year{*parse_int(year)},
                std::chrono::month{static_cast<unsigned>(*parse_int(month))},
                std::chrono::day{static_cast<unsigned>(*parse_int(day))}};
}

// "-3d", "+2w": a signed count of days or weeks.
std::optional<int> parse_offset_days(std::string_view text) {
    if (text.size() < 3 || (text[0] != '-' && text[0] != '+')) {
        return std::nullopt;
    }
    char unit = text.back();
    auto count = parse_int(text.substr(1, text.size() - 2));
    if (!count || !all_digits(text.substr(1, text.size() - 2)) || (unit != 'd' && unit != 'w')) {
        return std::nullopt;
    }
    int magnitude = *count * (unit == 'w' ? 7 : 1);
    return text[0] == '-' ? -magnitude : magnitude;
}

std::optional<unsigned> weekday_index(std::string_view name) {
    for (unsigned i = 0; i < k_weekday_names.size(); ++i) {
        auto full = k_weekday_names[i];
        if (name == full || (name.size() == 3 && full.substr(0, 3) == name)) {
            return i;
        }
    }
    return std::nullopt;
}

} // namespace

Date local_today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date{std::chrono::year{local.tm_year + 1900},
                std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)},
                std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

Date parse_date(std::string_view text, Date today, std::string_view field) {
    std::string word = to_lower(trim(text));
    if (word.empty()) {
        throw bad_date(field, text, "it is empty");
    }
    if (word == "today") {
        return today;
    }
    if (word == "yesterday") {
        return add_days(today, -1);
    }
    if (word == "tomorrow") {
        return add_days(today, 1);
    }
    if (auto offset = parse_offset_days(word)) {
        if (*offset < -36500 || *offset > 36500) {
            throw bad_date(field, text, "the offset is more than a hundred years");
        }
        return add_days(today, *offset);
    }
    if (auto index = weekday_index(word)) {
        std::chrono::weekday wanted{*index};
        std::chrono::weekday current{sys_days{today}};
        return add_days(today, -static_cast<int>((current - wanted).count()));
    }
    if (auto date = parse_iso_date(word)) {
        if (!date->ok() || date->year() < std::chrono::year{1900}) {
            throw bad_date(field, text, "no such day in the calendar");
        }
        return *date;
    }
    throw bad_date(field, text, "not a date peerlog understands");
}

std::string format_date(Date date) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

int days_between(Date from, Date to) {
    return static_cast<int>((sys_days{to} - sys_days{from}).count());
}

Date add_days(Date date, int count) {
    return Date{sys_days{date} + days{count}};
}

TimeOfDay parse_time(std::string_view text, std::string_view field) {
    auto trimmed = trim(text);
    auto colon = trimmed.find(':');
    auto fail = [&] {
        return Error(ErrorKind::invalid_data,
                     fmt::format("invalid {} time '{}': use HH:MM on a 24-hour clock, e.g. 09:30 "
                                 "or 17:45.",
                                 field, text));
    };
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || trimmed.size() - colon != 3) {
        throw fail();
    }
    auto hours_text = trimmed.substr(0, colon), minutes_text = trimmed.substr(colon + 1);
    if (!all_digits(hours_text) || !all_digits(minutes_text)) {
        throw fail();
    }
    int hours = *parse_int(hours_text), minutes = *parse_int(minutes_text);
    if (hours > 23 || minutes > 59) {
        throw fail();
    }
    return TimeOfDay{hours * 60 + minutes};
}

std::string format_time(TimeOfDay time) {
    return fmt::format("{:02}:{:02}", time.minutes_since_midnight / 60,
                       time.minutes_since_midnight % 60);
}

IsoWeek iso_week_of(Date date) {
    // The ISO year is the year of this week's Thursday; week 1 holds that year's first Thursday.
    sys_days day{date};
    std::chrono::weekday weekday{day};
    int days_from_monday = static_cast<int>((weekday - std::chrono::Monday).count());
    sys_days thursday = day - days{days_from_monday} + days{3};
    auto iso_year = Date{thursday}.year();
    sys_days first_day{iso_year / std::chrono::January / 1};
    auto week = static_cast<unsigned>((thursday - first_day).count() / 7 + 1);
    return IsoWeek{static_cast<int>(iso_year), week};
}

Date monday_of(IsoWeek week) {
    // January 4th is always in week 1.
    sys_days jan4{std::chrono::year{week.year} / std::chrono::January / 4};
    std::chrono::weekday weekday{jan4};
    sys_days week1_monday = jan4 - days{(weekday - std::chrono::Monday).count()};
    return Date{week1_monday + days{7 * (static_cast<int>(week.week) - 1)}};
}

IsoWeek parse_week(std::string_view text, Date today) {
    std::string word = to_lower(trim(text));
    if (word == "this") {
        return iso_week_of(today);
    }
    if (word == "last") {
        return iso_week_of(add_days(today, -7));
    }
    auto fail = [&](std::string_view why) {
        return Error(ErrorKind::invalid_data,
                     fmt::format("invalid week '{}': {}. Use an ISO week such as 2026-W47, or "
                                 "`this` or `last`.",
                                 text, why));
    };
    if (word.size() < 7 || word.size() > 8 || word[4] != '-' || word[5] != 'w' ||
        !all_digits(word.substr(0, 4)) || !all_digits(word.substr(6))) {
        throw fail("not a week peerlog understands");
    }
    IsoWeek week{*parse_int(word.substr(0, 4)), static_cast<unsigned>(*parse_int(word.substr(6)))};
    // Week 53 exists only in years whose December 28th falls in it.
    unsigned weeks_in_year =
        iso_week_of(Date{std::chrono::year{week.year} / std::chrono::December / 28}).week;
    if (week.year < 1900 || week.week < 1 || week.week > weeks_in_year) {
        throw fail(fmt::format("{} has weeks 1 to {}", week.year, weeks_in_year));
    }
    return week;
}

std::string format_week(IsoWeek week) {
    return fmt::format("{:04}-W{:02}", week.year, week.week);
}

Period period_of_week(IsoWeek week) {
    Date monday = monday_of(week);
    return Period{monday, add_days(monday, 6), week};
}

Period period_between(Date from, Date to) {
    if (to < from) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the period ends ({}) before it starts ({}): swap --from and --to.",
                                format_date(to), format_date(from)));
    }
    Period period{from, to, std::nullopt};
    IsoWeek week = iso_week_of(from);
    if (monday_of(week) == from && days_between(from, to) == 6) {
        period.week = week;
    }
    return period;
}

std::optional<Period> choose_period(const std::string& week, const std::string& from,
                                    const std::string& to, Date today,
                                    std::optional<Period> fallback) {
    if (!week.empty() && (!from.empty() || !to.empty())) {
        throw Error(ErrorKind::usage, "give either --week or --from/--to, not both.");
    }
    if (!week.empty()) {
        return period_of_week(parse_week(week, today));
    }
    if (from.empty() && to.empty()) {
        return fallback;
    }
    Date first = from.empty() ? Date{std::chrono::year{1900} / 1 / 1}
                              : parse_date(from, today, "--from date");
    Date last = to.empty() ? today : parse_date(to, today, "--to date");
    return period_between(first, last);
}

std::string describe(const Period& period) {
    std::string range = fmt::format("{} to {}", format_date(period.from), format_date(period.to));
    return period.week ? fmt::format("{} ({})", format_week(*period.week), range) : range;
}

Period parse_month(std::string_view text, Date today) {
    using namespace std::chrono;
    year_month month = today.year() / today.month();
    if (text == "last") {
        month -= months{1};
    } else if (text != "this") {
        int y = 0;
        unsigned m = 0;
        bool shaped = text.size() == 7 && text[4] == '-';
        auto year_end = text.data() + 4, month_end = text.data() + text.size();
        shaped = shaped && std::from_chars(text.data(), year_end, y).ptr == year_end &&
                 std::from_chars(text.data() + 5, month_end, m).ptr == month_end;
        if (!shaped || m < 1 || m > 12) {
            throw Error(ErrorKind::invalid_data,
                        fmt::format("--month '{}' is not a month: use YYYY-MM (e.g. 2026-11), "
                                    "this or last.",
                                    text));
        }
        month = year{y} / std::chrono::month{m};
    }
    return Period{month / day{1}, month / last, std::nullopt};
}

} // namespace peerlog
