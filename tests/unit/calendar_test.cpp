// Unit tests of dates, times, ISO weeks and periods.
#include "peerlog/calendar.hpp"
#include "peerlog/error.hpp"

#include "test_journal.hpp"

#include <doctest/doctest.h>

using namespace peerlog;
using peerlog::testing::failure_of;
using peerlog::testing::message_of;

namespace {
Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
const Date k_wednesday = ymd(2026, 11, 18);
} // namespace

TEST_CASE("parse_date reads ISO dates and the relative words people type") {
    CHECK(parse_date("2026-02-28", k_wednesday) == ymd(2026, 2, 28));
    CHECK(parse_date("today", k_wednesday) == k_wednesday);
    CHECK(parse_date("Yesterday", k_wednesday) == ymd(2026, 11, 17));
    CHECK(parse_date("tomorrow", k_wednesday) == ymd(2026, 11, 19));
    CHECK(parse_date("-3d", k_wednesday) == ymd(2026, 11, 15));
    CHECK(parse_date("+2w", k_wednesday) == ymd(2026, 12, 2));
    CHECK(parse_date(" 2026-11-01 ", k_wednesday) == ymd(2026, 11, 1));
}

TEST_CASE("a weekday name means the most recent one, today included") {
    CHECK(parse_date("wednesday", k_wednesday) == k_wednesday);
    CHECK(parse_date("monday", k_wednesday) == ymd(2026, 11, 16));
    CHECK(parse_date("Thu", k_wednesday) == ymd(2026, 11, 12));
    CHECK(parse_date("sunday", k_wednesday) == ymd(2026, 11, 15));
}

TEST_CASE("impossible dates are refused as invalid data, naming the field") {
    for (const char* text :
         {"2026-13-40", "2026-02-29", "2026-1-5", "soon", "", "-d", "+3x", "1899-12-31"}) {
        CAPTURE(text);
        CHECK(failure_of([&] { parse_date(text, k_wednesday, "--date"); }) ==
              ErrorKind::invalid_data);
    }
    try {
        parse_date("2026-13-40", k_wednesday, "--date");
    } catch (const Error& error) {
        CHECK(std::string(error.what()).find("--date '2026-13-40'") != std::string::npos);
    }
}

TEST_CASE("February 29th exists in leap years only") {
    CHECK(parse_date("2028-02-29", k_wednesday) == ymd(2028, 2, 29));
    CHECK_THROWS_AS(parse_date("2100-02-29", k_wednesday), Error);
}

TEST_CASE("times of day are HH:MM on a 24-hour clock") {
    CHECK(parse_time("09:30").minutes_since_midnight == 570);
    CHECK(parse_time("9:05").minutes_since_midnight == 545);
    CHECK(parse_time("23:59").minutes_since_midnight == 1439);
    CHECK(format_time(parse_time("7:00")) == "07:00");
    for (const char* text : {"24:00", "12:60", "12", "12:5", "ab:cd", ":30", "123:00"}) {
        CAPTURE(text);
        CHECK_THROWS_AS(parse_time(text), Error);
    }
}

TEST_CASE("ISO weeks start on Monday and week 1 holds the first Thursday") {
    CHECK(iso_week_of(k_wednesday) == IsoWeek{2026, 47});
    CHECK(iso_week_of(ymd(2021, 1, 3)) == IsoWeek{2020, 53}); // a Sunday of 2020's week 53
    CHECK(iso_week_of(ymd(2024, 12, 30)) == IsoWeek{2025, 1});
    CHECK(monday_of(IsoWeek{2026, 47}) == ymd(2026, 11, 16));
    CHECK(monday_of(IsoWeek{2020, 53}) == ymd(2020, 12, 28));
    CHECK(format_week(IsoWeek{2026, 3}) == "2026-W03");
}

