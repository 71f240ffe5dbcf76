// Lookups the record stores share inside a transaction the caller already holds.
#pragma once

#include "peerlog/calendar.hpp"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <string>
#include <string_view>

namespace peerlog {

/// The id of the peer with `code` (case-insensitive). Throws Error(not_found) with a hint.
std::int64_t peer_id_by_code(SQLite::Database& db, const std::string& code);

/// As peer_id_by_code, for adding a goal, referral or assessment: a closed peer's record takes
/// nothing new, as with sessions (Error(conflict) with how to reopen it).
std::int64_t open_peer_id_by_code(SQLite::Database& db, const std::string& code);

/// Throws Error(invalid_data) naming `field` when `text` is empty, only spaces or longer than
/// `max_length` bytes, or holds a control character (a name or a one-line label).
void validate_label(std::string_view text, std::string_view field, std::size_t max_length);

/// Throws Error(invalid_data) naming `field` when `value` is outside low..high.
void validate_range(int value, int low, int high, std::string_view field);

/// Throws Error(invalid_data) naming `field` when `date` is after `today`.
void validate_not_future(Date date, Date today, std::string_view field);

} // namespace peerlog
