// Reading and binding the journal's column encodings.
#include "row_codec.hpp"

#include "peerlog/error.hpp"

#include <fmt/format.h>

namespace peerlog {
namespace {

// The number in `digits`, or -1 when one of them is not a digit.
int digits_value(std::string_view digits) {
    int value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') {
            return -1;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

// Exactly YYYY-MM-DD naming a real day from 1900 on, the only form the journal stores: a
// report reads thousands of these, so not through parse_date and its words and offsets.
std::optional<Date> parse_stored_day(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    int year = digits_value(text.substr(0, 4)), month = digits_value(text.substr(5, 2)),
        day = digits_value(text.substr(8, 2));
    if (year < 1900 || month < 0 || day < 0) {
        return std::nullopt;
    }
    Date date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
              std::chrono::day{static_cast<unsigned>(day)}};
    return date.ok() ? std::optional<Date>(date) : std::nullopt;
}

} // namespace

Date stored_date(const SQLite::Column& column) {
    std::string_view text(column.getText(), static_cast<std::size_t>(column.getBytes()));
    if (auto date = parse_stored_day(text)) {
        return *date;
    }
    throw Error(ErrorKind::corrupt,
                fmt::format("the journal holds '{}' in column {}, which is not a date: the file "
                            "was changed outside peerlog.",
                            text, column.getName()));
}

std::optional<Date> stored_optional_date(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return stored_date(column);
}

std::optional<TimeOfDay> stored_optional_time(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    try {
        return parse_time(column.getString());
    } catch (const Error&) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the journal holds '{}' in column {}, which is not a time.",
                                column.getString(), column.getName()));
    }
}

void bind_date(SQLite::Statement& statement, int index, std::optional<Date> date) {
    if (date) {
        statement.bind(index, format_date(*date));
    } else {
        statement.bind(index);
    }
}

void bind_time(SQLite::Statement& statement, int index, std::optional<TimeOfDay> time) {
    if (time) {
        statement.bind(index, format_time(*time));
    } else {
        statement.bind(index);
    }
}

} // namespace peerlog
