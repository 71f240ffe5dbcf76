// Small string helpers private to the library.
#include "text_util.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <string>

namespace peerlog {

std::string_view trim(std::string_view text) {
    constexpr std::string_view k_space = " \t\r\n\v\f";
    auto first = text.find_first_not_of(k_space);
    if (first == std::string_view::npos) {
        return {};
    }
    auto last = text.find_last_not_of(k_space);
    return text.substr(first, last - first + 1);
}

std::string to_lower(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return lower;
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        auto end = text.find(separator, start);
        parts.emplace_back(trim(text.substr(start, end - start)));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

std::string format_amount(double value) {
    std::string cents = fmt::format("{:.2f}", value);
    return std::stod(cents) == value ? cents : fmt::format("{}", value);
}

std::string one_line(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    for (char& c : text) {
        if (c == '\n' || c == '\t') {
            c = ' ';
        }
    }
    return text;
}

} // namespace peerlog
