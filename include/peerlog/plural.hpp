// Counting words in messages: "1 session", "2 sessions".
#pragma once

#include <string>
#include <string_view>

namespace peerlog {

/// `n` and the noun, singular for exactly one: counted(1, "session") is "1 session",
/// counted(3, "session") "3 sessions"; `plural` for nouns that do not just take an s
/// (counted(2, "entry", "entries")).
std::string counted(long long n, std::string_view singular, std::string_view plural = {});

/// The noun alone, as counted would choose it: noun_for(2, "row") is "rows".
std::string noun_for(long long n, std::string_view singular, std::string_view plural = {});

} // namespace peerlog