TEST_CASE("parse_week reads 2026-W47, this and last") {
    CHECK(parse_week("2026-W47", k_wednesday) == IsoWeek{2026, 47});
    CHECK(parse_week("2026-w5", k_wednesday) == IsoWeek{2026, 5});
    CHECK(parse_week("this", k_wednesday) == IsoWeek{2026, 47});
    CHECK(parse_week("last", k_wednesday) == IsoWeek{2026, 46});
    CHECK(parse_week("last", ymd(2026, 1, 1)) == IsoWeek{2025, 52});
    CHECK(parse_week("2020-W53", k_wednesday) == IsoWeek{2020, 53});
    CHECK(parse_week("2026-W53", k_wednesday) == IsoWeek{2026, 53}); // 2026 starts on a Thursday
    CHECK_THROWS_AS(parse_week("2025-W53", k_wednesday), Error);     // 2025 has 52 weeks
    CHECK_THROWS_AS(parse_week("2026-W00", k_wednesday), Error);
    CHECK_THROWS_AS(parse_week("W47", k_wednesday), Error);
}

TEST_CASE("a period of one ISO week knows its week, other ranges do not") {
    Period week = period_of_week(IsoWeek{2026, 47});
    CHECK(week.from == ymd(2026, 11, 16));
    CHECK(week.to == ymd(2026, 11, 22));
    CHECK(describe(week) == "2026-W47 (2026-11-16 to 2026-11-22)");
    CHECK(period_between(ymd(2026, 11, 16), ymd(2026, 11, 22)).week == IsoWeek{2026, 47});
    CHECK_FALSE(period_between(ymd(2026, 11, 1), ymd(2026, 11, 30)).week.has_value());
    CHECK(failure_of([] { period_between(ymd(2026, 11, 2), ymd(2026, 11, 1)); }) ==
          ErrorKind::invalid_data);
}

TEST_CASE("choose_period combines --week, --from and --to") {
    auto last = period_of_week(IsoWeek{2026, 46});
    CHECK(choose_period("", "", "", k_wednesday, last)->week == IsoWeek{2026, 46});
    CHECK_FALSE(choose_period("", "", "", k_wednesday, std::nullopt).has_value());
    CHECK(choose_period("this", "", "", k_wednesday, last)->week == IsoWeek{2026, 47});
    auto open_end = choose_period("", "2026-11-01", "", k_wednesday, std::nullopt);
    CHECK(open_end->to == k_wednesday);
    CHECK(failure_of([&] { choose_period("this", "2026-11-01", "", k_wednesday, last); }) ==
          ErrorKind::usage);
}

TEST_CASE("last WEEKDAY is that weekday in the previous ISO week") {
    CHECK(parse_date("last monday", k_wednesday) == ymd(2026, 11, 9));
    CHECK(parse_date("Last Sun", k_wednesday) == ymd(2026, 11, 15));
    CHECK(parse_date("last wednesday", k_wednesday) == ymd(2026, 11, 11));
    CHECK(parse_date("last monday", ymd(2026, 11, 16)) == ymd(2026, 11, 9)); // on a Monday
    CHECK(parse_date("last friday", ymd(2026, 1, 1)) == ymd(2025, 12, 26));
    CHECK_THROWS_AS(parse_date("last moonday", k_wednesday), Error);
}

TEST_CASE("N days, weeks or months ago count back from today") {
    CHECK(parse_date("3 days ago", k_wednesday) == ymd(2026, 11, 15));
    CHECK(parse_date("1 day ago", k_wednesday) == ymd(2026, 11, 17));
    CHECK(parse_date("0 days ago", k_wednesday) == k_wednesday);
    CHECK(parse_date("2 weeks ago", k_wednesday) == ymd(2026, 11, 4));
    CHECK(parse_date("1 month ago", k_wednesday) == ymd(2026, 10, 18));
    CHECK(parse_date("1 month ago", ymd(2026, 3, 31)) == ymd(2026, 2, 28)); // shorter month
    CHECK(parse_date("12 months ago", k_wednesday) == ymd(2025, 11, 18));
    CHECK(parse_date("1 year ago", k_wednesday) == ymd(2025, 11, 18));
    CHECK(parse_date("2 years ago", ymd(2028, 2, 29)) == ymd(2026, 2, 28)); // no Feb 29 then
    for (const char* text : {"days ago", "3 days", "-3 days ago", "3 fortnights ago", "x days ago",
                             "3 d ago", "in 3 y"}) {
        CAPTURE(text);
        CHECK(failure_of([&] { parse_date(text, k_wednesday); }) == ErrorKind::invalid_data);
    }
}

