// Parsing and formatting of dates, times of day, ISO weeks and periods.
#include "peerlog/calendar.hpp"

#include "peerlog/error.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>
#include <fmt/format.h>
#include <vector>

namespace peerlog {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::array<std::string_view, 7> k_weekday_names = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

// The journal stores dates as YYYY-MM-DD text, so every date peerlog accepts has a 4-digit
// year; one past 9999 would be stored and then refused on reading as not a date.
constexpr Date k_first_day{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}};
constexpr Date k_last_day{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}};

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

Error bad_date(std::string_view field, std::string_view text, std::string_view why,
               DatePreference prefer) {
    std::string_view forms =
        prefer == DatePreference::past
            ? "YYYY-MM-DD, YYYY-MM, today, yesterday, a weekday (monday, last monday), an offset "
              "(-3d, -2w, -6m, -1y, 3 days ago, 1 year ago) or a month and day (nov 3, 3 nov)"
            : "YYYY-MM-DD, tomorrow, a weekday (friday, next monday), an offset (+3d, +2w, +6m, "
              "+1y, in 6 months) or a month and day (dec 5, 5 dec)";
    return Error(ErrorKind::invalid_data,
                 fmt::format("invalid {} '{}': {}. Use {}.", field, text, why, forms));
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

std::optional<unsigned> weekday_index(std::string_view name) {
    for (unsigned i = 0; i < k_weekday_names.size(); ++i) {
        auto full = k_weekday_names[i];
        if (name == full || (name.size() == 3 && full.substr(0, 3) == name)) {
            return i;
        }
    }
    return std::nullopt;
}

constexpr std::array<std::string_view, 12> k_month_names = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// "nov", "november", "sept": a full name or its first three letters (and "sept").
std::optional<std::chrono::month> month_by_name(std::string_view name) {
    for (unsigned i = 0; i < k_month_names.size(); ++i) {
        auto full = k_month_names[i];
        if (name == full || (name.size() == 3 && full.substr(0, 3) == name) ||
            (i == 8 && name == "sept")) {
            return std::chrono::month{i + 1};
        }
    }
    return std::nullopt;
}

// "2026-11": a year and a month.
std::optional<std::chrono::year_month> parse_year_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-' || !all_digits(text.substr(0, 4)) ||
        !all_digits(text.substr(5))) {
        return std::nullopt;
    }
    std::chrono::year_month month{
        std::chrono::year{*parse_int(text.substr(0, 4))},
        std::chrono::month{static_cast<unsigned>(*parse_int(text.substr(5)))}};
    return month;
}

// Words separated by spaces or commas: "Nov 3, 2026" -> {"nov", "3", "2026"}.
std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text) {
        if (c == ' ' || c == ',' || c == '\t') {
            if (!word.empty()) {
                words.push_back(word);
            }
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) {
        words.push_back(word);
    }
    return words;
}

// "3", "03", "3rd": a day of the month, 1 to 31.
std::optional<unsigned> day_number(std::string_view word) {
    for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
        if (word.size() > 2 && word.ends_with(suffix)) {
            word.remove_suffix(2);
            break;
        }
    }
    if (word.empty() || word.size() > 2 || !all_digits(word)) {
        return std::nullopt;
    }
    int day = *parse_int(word);
    return day >= 1 && day <= 31 ? std::optional<unsigned>(static_cast<unsigned>(day))
                                 : std::nullopt;
}

std::optional<int> year_number(std::string_view word) {
    return word.size() == 4 && all_digits(word) ? parse_int(word) : std::nullopt;
}

// The year whose `month`/`day` is nearest `today` on the side `prefer` leans to, today
// included; an invalid date when there is none within eight years (e.g. Feb 30th).
Date nearest(std::chrono::month month, std::chrono::day day, Date today, DatePreference prefer) {
    Date candidate{today.year(), month, day};
    bool wrong_side = prefer == DatePreference::past ? sys_days{candidate} > sys_days{today}
                                                     : sys_days{candidate} < sys_days{today};
    if (wrong_side || !candidate.ok()) {
        // Feb 29th in a year without it: go on to the nearest leap year that has it.
        int step = prefer == DatePreference::past ? -1 : 1;
        for (int years = 1; years <= 8; ++years) {
            Date other{today.year() + std::chrono::years{step * years}, month, day};
            if (other.ok()) {
                return other;
            }
        }
    }
    return candidate;
}

