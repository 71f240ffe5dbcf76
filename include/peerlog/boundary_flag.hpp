// The names of the boundary rules and the flags they leave on a session.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace peerlog {

/// Each professional-boundary rule, by its stable name (used in config, flags, reports, JSON).
enum class BoundaryRule {
    contact_hours,
    session_length,
    contacts_per_week,
    gift,
    money,
    transport,
    social_media,
    dual_relationship,
    disclosure_purpose,
    modality,
    setting,
};

inline constexpr std::array<BoundaryRule, 11> k_boundary_rules = {BoundaryRule::contact_hours,
                                                                  BoundaryRule::session_length,
                                                                  BoundaryRule::contacts_per_week,
                                                                  BoundaryRule::gift,
                                                                  BoundaryRule::money,
                                                                  BoundaryRule::transport,
                                                                  BoundaryRule::social_media,
                                                                  BoundaryRule::dual_relationship,
                                                                  BoundaryRule::disclosure_purpose,
                                                                  BoundaryRule::modality,
                                                                  BoundaryRule::setting};

/// What a rule does when a session breaks it.
enum class Severity {
    off,  ///< not checked
    warn, ///< saved, flagged for supervisor review, warning printed
    block ///< refused unless the user gives an override reason
};

BoundaryRule parse_boundary_rule(std::string_view text);
std::string_view to_string(BoundaryRule rule);
Severity parse_severity(std::string_view text);
std::string_view to_string(Severity severity);

/// The message of every dual_relationship flag: the relationship itself stays with the session.
inline constexpr std::string_view k_dual_relationship_message =
    "a dual relationship is recorded (see the session)";

/// A rule a session broke, as stored with the session for supervisor review.
struct BoundaryFlag {
    BoundaryRule rule = BoundaryRule::contact_hours;
    Severity severity = Severity::warn;
    std::string message;         ///< what was broken, with the values
    std::string override_reason; ///< why a blocked session was saved anyway; empty otherwise
};

} // namespace peerlog
