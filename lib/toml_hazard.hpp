// The config text toml++ 3.3 (Debian 12) cannot read safely, found before it is handed over.
// Private to the library.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace peerlog {

/// Where a config file holds a character toml++ 3.3 would pass to its whitespace test with
/// undefined behaviour (toml++ issues #190 and #295, fixed after 3.3): the 1-based line and
/// column (in bytes) and what to change there.
struct TomlHazard {
    std::size_t line = 0;
    std::size_t column = 0;
    std::string what;
};

/// The first such place in `text`, or nullopt. Those are a non-ASCII character outside strings
/// and comments (TOML allows none there anyway; a number or a date runs to its terminator,
/// quotes included) and, in a multi-line basic string ("""), one right after a backslash or
/// after the line break a line-ending backslash skips. Everywhere else (strings, comments) any
/// UTF-8 text passes.
std::optional<TomlHazard> find_toml_hazard(std::string_view text);

} // namespace peerlog
