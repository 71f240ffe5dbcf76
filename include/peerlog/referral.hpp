// Community resources and the referrals of peers to them.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// An entry in the community resources directory.
struct Resource {
    std::int64_t id = 0;
    std::string name;
    std::string category; ///< e.g. housing, food, treatment, mutual-aid
    std::string contact;  ///< how to reach it; may be empty
};

/// How far a referral has gone.
enum class ReferralStatus { made, connected, declined, completed };

ReferralStatus parse_referral_status(std::string_view text);
std::string_view to_string(ReferralStatus status);

/// A peer referred to a resource.
struct Referral {
    std::int64_t id = 0;
    std::string peer_code;
    std::string resource;
    Date date{};
    ReferralStatus status = ReferralStatus::made;
    Date status_on{};
};

/// Throws Error(invalid_data) for an empty name or category.
void validate(const Resource& resource);

/// Adds a resource; returns its id. Throws Error(conflict) when the name is taken.
std::int64_t add_resource(Journal& journal, const Resource& resource);

/// The directory by name.
std::vector<Resource> list_resources(Journal& journal);

/// Adds a referral (peer and resource must exist; the date not after `today`).
std::int64_t add_referral(Journal& journal, const Referral& referral, Date today);

/// Referrals by date then id; one peer's only when `peer_code` is set.
std::vector<Referral> list_referrals(Journal& journal, const std::optional<std::string>& peer_code);

/// Sets referral `id`'s status as of `on` and adds the change to its history; returns it.
/// Throws Error(not_found), or Error(invalid_data) when `on` is after `today` (when given) or
/// before the referral was made or its latest status change.
Referral set_referral_status(Journal& journal, std::int64_t id, ReferralStatus status, Date on,
                             std::optional<Date> today = std::nullopt);

/// One status change of a referral: its new status and the day it changed.
struct ReferralStatusChange {
    ReferralStatus status = ReferralStatus::made;
    Date on{};
};

/// Referral `id`'s status changes by day, its making first. Throws Error(not_found).
std::vector<ReferralStatusChange> referral_history(Journal& journal, std::int64_t id);

} // namespace peerlog
