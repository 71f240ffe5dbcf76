// Table-driven parse / to_string for the domain's enums, private to the library.
#pragma once

#include "peerlog/error.hpp"
#include "text_util.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <string_view>
#include <utility>
#include <vector>

namespace peerlog {

/// One spelling of an enum value; the first spelling of a value is the one peerlog writes.
template <class Enum> using EnumName = std::pair<Enum, std::string_view>;

/// The canonical spelling of `value`.
template <class Enum, std::size_t N>
std::string_view name_of(const EnumName<Enum> (&names)[N], Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) {
            return name;
        }
    }
    return "?";
}

/// Parses any spelling, case-insensitive, '_' read as '-'. The error lists the canonical ones.
template <class Enum, std::size_t N>
Enum parse_name(const EnumName<Enum> (&names)[N], std::string_view text, std::string_view what) {
    for (const auto& [value, name] : names) { // as stored: no copy, no lowering
        if (text == name) {
            return value;
        }
    }
    std::string word = to_lower(trim(text));
    for (auto& c : word) {
        c = c == '_' ? '-' : c;
    }
    for (const auto& [value, name] : names) {
        if (word == name) {
            return value;
        }
    }
    std::vector<std::string_view> accepted;
    for (const auto& [value, name] : names) {
        if (name_of(names, value) == name) {
            accepted.push_back(name);
        }
    }
    throw Error(ErrorKind::invalid_data, fmt::format("unknown {} '{}': use one of {}.", what, text,
                                                     fmt::join(accepted, ", ")));
}

} // namespace peerlog