// "nov 3", "3 nov", "november 3 2026", "3 nov 2026". Throws when the day does not exist.
std::optional<Date> parse_month_day(std::string_view text, Date today, std::string_view field,
                                    DatePreference prefer) {
    auto words = words_of(text);
    if (words.size() < 2 || words.size() > 3) {
        return std::nullopt;
    }
    auto month = month_by_name(words[0]);
    auto day = day_number(words[1]);
    if (!month) {
        month = month_by_name(words[1]);
        day = day_number(words[0]);
    }
    if (!month || !day) {
        return std::nullopt;
    }
    std::chrono::day the_day{*day};
    if (words.size() == 2) {
        Date date = nearest(*month, the_day, today, prefer);
        if (!date.ok()) {
            throw bad_date(field, text, "no such day in the calendar", prefer);
        }
        return date;
    }
    auto year = year_number(words[2]);
    if (!year) {
        return std::nullopt;
    }
    Date date{std::chrono::year{*year}, *month, the_day};
    if (!date.ok() || *year < 1900) {
        throw bad_date(field, text, "no such day in the calendar", prefer);
    }
    return date;
}

// A count of calendar units after (positive) or before (negative) a day: "+3d", "-2w",
// "+6m", "+1y", "in 6 months", "1 year ago".
struct Offset {
    long long count = 0;
    enum class Unit { days, weeks, months, years } unit = Unit::days;
};

std::optional<Offset::Unit> offset_unit(std::string_view word) {
    if (word == "d" || word == "day" || word == "days") {
        return Offset::Unit::days;
    }
    if (word == "w" || word == "week" || word == "weeks") {
        return Offset::Unit::weeks;
    }
    if (word == "m" || word == "month" || word == "months") {
        return Offset::Unit::months;
    }
    if (word == "y" || word == "year" || word == "years") {
        return Offset::Unit::years;
    }
    return std::nullopt;
}

// A count of at most 7 digits: far past the hundred years parse_date allows, yet no overflow
// once made days ("+999909999w" is refused, not wrapped).
std::optional<long long> offset_count(std::string_view digits) {
    if (!all_digits(digits) || digits.size() > 7) {
        return std::nullopt;
    }
    return *parse_int(digits);
}

// "-3d", "+2w", "+6m", "+1y"; "in 3 days", "in 6 months"; "3 days ago", "1 year ago".
std::optional<Offset> parse_offset(std::string_view text) {
    auto words = words_of(text);
    if (words.size() == 1 && text.size() >= 3 && (text[0] == '-' || text[0] == '+')) {
        auto unit = offset_unit(text.substr(text.size() - 1));
        auto count = offset_count(text.substr(1, text.size() - 2));
        if (!unit || !count) {
            return std::nullopt;
        }
        return Offset{text[0] == '-' ? -*count : *count, *unit};
    }
    bool ahead = words.size() == 3 && words[0] == "in";
    bool ago = words.size() == 3 && words[2] == "ago";
    if (!ahead && !ago) {
        return std::nullopt;
    }
    auto count = offset_count(ahead ? words[1] : words[0]);
    std::string_view unit_word = ahead ? words[2] : words[1];
    auto unit = offset_unit(unit_word);
    if (!count || !unit || unit_word.size() == 1) { // "in 3 months", not "in 3 m"
        return std::nullopt;
    }
    return Offset{ago ? -*count : *count, *unit};
}

// `date` moved by whole months: the same day of the month, or that month's last day when it is
// shorter (Jan 31 + 1 month is Feb 28, or 29 in a leap year).
Date add_months(Date date, long long months) {
    auto month = std::chrono::year_month{date.year(), date.month()} +
                 std::chrono::months{static_cast<int>(months)};
    auto last =
        std::chrono::year_month_day_last{month.year(), std::chrono::month_day_last{month.month()}};
    return date.day() > last.day() ? Date{last} : Date{month.year(), month.month(), date.day()};
}

