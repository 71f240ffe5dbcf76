// Supervision: meetings with the supervisor, and the supervisor's review of sessions.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// One-to-one or in a group of supervisees.
enum class SupervisionFormat { individual, group };

SupervisionFormat parse_supervision_format(std::string_view text);
std::string_view to_string(SupervisionFormat format);

/// A supervision meeting.
struct SupervisionMeeting {
    std::int64_t id = 0;
    Date date{};
    int minutes = 0;
    std::string supervisor;
    SupervisionFormat format = SupervisionFormat::individual;
    std::string topics;
};

/// Throws Error(invalid_data) for a missing supervisor, a duration out of range or a future date.
void validate(const SupervisionMeeting& meeting, Date today);

/// Adds a meeting; returns its id.
std::int64_t add_supervision(Journal& journal, const SupervisionMeeting& meeting, Date today);

/// Meetings by date then id, within `period` when set.
std::vector<SupervisionMeeting> list_supervision(Journal& journal,
                                                 const std::optional<Period>& period);

/// A supervisor's review (co-sign) of sessions.
struct SessionReview {
    std::string reviewer;
    Date on{};
    std::string comment;
};

/// Records the review of every session in `ids`, all or none. Throws Error(not_found) naming
/// the first unknown id, Error(invalid_data) for an empty reviewer.
void review_sessions(Journal& journal, const std::vector<std::int64_t>& ids,
                     const SessionReview& review);

} // namespace peerlog
