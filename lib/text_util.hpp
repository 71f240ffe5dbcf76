// Small string helpers private to the library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

/// ASCII lower case (peerlog's keywords are ASCII).
std::string to_lower(std::string_view text);

/// Splits on `separator`, trimming each part; empty parts are kept.
std::vector<std::string> split(std::string_view text, char separator);

/// A library's message as one line: trailing line breaks and spaces dropped, inner line breaks
/// and tabs as spaces (libpq's messages end in a line break and may hold a line of hints).
std::string one_line(std::string text);

/// An amount of money with two decimals, or as many as it needs to be exact (25.001), so a
/// value just above a limit never prints as the limit itself.
std::string format_amount(double value);

} // namespace peerlog