TEST_CASE("month and year offsets keep the day of the month, or take the month's last") {
    CHECK(parse_date("+6m", k_wednesday) == ymd(2027, 5, 18));
    CHECK(parse_date("+1y", k_wednesday) == ymd(2027, 11, 18));
    CHECK(parse_date("-6m", k_wednesday) == ymd(2026, 5, 18));
    CHECK(parse_date("-1y", k_wednesday) == ymd(2025, 11, 18));
    CHECK(parse_date("in 6 months", k_wednesday) == ymd(2027, 5, 18));
    CHECK(parse_date("in 1 year", k_wednesday) == ymd(2027, 11, 18));
    CHECK(parse_date("in 3 days", k_wednesday) == ymd(2026, 11, 21));
    CHECK(parse_date("in 2 weeks", k_wednesday) == ymd(2026, 12, 2));
    // The end-of-month rule: Jan 31 + 1 month is the last day of February.
    CHECK(parse_date("+1m", ymd(2026, 1, 31)) == ymd(2026, 2, 28));
    CHECK(parse_date("+1m", ymd(2028, 1, 31)) == ymd(2028, 2, 29));
    CHECK(parse_date("+1y", ymd(2028, 2, 29)) == ymd(2029, 2, 28));
    CHECK(parse_date("+12m", ymd(2026, 3, 31)) == ymd(2027, 3, 31));
    CHECK(parse_date("+100y", k_wednesday) == ymd(2126, 11, 18));
    for (const char* text : {"+101y", "+1201m", "-9999999y", "in 200 years"}) {
        CAPTURE(text);
        CHECK(message_of([&] { parse_date(text, k_wednesday); }).find("hundred years") !=
              std::string::npos);
    }
    CHECK(failure_of([&] { parse_date("+1y", ymd(9999, 6, 1)); }) == ErrorKind::invalid_data);
}

TEST_CASE("YYYY-MM as a date is the first day of that month") {
    CHECK(parse_date("2026-11", k_wednesday) == ymd(2026, 11, 1));
    CHECK(parse_date("2025-02", k_wednesday) == ymd(2025, 2, 1));
    CHECK_THROWS_AS(parse_date("2026-13", k_wednesday), Error);
    CHECK_THROWS_AS(parse_date("2026-1", k_wednesday), Error);
}

TEST_CASE("a month name and a day, either order, mean the most recent such day") {
    CHECK(parse_date("nov 3", k_wednesday) == ymd(2026, 11, 3));
    CHECK(parse_date("3 nov", k_wednesday) == ymd(2026, 11, 3));
    CHECK(parse_date("November 3", k_wednesday) == ymd(2026, 11, 3));
    CHECK(parse_date("nov 3rd", k_wednesday) == ymd(2026, 11, 3));
    CHECK(parse_date("Sept 30", k_wednesday) == ymd(2026, 9, 30));
    CHECK(parse_date("nov 18", k_wednesday) == k_wednesday);          // today is not future
    CHECK(parse_date("nov 19", k_wednesday) == ymd(2025, 11, 19));    // tomorrow: last year's
    CHECK(parse_date("dec 25", k_wednesday) == ymd(2025, 12, 25));    // past preferred
    CHECK(parse_date("nov 3", ymd(2027, 11, 2)) == ymd(2026, 11, 3)); // early Nov next year
    CHECK(parse_date("feb 29", k_wednesday) == ymd(2024, 2, 29));     // the last leap year
}

