// Recovery capital over time: the Brief Assessment of Recovery Capital (BARC-10).
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// The BARC-10 has ten items, each scored 1 (strongly disagree) to 6 (strongly agree).
inline constexpr std::size_t k_barc10_items = 10;
inline constexpr int k_barc10_min_score = 1;
inline constexpr int k_barc10_max_score = 6;
/// A total of 47 or more is associated with sustained remission (Vilsaint et al., 2017).
inline constexpr int k_barc10_remission_threshold = 47;

using Barc10Items = std::array<int, k_barc10_items>;

/// The wording of each BARC-10 item, in order, for the interactive prompt.
const std::array<std::string_view, k_barc10_items>& barc10_item_wording();

/// Parses "N,N,...": exactly ten items, each 1-6. Throws Error(invalid_data) naming the problem.
Barc10Items parse_barc10(std::string_view text);

/// Parses one item's score typed at the prompt. Throws Error(invalid_data) unless 1-6.
int parse_barc10_item(std::string_view text, std::size_t item_number);

/// One BARC-10 taken by a peer.
struct Assessment {
    std::int64_t id = 0;
    std::string peer_code;
    Date date{};
    Barc10Items items{};
    int total() const;
};

/// Throws Error(invalid_data) for an item out of range or a date after `today`.
void validate(const Assessment& assessment, Date today);

/// Adds an assessment for an existing peer whose record is open; returns its id.
std::int64_t add_assessment(Journal& journal, const Assessment& assessment, Date today);

/// Throws what add_assessment would for `peer_code` (not_found, or conflict when closed), so a
/// terminal can check before asking the ten items.
void check_peer_can_be_assessed(Journal& journal, const std::string& peer_code);

/// A peer's assessments by date then id. Throws Error(not_found) for an unknown peer.
std::vector<Assessment> list_assessments(Journal& journal, const std::string& peer_code);

} // namespace peerlog
