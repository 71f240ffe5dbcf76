// Reading and binding the journal's column encodings (ISO dates, HH:MM times, NULLs).
#pragma once

#include "peerlog/calendar.hpp"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <optional>
#include <string>
#include <string_view>

namespace peerlog {

/// A column's text without a copy (a NUL in it kept), valid until the statement steps on.
std::string_view column_text(const SQLite::Column& column);

/// A stored YYYY-MM-DD date. Throws Error(corrupt) when the stored text is not one.
Date stored_date(const SQLite::Column& column);

/// A stored date or NULL.
std::optional<Date> stored_optional_date(const SQLite::Column& column);

/// A stored HH:MM time or NULL.
std::optional<TimeOfDay> stored_optional_time(const SQLite::Column& column);

/// Binds a date as YYYY-MM-DD, or NULL when unset.
void bind_date(SQLite::Statement& statement, int index, std::optional<Date> date);

/// Binds a time as HH:MM, or NULL when unset.
void bind_time(SQLite::Statement& statement, int index, std::optional<TimeOfDay> time);

} // namespace peerlog
