// Corrections of the records beyond peers and sessions: an edit or a deletion of a goal,
// referral, assessment, supervision meeting, check-in, resource or group, and the deletion of a
// consent recorded by mistake. Each is one write transaction with its audit event, which carries
// the record's new state (or its deletion), so `audit verify` vouches for the corrected record.
#pragma once

#include "peerlog/assessment.hpp"
#include "peerlog/calendar.hpp"
#include "peerlog/checkin.hpp"
#include "peerlog/goal.hpp"
#include "peerlog/group.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/referral.hpp"
#include "peerlog/supervision.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace peerlog {

/// Whether a removal deletes, or only checks that it could and says what it would delete.
enum class Removal { dry_run, apply };

/// The changes of a `goal edit`; unset fields stay as stored.
struct GoalEdit {
    std::optional<GoalDomain> domain;
    std::optional<std::string> text;           ///< sealed in an encrypted journal
    std::optional<std::optional<Date>> target; ///< set to nullopt to clear the target
    std::optional<Date> opened_on;
    bool empty() const { return !domain && !text && !target && !opened_on; }
};

/// Applies `edit` to goal `id` and returns it (without its text, which may be sealed). Throws
/// Error(not_found), or Error(invalid_data) as validate() does and when the opening day would
/// fall after the day its status last changed.
Goal edit_goal(Journal& journal, std::int64_t id, const GoalEdit& edit, Date today);

/// Deletes goal `id` (or, with Removal::dry_run, only checks); returns what it is, e.g. "goal 3
/// of P001 (housing, open)". Throws Error(not_found), or Error(conflict) naming the sessions
/// that addressed it (they would lose the link silently).
std::string remove_goal(Journal& journal, std::int64_t id, Removal mode);

/// The changes of a `referral edit`; unset fields stay as stored.
struct ReferralEdit {
    std::optional<std::string> resource; ///< the resource's name
    std::optional<Date> date;            ///< the day the referral was made
    bool empty() const { return !resource && !date; }
};

/// Applies `edit` to referral `id` and returns it. Throws Error(not_found) for the referral or
/// the resource, Error(invalid_data) for a date after today or after one of its status changes.
Referral edit_referral(Journal& journal, std::int64_t id, const ReferralEdit& edit, Date today);

/// Deletes referral `id` with its status history; returns what it is. Throws Error(not_found).
std::string remove_referral(Journal& journal, std::int64_t id, Removal mode);

/// The changes of an `assess edit`.
struct AssessmentEdit {
    std::optional<Date> date;
    std::optional<Barc10Items> items;
    bool empty() const { return !date && !items; }
};

/// Applies `edit` to assessment `id` and returns it. Throws Error(not_found | invalid_data).
Assessment edit_assessment(Journal& journal, std::int64_t id, const AssessmentEdit& edit,
                           Date today);

/// Deletes assessment `id`; returns what it is. Throws Error(not_found).
std::string remove_assessment(Journal& journal, std::int64_t id, Removal mode);

/// The changes of a `supervision edit`.
struct SupervisionEdit {
    std::optional<Date> date;
    std::optional<int> minutes;
    std::optional<std::string> supervisor;
    std::optional<SupervisionFormat> format;
    std::optional<std::string> topics; ///< sealed in an encrypted journal; "" clears them
    bool empty() const { return !date && !minutes && !supervisor && !format && !topics; }
};

/// Applies `edit` to meeting `id` and returns it, its topics only as the edit gives them (sealed
/// in an encrypted journal, as add seals them). Throws Error(not_found | invalid_data).
SupervisionMeeting edit_supervision(Journal& journal, std::int64_t id, const SupervisionEdit& edit,
                                    Date today);

/// Deletes supervision meeting `id`; returns what it is. Throws Error(not_found).
std::string remove_supervision(Journal& journal, std::int64_t id, Removal mode);

/// The changes of a `checkin edit`.
struct CheckinEdit {
    std::optional<Date> date;
    std::optional<int> stress;
    std::optional<int> energy;
    std::optional<bool> needs_support;
    std::optional<bool> shared;
    std::optional<std::string> note; ///< sealed in an encrypted journal
    bool empty() const { return !date && !stress && !energy && !needs_support && !shared && !note; }
};

/// Applies `edit` to check-in `id` and returns it without its note. Throws Error(not_found |
/// invalid_data).
Checkin edit_checkin(Journal& journal, std::int64_t id, const CheckinEdit& edit, Date today);

/// Deletes check-in `id`; returns what it is. Throws Error(not_found).
std::string remove_checkin(Journal& journal, std::int64_t id, Removal mode);

/// The changes of a `resource edit`.
struct ResourceEdit {
    std::optional<std::string> name;
    std::optional<std::string> category;
    std::optional<std::string> contact; ///< sealed in an encrypted journal; "" clears it
    bool empty() const { return !name && !category && !contact; }
};

/// Applies `edit` to the resource named `name` and returns it, its contact only as the edit gives
/// it (sealed in an encrypted journal, as add seals it). Throws Error(not_found),
/// Error(conflict) when the new name is another resource's, Error(invalid_data).
Resource edit_resource(Journal& journal, const std::string& name, const ResourceEdit& edit);

/// Deletes the resource named `name`; returns what it is. Throws Error(not_found), or
/// Error(conflict) naming the referrals to it.
std::string remove_resource(Journal& journal, const std::string& name, Removal mode);

/// The changes of a `group edit`.
struct GroupEdit {
    std::optional<std::string> name;
    std::optional<std::string> schedule; ///< sealed in an encrypted journal; "" clears it
    bool empty() const { return !name && !schedule; }
};

/// Applies `edit` to the group named `name` and returns it, its schedule only as the edit gives
/// it (sealed in an encrypted journal, as add seals it). Throws Error(not_found),
/// Error(conflict) when the new name is another group's, Error(invalid_data).
Group edit_group(Journal& journal, const std::string& name, const GroupEdit& edit);

/// Deletes the group named `name`; returns what it is. Throws Error(not_found), or
/// Error(conflict) naming the sessions logged for it.
std::string remove_group(Journal& journal, const std::string& name, Removal mode);

/// Deletes consent `id`, recorded by mistake (a consent the peer signed and withdrew is revoked,
/// never deleted); `reason` (1-500 characters) is kept in the journal, sealed in an encrypted
/// one, and quoted by the audit event only in a plain one. Returns what it is.
/// Throws Error(not_found), or Error(invalid_data) for a missing reason. The accounting of
/// disclosures keeps what was disclosed under it: a disclosure row names no consent.
std::string remove_consent(Journal& journal, std::int64_t id, const std::string& reason,
                           Removal mode);

} // namespace peerlog
