// Counting words in messages.
#include "peerlog/plural.hpp"

#include <fmt/format.h>

namespace peerlog {

std::string noun_for(long long n, std::string_view singular, std::string_view plural) {
    if (n == 1) {
        return std::string(singular);
    }
    return plural.empty() ? fmt::format("{}s", singular) : std::string(plural);
}

std::string counted(long long n, std::string_view singular, std::string_view plural) {
    return fmt::format("{} {}", n, noun_for(n, singular, plural));
}

} // namespace peerlog
