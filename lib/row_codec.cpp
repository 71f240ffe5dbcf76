// Reading and binding the journal's column encodings.
#include "row_codec.hpp"

#include "peerlog/error.hpp"

#include <fmt/format.h>

namespace peerlog {

Date stored_date(const SQLite::Column& column) {
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
