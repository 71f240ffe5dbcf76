// Self-care: the specialist's own wellbeing check-ins. Private unless shared, notes always.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peerlog {

/// One check-in: stress and energy on a 1-5 scale.
struct Checkin {
    std::int64_t id = 0;
    Date date{};
    int stress = 1;
    int energy = 1;
    bool needs_support = false;
    std::string note;    ///< private: never in a report or export
    bool shared = false; ///< the supervisor may see it (without the note) in reports
};

/// Throws Error(invalid_data) for stress or energy outside 1-5 or a future date.
void validate(const Checkin& checkin, Date today);

/// Adds a check-in; returns its id.
std::int64_t add_checkin(Journal& journal, const Checkin& checkin, Date today);

/// Whether a listing reads the private notes (which, in an encrypted journal, needs the key).
enum class CheckinNotes { leave_out, include };

/// Check-ins by date then id, within `period` when set; only shared ones with `shared_only`.
/// Notes are read only with CheckinNotes::include and never with `shared_only`; only then
/// does an encrypted journal ask for its passphrase.
std::vector<Checkin> list_checkins(Journal& journal, const std::optional<Period>& period,
                                   bool shared_only, CheckinNotes notes = CheckinNotes::leave_out);

} // namespace peerlog
