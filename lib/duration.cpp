// Parsing and formatting of durations.
#include "peerlog/duration.hpp"

#include "peerlog/error.hpp"
#include "text_util.hpp"

#include <cmath>
#include <fmt/format.h>

namespace peerlog {
namespace {

// Reads a non-negative decimal number ("1", "1.5") from the front of `text`.
bool take_number(std::string_view& text, double& value, bool& had_fraction) {
    std::size_t length = 0;
    bool seen_dot = false, seen_digit = false;
    while (length < text.size()) {
        char c = text[length];
        if (c >= '0' && c <= '9') {
            seen_digit = true;
        } else if (c == '.' && !seen_dot) {
            seen_dot = true;
        } else {
            break;
        }
        ++length;
    }
    if (!seen_digit || length > 9) {
        return false;
    }
    value = std::stod(std::string(text.substr(0, length)));
    had_fraction = seen_dot;
    text.remove_prefix(length);
    return true;
}

} // namespace

int parse_duration(std::string_view text, std::string_view field, DurationOf of) {
    std::string input = to_lower(trim(text));
    auto fail = [&](std::string_view why) {
        return Error(ErrorKind::invalid_data,
                     fmt::format("invalid {} '{}': {}. Use 45m, 1h, 1h30m, 1.5h or plain minutes "
                                 "such as 90.",
                                 field, text, why));
    };
    std::string_view rest = input;
    double total = 0;
    bool seen_hours = false, seen_minutes = false;
    while (!rest.empty()) {
        double value = 0;
        bool fraction = false;
        if (!take_number(rest, value, fraction)) {
            throw fail("not a duration peerlog understands");
        }
        char unit = rest.empty() ? 'm' : rest.front();
        bool bare_number = rest.empty();
        if (!bare_number) {
            rest.remove_prefix(1);
        }
        if (unit == 'h' && !seen_hours && !seen_minutes) {
            seen_hours = true;
            total += value * 60;
        } else if (unit == 'm' && !seen_minutes) {
            seen_minutes = true;
            if (fraction) {
                throw fail("minutes must be whole");
            }
            if (seen_hours && value >= 60) {
                throw fail("after the hours, give fewer than 60 minutes");
            }
            total += value;
        } else {
            throw fail("not a duration peerlog understands");
        }
    }
    if (input.empty()) {
        throw fail("it is empty");
    }
    if (total != std::floor(total)) {
        throw fail("it is not a whole number of minutes");
    }
    bool meeting = of == DurationOf::supervision_meeting;
    if (total < 1) {
        throw fail(meeting ? "a supervision meeting lasts at least one minute"
                           : "a session lasts at least one minute");
    }
    if (total > k_max_duration_minutes) {
        throw fail(meeting ? "a supervision meeting cannot last more than 24 hours"
                           : "a single contact cannot last more than 24 hours");
    }
    return static_cast<int>(total);
}

std::string format_duration(int minutes) {
    int hours = minutes / 60, rest = minutes % 60;
    if (hours == 0) {
        return fmt::format("{}m", rest);
    }
    return rest == 0 ? fmt::format("{}h", hours) : fmt::format("{}h{:02}m", hours, rest);
}

std::string format_hours(long long minutes) {
    return fmt::format("{:.2f}", static_cast<double>(minutes) / 60.0);
}

} // namespace peerlog