TEST_CASE("a date that plans prefers the future: the next weekday, the next month and day") {
    const Date tuesday = ymd(2026, 12, 1);
    auto ahead = [&](const char* text) {
        return parse_date(text, tuesday, "--follow-up", DatePreference::future);
    };
    CHECK(ahead("friday") == ymd(2026, 12, 4)); // this week's Friday, not last week's
    CHECK(ahead("tue") == ymd(2026, 12, 8));    // a plan for "tuesday" on a Tuesday: next week
    CHECK(ahead("monday") == ymd(2026, 12, 7));
    CHECK(ahead("dec 5") == ymd(2026, 12, 5));
    CHECK(ahead("5 dec") == ymd(2026, 12, 5));
    CHECK(ahead("dec 1") == tuesday);
    CHECK(ahead("nov 3") == ymd(2027, 11, 3)); // already past this year: next year's
    CHECK(ahead("nov 30") == ymd(2027, 11, 30));
    CHECK(ahead("feb 29") == ymd(2028, 2, 29)); // the next leap year
    // Forms that say which day they mean do not lean either way.
    CHECK(ahead("nov 3 2026") == ymd(2026, 11, 3));
    CHECK(ahead("last monday") == ymd(2026, 11, 23));
    CHECK(ahead("next monday") == ymd(2026, 12, 7)); // the Monday of next ISO week
    CHECK(ahead("next friday") == ymd(2026, 12, 11));
    CHECK(parse_date("next wed", tuesday) == ymd(2026, 12, 9)); // whichever way it leans
    CHECK(std::string(message_of([&] { ahead("someday"); })).find("next monday") !=
          std::string::npos); // the hint lists forms that plan
    CHECK(std::string(message_of([&] { ahead("someday"); })).find("ago") == std::string::npos);
    CHECK(message_of([&] { ahead("2027-02-30"); }).find("yesterday") == std::string::npos);
    CHECK(message_of([&] { ahead("feb 30"); }).find("next monday") != std::string::npos);
    CHECK(ahead("2027-01") == ymd(2027, 1, 1));
    CHECK(ahead("yesterday") == ymd(2026, 11, 30));
    CHECK(ahead("+1w") == ymd(2026, 12, 8));
    // The default is the past, so every date that records what happened reads as before.
    CHECK(parse_date("friday", tuesday) == ymd(2026, 11, 27));
    CHECK(parse_date("dec 5", tuesday) == ymd(2025, 12, 5));
    CHECK(parse_date("friday", tuesday, "--date", DatePreference::past) == ymd(2026, 11, 27));
    CHECK(failure_of([&] { ahead("feb 30"); }) == ErrorKind::invalid_data);
    CHECK(parse_date("dec 31", ymd(9999, 12, 31), "--follow-up", DatePreference::future) ==
          ymd(9999, 12, 31));
    CHECK(failure_of([&] {
              parse_date("dec 30", ymd(9999, 12, 31), "--follow-up", DatePreference::future);
          }) == ErrorKind::invalid_data); // the next one is past the last day peerlog keeps
}

TEST_CASE("a month name and a day with a year is that exact day, future included") {
    CHECK(parse_date("nov 3 2026", k_wednesday) == ymd(2026, 11, 3));
    CHECK(parse_date("3 nov 2026", k_wednesday) == ymd(2026, 11, 3));
    CHECK(parse_date("December 25, 2026", k_wednesday) == ymd(2026, 12, 25));
    CHECK(parse_date("feb 29 2028", k_wednesday) == ymd(2028, 2, 29));
    for (const char* text : {"feb 30", "feb 29 2027", "nov 32", "nov", "nov 3 26", "3 4"}) {
        CAPTURE(text);
        CHECK(failure_of([&] { parse_date(text, k_wednesday); }) == ErrorKind::invalid_data);
    }
}

TEST_CASE("parse_month reads YYYY-MM, month names, this month and last month") {
    using std::chrono::year_month;
    using namespace std::chrono;
    CHECK(parse_month("2026-11", k_wednesday) == year_month{year{2026}, November});
    CHECK(parse_month("this month", k_wednesday) == year_month{year{2026}, November});
    CHECK(parse_month("this", k_wednesday) == year_month{year{2026}, November});
    CHECK(parse_month("Last Month", k_wednesday) == year_month{year{2026}, October});
    CHECK(parse_month("last", ymd(2026, 1, 5)) == year_month{year{2025}, December});
    CHECK(parse_month("nov", k_wednesday) == year_month{year{2026}, November});
    CHECK(parse_month("december", k_wednesday) == year_month{year{2025}, December});
    CHECK(parse_month("december 2026", k_wednesday) == year_month{year{2026}, December});
    for (const char* text : {"2026-13", "next month", "nov 3", "", "13"}) {
        CAPTURE(text);
        CHECK(failure_of([&] { parse_month(text, k_wednesday); }) == ErrorKind::invalid_data);
    }
}