// `today` moved by `offset`; Error(invalid_data) past a hundred years either way.
Date apply_offset(const Offset& offset, Date today, std::string_view field, std::string_view text,
                  DatePreference prefer) {
    long long days = offset.unit == Offset::Unit::weeks ? offset.count * 7 : offset.count;
    long long months = offset.unit == Offset::Unit::years ? offset.count * 12 : offset.count;
    bool in_days = offset.unit == Offset::Unit::days || offset.unit == Offset::Unit::weeks;
    if (in_days ? (days < -36525 || days > 36525) : (months < -1200 || months > 1200)) {
        throw bad_date(field, text, "the offset is more than a hundred years", prefer);
    }
    return in_days ? add_days(today, static_cast<int>(days)) : add_months(today, months);
}

// "last monday" / "next monday": that weekday in the ISO week before or after this one.
std::optional<Date> parse_last_or_next_weekday(std::string_view text, Date today) {
    auto words = words_of(text);
    if (words.size() != 2 || (words[0] != "last" && words[0] != "next")) {
        return std::nullopt;
    }
    auto index = weekday_index(words[1]);
    if (!index) {
        return std::nullopt;
    }
    Date monday = monday_of(iso_week_of(add_days(today, words[0] == "last" ? -7 : 7)));
    std::chrono::weekday wanted{*index};
    return add_days(monday, static_cast<int>((wanted - std::chrono::Monday).count()));
}

