// Reading and binding the journal's column encodings.
#include "row_codec.hpp"

#include "peerlog/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <initializer_list>
#include <string_view>

namespace peerlog {
namespace {

bool digits_at(std::string_view text, std::initializer_list<std::size_t> positions) {
    return std::all_of(positions.begin(), positions.end(),
                       [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; });
}

int number_at(std::string_view text, std::size_t from, std::size_t length) {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i) {
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// The form peerlog stores, read without the general parser: a large export reads a date or
// two per row. Anything else goes to the parser, which accepts it or says what is wrong.
std::optional<Date> canonical_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
        !digits_at(text, {0, 1, 2, 3, 5, 6, 8, 9})) {
        return std::nullopt;
    }
    Date date{std::chrono::year{number_at(text, 0, 4)},
              std::chrono::month{static_cast<unsigned>(number_at(text, 5, 2))},
              std::chrono::day{static_cast<unsigned>(number_at(text, 8, 2))}};
    if (!date.ok() || date.year() < std::chrono::year{1900}) {
        return std::nullopt;
    }
    return date;
}

std::optional<TimeOfDay> canonical_time(std::string_view text) {
    if (text.size() != 5 || text[2] != ':' || !digits_at(text, {0, 1, 3, 4})) {
        return std::nullopt;
    }
    int hours = number_at(text, 0, 2), minutes = number_at(text, 3, 2);
    if (hours > 23 || minutes > 59) {
        return std::nullopt;
    }
    return TimeOfDay{hours * 60 + minutes};
}

} // namespace

std::string_view column_text(const SQLite::Column& column) {
    const char* text = column.getText();
    return {text, static_cast<std::size_t>(column.getBytes())};
}

Date stored_date(const SQLite::Column& column) {
    if (auto date = canonical_date(column_text(column))) {
        return *date;
    }
    std::string text = column.getString();
    try {
        // Any anchor date works: a stored value is always the YYYY-MM-DD form.
        if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
            return parse_date(text, Date{}, column.getName());
        }
    } catch (const Error&) {
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
    if (auto time = canonical_time(column_text(column))) {
        return *time;
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