TEST_CASE("--month is a whole month, --to YYYY-MM its last day, and flags do not mix") {
    auto month = choose_period(PeriodText{"", "2026-02", "", ""}, k_wednesday, std::nullopt);
    CHECK(month->from == ymd(2026, 2, 1));
    CHECK(month->to == ymd(2026, 2, 28));
    CHECK(describe(*month) == "2026-02 (2026-02-01 to 2026-02-28)");
    auto last = choose_period(PeriodText{"", "last month", "", ""}, k_wednesday, std::nullopt);
    CHECK(last->from == ymd(2026, 10, 1));
    CHECK(last->to == ymd(2026, 10, 31));
    auto range = choose_period(PeriodText{"", "", "2026-09", "2026-10"}, k_wednesday, std::nullopt);
    CHECK(range->from == ymd(2026, 9, 1));
    CHECK(range->to == ymd(2026, 10, 31));
    auto ago = choose_period(PeriodText{"", "", "3 days ago", ""}, k_wednesday, std::nullopt);
    CHECK(ago->from == ymd(2026, 11, 15));
    CHECK(ago->to == k_wednesday);
    CHECK(failure_of([] {
              choose_period(PeriodText{"this", "this", "", ""}, k_wednesday, std::nullopt);
          }) == ErrorKind::usage);
    CHECK(failure_of([] {
              choose_period(PeriodText{"", "nov", "2026-11-01", ""}, k_wednesday, std::nullopt);
          }) == ErrorKind::usage);
}

TEST_CASE("every date peerlog accepts is one it can store and read back: 1900 to 9999") {
    const Date last_day = ymd(9999, 12, 31);
    CHECK(parse_date("9999-12-31", k_wednesday) == last_day);
    CHECK(parse_date("1900-01-01", k_wednesday) == ymd(1900, 1, 1));
    CHECK(failure_of([&] { parse_date("tomorrow", last_day); }) == ErrorKind::invalid_data);
    CHECK(failure_of([&] { parse_date("+1w", last_day); }) == ErrorKind::invalid_data);
    CHECK(failure_of([&] { parse_date("-1d", ymd(1900, 1, 1)); }) == ErrorKind::invalid_data);
    CHECK(failure_of([&] { parse_date("1899-12-31", k_wednesday); }) == ErrorKind::invalid_data);
    CHECK(parse_week("9999-W51", k_wednesday) == IsoWeek{9999, 51});
    // 9999-W52 runs to 10000-01-02, a date with a five-digit year.
    CHECK(failure_of([&] { parse_week("9999-W52", k_wednesday); }) == ErrorKind::invalid_data);
    CHECK(failure_of([&] { parse_week("this", last_day); }) == ErrorKind::invalid_data);
}

TEST_CASE("Feb 29 and week 53 exist only in the years that have them") {
    CHECK(parse_date("2024-02-29", k_wednesday) == ymd(2024, 2, 29));
    CHECK(parse_date("2000-02-29", k_wednesday) == ymd(2000, 2, 29));
    CHECK(failure_of([&] { parse_date("2026-02-29", k_wednesday); }) == ErrorKind::invalid_data);
    CHECK(failure_of([&] { parse_date("1900-02-29", k_wednesday); }) == ErrorKind::invalid_data);
    CHECK(period_of_week(parse_week("2020-W53", k_wednesday)).to == ymd(2021, 1, 3));
    CHECK(period_of_week(parse_week("2026-W53", k_wednesday)).from == ymd(2026, 12, 28));
    CHECK(failure_of([&] { parse_week("2025-W53", k_wednesday); }) == ErrorKind::invalid_data);
}

TEST_CASE("an offset too large for days is refused, not overflowed (fuzz finding)") {
    CHECK(failure_of([&] { parse_date("+999909999w", k_wednesday); }) == ErrorKind::invalid_data);
    CHECK(failure_of([&] { parse_date("-2147483647w", k_wednesday); }) == ErrorKind::invalid_data);
    CHECK(failure_of([&] { parse_date("+2147483647d", k_wednesday); }) == ErrorKind::invalid_data);
}

TEST_CASE("years_before is the same calendar day, February 29 counting from February 28") {
    CHECK(years_before(ymd(2032, 11, 18), 6) == ymd(2026, 11, 18));
    CHECK(years_before(ymd(2032, 2, 29), 6) == ymd(2026, 2, 28));
    CHECK(years_before(ymd(2032, 2, 29), 4) == ymd(2028, 2, 29));
    CHECK(years_before(ymd(2027, 1, 1), 1) == ymd(2026, 1, 1));
}
