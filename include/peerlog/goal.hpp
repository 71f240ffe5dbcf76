// Recovery-plan goals: the peer's own goals in a life domain, and their progress.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// The life domain a goal belongs to.
enum class GoalDomain {
    housing,
    employment,
    education,
    health,
    relationships,
    legal,
    recovery_community,
    other
};

/// Where a goal stands.
enum class GoalStatus { open, progressing, achieved, dropped };

GoalDomain parse_goal_domain(std::string_view text);
std::string_view to_string(GoalDomain domain);
GoalStatus parse_goal_status(std::string_view text);
std::string_view to_string(GoalStatus status);

/// A peer's goal as stored.
struct Goal {
    std::int64_t id = 0;
    std::string peer_code;
    GoalDomain domain = GoalDomain::other;
    std::string text;
    GoalStatus status = GoalStatus::open;
    std::optional<Date> target;
    Date opened_on{}; ///< the day it was added
    Date status_on{}; ///< the day its status last changed
};

/// Throws Error(invalid_data) for an empty text, an opening day after `today` or a target
/// before the opening day.
void validate(const Goal& goal, Date today);

/// Adds a goal for an existing peer, opened on goal.opened_on (today, or the day it was set
/// when entered later); returns its id. Throws Error(invalid_data | not_found | conflict).
std::int64_t add_goal(Journal& journal, const Goal& goal, Date today);

/// Goals by peer code then id; one peer's only when `peer_code` is set. Their text is sealed
/// in an encrypted journal, so listing them asks for the passphrase there.
std::vector<Goal> list_goals(Journal& journal, const std::optional<std::string>& peer_code);

/// Sets goal `id`'s status as of `on`; returns the goal without its text (so no passphrase is
/// needed). Throws Error(not_found), or Error(invalid_data) when `on` is after `today` or before
/// the goal was opened.
Goal set_goal_status(Journal& journal, std::int64_t id, GoalStatus status, Date on, Date today);

} // namespace peerlog
