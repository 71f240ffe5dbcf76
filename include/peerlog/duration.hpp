// Session durations in whole minutes, as a person types and reads them.
#pragma once

#include <string>
#include <string_view>

namespace peerlog {

/// The longest single contact peerlog accepts: one day.
inline constexpr int k_max_duration_minutes = 24 * 60;

/// What a duration is of, so that a refusal speaks of a session or a supervision meeting.
enum class DurationOf { contact, supervision_meeting };

/// Parses 45m, 1h, 1h30m, 1.5h or plain minutes (90) into minutes, 1 to 1440.
/// Throws Error(invalid_data) naming `field`.
int parse_duration(std::string_view text, std::string_view field = "duration",
                   DurationOf of = DurationOf::contact);

/// 45m, 1h, 1h30m.
std::string format_duration(int minutes);

/// Hours with two decimals, as a supervisor reads them: 135 -> "2.25".
std::string format_hours(long long minutes);

} // namespace peerlog
