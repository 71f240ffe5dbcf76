// Groups: named recurring recovery groups whose sessions record who was present.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/journal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peerlog {

/// A named recurring group.
struct Group {
    std::int64_t id = 0;
    std::string name;
    std::string schedule; ///< free text, e.g. "Tuesdays 18:00"; may be empty
};

/// A group with the figures `group list` and `group show` print.
struct GroupOverview {
    Group group;
    long long sessions = 0;
    long long minutes = 0;
    long long attendances = 0; ///< named attendees summed over the sessions
    long long unnamed = 0;     ///< unnamed attendees summed over the sessions
    std::optional<Date> last_session;
    std::vector<std::string> regulars; ///< peers who attended, by code
};

/// Throws Error(invalid_data) unless the name is 1-64 characters with no control characters.
void validate(const Group& group);

/// Adds a group; returns its id. Throws Error(conflict) when the name is taken.
std::int64_t add_group(Journal& journal, const Group& group);

/// All groups by name. A schedule is typed text, sealed in an encrypted journal: opened (asking
/// the passphrase) or shown as k_sealed_marker, as `schedules` says.
std::vector<GroupOverview> list_groups(Journal& journal, SealedText schedules = SealedText::open);

/// One group, its schedule opened. Throws Error(not_found).
GroupOverview group_overview(Journal& journal, const std::string& name);

} // namespace peerlog