// The date a word names, before the range check.
Date parse_date_word(std::string_view text, Date today, std::string_view field,
                     DatePreference prefer) {
    std::string word = to_lower(trim(text));
    if (word.empty()) {
        throw bad_date(field, text, "it is empty", prefer);
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
    if (auto offset = parse_offset(word)) {
        return apply_offset(*offset, today, field, text, prefer);
    }
    if (auto index = weekday_index(word)) {
        std::chrono::weekday wanted{*index};
        std::chrono::weekday current{sys_days{today}};
        if (prefer == DatePreference::past) {
            return add_days(today, -static_cast<int>((current - wanted).count()));
        }
        // A plan on a Friday for "friday" means next week's: a follow-up today is none.
        int ahead = static_cast<int>((wanted - current).count());
        return add_days(today, ahead == 0 ? 7 : ahead);
    }
    if (auto date = parse_iso_date(word)) {
        if (!date->ok()) {
            throw bad_date(field, text, "no such day in the calendar", prefer);
        }
        return *date;
    }
    if (auto month = parse_year_month(word)) {
        if (!month->ok() || month->year() < std::chrono::year{1900}) {
            throw bad_date(field, text, "no such month in the calendar", prefer);
        }
        return Date{month->year(), month->month(), std::chrono::day{1}};
    }
    if (auto date = parse_last_or_next_weekday(word, today)) {
        return *date;
    }
    if (auto date = parse_month_day(word, today, field, prefer)) {
        return *date;
    }
    throw bad_date(field, text, "not a date peerlog understands", prefer);
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

Date parse_date(std::string_view text, Date today, std::string_view field, DatePreference prefer) {
    Date date = parse_date_word(text, today, field, prefer);
    if (date < k_first_day || date > k_last_day) {
        throw bad_date(field, text, "peerlog keeps dates from 1900-01-01 to 9999-12-31", prefer);
    }
    return date;
}

Date parse_date_from(std::string_view text, Date from, Date today, std::string_view field,
                     DatePreference prefer) {
    if (parse_offset(to_lower(trim(text)))) {
        return parse_date(text, from, field, prefer);
    }
    return parse_date(text, today, field, prefer);
}

std::chrono::year_month parse_month(std::string_view text, Date today) {
    std::string word = to_lower(trim(text));
    std::chrono::year_month current{today.year(), today.month()};
    if (word == "this" || word == "this month") {
        return current;
    }
    if (word == "last" || word == "last month") {
        return current - std::chrono::months{1};
    }
    if (auto month = parse_year_month(word);
        month && month->ok() && month->year() >= std::chrono::year{1900}) {
        return *month;
    }
    auto words = words_of(word);
    if (!words.empty() && words.size() <= 2) {
        auto name = month_by_name(words[0]);
        auto year = words.size() == 2 ? year_number(words[1]) : std::nullopt;
        if (name && words.size() == 2 && year && *year >= 1900) {
            return {std::chrono::year{*year}, *name};
        }
        if (name && words.size() == 1) {
            std::chrono::year_month month{today.year(), *name};
            return month > current ? month - std::chrono::years{1} : month;
        }
    }
    throw Error(ErrorKind::invalid_data,
                fmt::format("invalid month '{}': use YYYY-MM (e.g. 2026-11), a month name (nov, "
                            "november 2026), `this month` or `last month`.",
                            text));
}

bool is_month_text(std::string_view text) {
    return parse_year_month(trim(text)).has_value();
}

namespace {

// Writes `value` as `width` digits ending just before `end`.
void put_digits(char* end, unsigned value, int width) {
    for (int i = 0; i < width; ++i, value /= 10) {
        *--end = static_cast<char>('0' + value % 10);
    }
}

} // namespace

// By hand rather than with fmt: a large export formats a date or two per row.
std::string format_date(Date date) {
    int year = static_cast<int>(date.year());
    if (year < 0 || year > 9999) {
        return fmt::format("{:04}-{:02}-{:02}", year, static_cast<unsigned>(date.month()),
                           static_cast<unsigned>(date.day()));
    }
    std::string text = "0000-00-00";
    put_digits(text.data() + 4, static_cast<unsigned>(year), 4);
    put_digits(text.data() + 7, static_cast<unsigned>(date.month()), 2);
    put_digits(text.data() + 10, static_cast<unsigned>(date.day()), 2);
    return text;
}

int days_between(Date from, Date to) {
    return static_cast<int>((sys_days{to} - sys_days{from}).count());
}

Date add_days(Date date, int count) {
    return Date{sys_days{date} + days{count}};
}

Date years_before(Date date, int years) {
    Date earlier = date - std::chrono::years{years};
    return earlier.ok() ? earlier : Date{earlier.year() / earlier.month() / std::chrono::last};
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
    int minutes = time.minutes_since_midnight;
    if (minutes < 0 || minutes >= 100 * 60) {
        return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
    }
    std::string text = "00:00";
    put_digits(text.data() + 2, static_cast<unsigned>(minutes / 60), 2);
    put_digits(text.data() + 5, static_cast<unsigned>(minutes % 60), 2);
    return text;
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

namespace {

IsoWeek parse_week_word(std::string_view text, Date today) {
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

} // namespace

IsoWeek parse_week(std::string_view text, Date today) {
    IsoWeek week = parse_week_word(text, today);
    if (add_days(monday_of(week), 6) > k_last_day) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("invalid week '{}': {} ends after 9999-12-31, the last day "
                                "peerlog keeps.",
                                text, format_week(week)));
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

Period period_of_month(std::chrono::year_month month) {
    Date first{month.year(), month.month(), std::chrono::day{1}};
    Date last{
        std::chrono::year_month_day_last{month.year(), std::chrono::month_day_last{month.month()}}};
    return Period{first, last, std::nullopt};
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

std::optional<Period> choose_period(const PeriodText& text, Date today,
                                    std::optional<Period> fallback) {
    if (text.month.empty()) {
        std::string to = text.to;
        if (is_month_text(to)) {
            Date first = parse_date(to, today, "--to date");
            to = format_date(period_of_month({first.year(), first.month()}).to);
        }
        return choose_period(text.week, text.from, to, today, fallback);
    }
    if (!text.week.empty() || !text.from.empty() || !text.to.empty()) {
        throw Error(ErrorKind::usage, "give one of --week, --month or --from/--to, not two.");
    }
    return period_of_month(parse_month(text.month, today));
}

std::string describe(const Period& period) {
    std::string range = fmt::format("{} to {}", format_date(period.from), format_date(period.to));
    if (period.week) {
        return fmt::format("{} ({})", format_week(*period.week), range);
    }
    if (period_of_month({period.from.year(), period.from.month()}).to == period.to &&
        period.from.day() == std::chrono::day{1}) {
        return fmt::format("{:04}-{:02} ({})", static_cast<int>(period.from.year()),
                           static_cast<unsigned>(period.from.month()), range);
    }
    return range;
}

} // namespace peerlog
