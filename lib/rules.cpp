// Professional-boundary rules: names, defaults and evaluation on one session.
#include "peerlog/rules.hpp"

#include "enum_names.hpp"
#include "peerlog/duration.hpp"
#include "text_util.hpp"

#include <fmt/format.h>

namespace peerlog {
namespace {

constexpr EnumName<BoundaryRule> k_rule_names[] = {
    {BoundaryRule::contact_hours, "contact_hours"},
    {BoundaryRule::session_length, "session_length"},
    {BoundaryRule::contacts_per_week, "contacts_per_week"},
    {BoundaryRule::gift, "gift"},
    {BoundaryRule::money, "money"},
    {BoundaryRule::transport, "transport"},
    {BoundaryRule::social_media, "social_media"},
    {BoundaryRule::dual_relationship, "dual_relationship"},
    {BoundaryRule::disclosure_purpose, "disclosure_purpose"},
    {BoundaryRule::modality, "modality"},
    {BoundaryRule::setting, "setting"},
};

constexpr EnumName<Severity> k_severity_names[] = {
    {Severity::off, "off"},
    {Severity::warn, "warn"},
    {Severity::block, "block"},
};

std::string contact_hours_problem(const Session& s, const BoundaryPolicy& policy) {
    if (!s.start) {
        return ""; // no start time: nothing to check against
    }
    int start = s.start->minutes_since_midnight;
    int end = start + s.minutes;
    if (start >= policy.contact_from.minutes_since_midnight &&
        end <= policy.contact_until.minutes_since_midnight) {
        return "";
    }
    return fmt::format("contact from {} for {} is outside the allowed hours {}-{}",
                       format_time(*s.start), format_duration(s.minutes),
                       format_time(policy.contact_from), format_time(policy.contact_until));
}

std::string gift_problem(const Session& s, const BoundaryPolicy& policy) {
    if (!s.facts.gift || s.facts.gift->value <= policy.gift_limit) {
        return "";
    }
    return fmt::format("a gift worth {} was {}, above the limit of {}",
                       format_amount(s.facts.gift->value), to_string(s.facts.gift->direction),
                       format_amount(policy.gift_limit));
}

// The problem a rule finds with the session, or "" when it holds.
std::string problem_with(BoundaryRule rule, const Session& s, const BoundaryPolicy& policy,
                         int contacts_in_week) {
    switch (rule) {
    case BoundaryRule::contact_hours:
        return contact_hours_problem(s, policy);
    case BoundaryRule::session_length:
        return s.minutes > policy.max_session_minutes
                   ? fmt::format("the session lasted {} minutes, more than the limit of {}",
                                 s.minutes, policy.max_session_minutes)
                   : "";
    case BoundaryRule::contacts_per_week:
        return contacts_in_week > policy.max_contacts_per_week
                   ? fmt::format("{} contacts with {} in week {}, more than the limit of {}",
                                 contacts_in_week, s.peer_code, format_week(iso_week_of(s.date)),
                                 policy.max_contacts_per_week)
                   : "";
    case BoundaryRule::gift:
        return gift_problem(s, policy);
    case BoundaryRule::money:
        return s.facts.money ? "money was lent or borrowed" : "";
    case BoundaryRule::transport:
        return s.facts.transport ? "transport in a personal vehicle" : "";
    case BoundaryRule::social_media:
        return s.facts.social_media ? "contact through personal social media" : "";
    case BoundaryRule::dual_relationship:
        // The relationship itself is private text (sealed in an encrypted journal) and flags
        // travel into every format of `report boundaries`: the message only points at it.
        return s.facts.dual_relationship.empty() ? "" : std::string(k_dual_relationship_message);
    case BoundaryRule::disclosure_purpose:
        // A blank purpose is none: "   " states nothing (stored trimmed, see session_store).
        return (s.disclosed || !s.disclosure.empty()) && trim(s.disclosure).empty()
                   ? "self-disclosure without a stated purpose (give --disclosure PURPOSE)"
                   : "";
    case BoundaryRule::modality:
        return (policy.allowed_modalities >> static_cast<unsigned>(s.modality) & 1u) == 0
                   ? fmt::format("modality {} is not allowed", to_string(s.modality))
                   : "";
    case BoundaryRule::setting:
        return (policy.allowed_settings >> static_cast<unsigned>(s.setting) & 1u) == 0
                   ? fmt::format("setting {} is not allowed", to_string(s.setting))
                   : "";
    }
    return "";
}

} // namespace

BoundaryRule parse_boundary_rule(std::string_view text) {
    std::string name(text);
    for (auto& c : name) {
        c = c == '-' ? '_' : c;
    }
    for (const auto& [rule, rule_name] : k_rule_names) {
        if (name == rule_name) {
            return rule;
        }
    }
    return parse_name(k_rule_names, text, "boundary rule"); // throws, listing the names
}
std::string_view to_string(BoundaryRule rule) {
    return name_of(k_rule_names, rule);
}

Severity parse_severity(std::string_view text) {
    return parse_name(k_severity_names, text, "severity");
}
std::string_view to_string(Severity severity) {
    return name_of(k_severity_names, severity);
}

std::array<Severity, k_boundary_rules.size()> BoundaryPolicy::default_severities() {
    std::array<Severity, k_boundary_rules.size()> severities{};
    severities.fill(Severity::warn);
    return severities;
}

BoundaryPolicy warn_only(BoundaryPolicy policy) {
    for (auto& severity : policy.severities) {
        severity = severity == Severity::block ? Severity::warn : severity;
    }
    return policy;
}

std::vector<BoundaryFlag> evaluate_boundaries(const Session& session, const BoundaryPolicy& policy,
                                              int contacts_in_week) {
    std::vector<BoundaryFlag> flags;
    for (auto rule : k_boundary_rules) {
        Severity severity = policy.severity_of(rule);
        if (severity == Severity::off) {
            continue;
        }
        std::string problem = problem_with(rule, session, policy, contacts_in_week);
        if (!problem.empty()) {
            flags.push_back({rule, severity, std::move(problem), ""});
        }
    }
    return flags;
}

bool any_blocking(const std::vector<BoundaryFlag>& flags) {
    for (const auto& flag : flags) {
        if (flag.severity == Severity::block) {
            return true;
        }
    }
    return false;
}

Error blocked_by_rules(const std::vector<BoundaryFlag>& flags,
                       std::optional<std::int64_t> edited_session) {
    std::string reasons;
    for (const auto& flag : flags) {
        if (flag.severity == Severity::block && flag.override_reason.empty()) {
            reasons += fmt::format("\n  {}: {}", to_string(flag.rule), flag.message);
        }
    }
    std::string what = edited_session
                           ? fmt::format("the change to session {} was not saved (the session is "
                                         "as it was)",
                                         *edited_session)
                           : std::string("the session was not saved");
    return Error(ErrorKind::privacy,
                 fmt::format("{}: it breaks a boundary rule set to block:{}\nIf it was necessary "
                             "(e.g. a crisis call), save it with --override \"REASON\"; the "
                             "reason is stored, flagged for your supervisor and audited.",
                             what, reasons));
}

void require_override_reason(std::string_view reason) {
    if (trim(reason).empty()) {
        throw Error(ErrorKind::usage,
                    "--override needs a reason, e.g. --override \"crisis call\": it is stored "
                    "with the flag and shown to your supervisor, so a blank one says nothing.");
    }
}

std::pair<TimeOfDay, TimeOfDay> parse_contact_hours(std::string_view text) {
    auto dash = text.find('-');
    if (dash == std::string_view::npos) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("contact hours '{}' must look like 08:00-20:00.", text));
    }
    TimeOfDay from = parse_time(text.substr(0, dash), "contact hours");
    TimeOfDay until = text.substr(dash + 1) == "24:00"
                          ? TimeOfDay{24 * 60}
                          : parse_time(text.substr(dash + 1), "contact hours");
    if (!(from < until)) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("contact hours '{}' must end after they start.", text));
    }
    return {from, until};
}

} // namespace peerlog
