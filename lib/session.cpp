// Session enums, support sets and validation.
#include "peerlog/session.hpp"

#include "enum_names.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"
#include "peerlog/peer.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <bit>
#include <fmt/format.h>
#include <set>

namespace peerlog {
namespace {

constexpr EnumName<SupportKind> k_support_names[] = {
    {SupportKind::emotional, "emotional"},
    {SupportKind::informational, "informational"},
    {SupportKind::instrumental, "instrumental"},
    {SupportKind::affiliational, "affiliational"},
};

constexpr EnumName<Modality> k_modality_names[] = {
    {Modality::in_person, "in-person"}, {Modality::phone, "phone"},
    {Modality::video, "video"},         {Modality::text, "text"},
    {Modality::in_person, "inperson"},
};

constexpr EnumName<Setting> k_setting_names[] = {
    {Setting::office, "office"}, {Setting::community, "community"},
    {Setting::home, "home"},     {Setting::treatment_centre, "treatment-centre"},
    {Setting::other, "other"},   {Setting::treatment_centre, "treatment-center"},
};

constexpr EnumName<GiftDirection> k_gift_direction_names[] = {
    {GiftDirection::given, "given"},
    {GiftDirection::received, "received"},
};

} // namespace

GiftDirection parse_gift_direction(std::string_view text) {
    return parse_name(k_gift_direction_names, text, "gift direction");
}
std::string_view to_string(GiftDirection direction) {
    return name_of(k_gift_direction_names, direction);
}

SupportKind parse_support_kind(std::string_view text) {
    return parse_name(k_support_names, text, "support kind");
}
std::string_view to_string(SupportKind kind) {
    return name_of(k_support_names, kind);
}

Modality parse_modality(std::string_view text) {
    return parse_name(k_modality_names, text, "modality");
}
std::string_view to_string(Modality modality) {
    return name_of(k_modality_names, modality);
}

Setting parse_setting(std::string_view text) {
    return parse_name(k_setting_names, text, "setting");
}
std::string_view to_string(Setting setting) {
    return name_of(k_setting_names, setting);
}

SupportSet SupportSet::from_mask(unsigned mask) {
    SupportSet set;
    set.m_mask = mask & 0xFu;
    return set;
}

SupportSet SupportSet::parse(std::string_view text) {
    SupportSet set;
    for (const auto& part : split(text, ',')) {
        if (!part.empty()) {
            set.add(parse_support_kind(part));
        }
    }
    if (set.empty()) {
        throw Error(ErrorKind::invalid_data,
                    "no support kind given: use one or more of emotional, informational, "
                    "instrumental, affiliational, separated by commas.");
    }
    return set;
}

std::array<long long, 4> SupportSet::split_minutes(long long minutes) const {
    long long kinds = std::popcount(m_mask);
    long long share = minutes / std::max(kinds, 1LL), rest = minutes - share * kinds;
    std::array<long long, 4> parts{};
    for (auto kind : k_support_kinds) {
        if (has(kind)) {
            parts[static_cast<std::size_t>(kind)] = share + rest;
            rest = 0;
        }
    }
    return parts;
}

std::string SupportSet::to_string(std::string_view separator) const {
    std::string text;
    for (auto kind : k_support_kinds) {
        if (has(kind)) {
            text += text.empty() ? "" : std::string(separator);
            text += peerlog::to_string(kind);
        }
    }
    return text;
}

std::string Session::who() const {
    if (!is_group()) {
        return peer_code;
    }
    std::string text;
    for (const auto& code : attendees) {
        text += text.empty() ? code : "," + code;
    }
    return text;
}

namespace {

void validate_attendance(const Session& session) {
    if (!session.is_group()) {
        validate_peer_code(session.peer_code);
        if (session.unnamed != 0 || !session.attendees.empty()) {
            throw Error(ErrorKind::invalid_data,
                        "attendees (--attendee, --unnamed) belong to a group session: give "
                        "--group NAME instead of --peer.");
        }
        return;
    }
    if (!session.peer_code.empty()) {
        throw Error(ErrorKind::invalid_data,
                    "a session is with one peer (--peer) or a group (--group), not both: name "
                    "the peers present with --attendee CODE[,CODE...].");
    }
    std::set<std::string> named; // codes compare case-insensitively
    for (const auto& code : session.attendees) {
        validate_peer_code(code);
        if (!named.insert(to_lower(code)).second) {
            // Most likely another peer was meant: counting them once would hide the slip.
            throw Error(ErrorKind::invalid_data,
                        fmt::format("{} is named twice in --attendee: name each peer present once "
                                    "(did you mean another peer?).",
                                    code));
        }
    }
    if (session.unnamed < 0 || session.unnamed > k_max_unnamed_attendees) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("--unnamed is a count from 0 to {}, not {}.",
                                k_max_unnamed_attendees, session.unnamed));
    }
    if (session.attendees.empty() && session.unnamed == 0) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the group session of '{}' has nobody present: name the peers "
                                "with --attendee CODE[,CODE...] and/or count the others with "
                                "--unnamed N.",
                                session.group));
    }
}

} // namespace

void validate(const Session& session, Date today) {
    validate_attendance(session);
    if (session.support.empty()) {
        throw Error(ErrorKind::invalid_data,
                    "a session needs at least one support kind (--support emotional, ...).");
    }
    if (session.minutes < 1 || session.minutes > k_max_duration_minutes) {
        throw Error(ErrorKind::invalid_data, fmt::format("a session lasts 1 to {} minutes, not {}.",
                                                         k_max_duration_minutes, session.minutes));
    }
    if (!session.date.ok()) {
        throw Error(ErrorKind::invalid_data, "the session date is not a valid date.");
    }
    if (session.date > today) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the session date {} is in the future (today is {}): log a "
                                "contact after it happens, and plan the next one with "
                                "--follow-up.",
                                format_date(session.date), format_date(today)));
    }
    if (session.facts.gift &&
        !(session.facts.gift->value >= 0 && session.facts.gift->value < 1e9)) {
        throw Error(ErrorKind::invalid_data,
                    "a gift's value must be zero or more (e.g. 20 or 12.50).");
    }
    if (session.follow_up && *session.follow_up < session.date) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the follow-up date {} is before the session date {}.",
                                format_date(*session.follow_up), format_date(session.date)));
    }
}

} // namespace peerlog
