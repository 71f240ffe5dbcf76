// A session: one contact between the specialist and a peer.
#pragma once

#include "peerlog/calendar.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peerlog {

/// The four kinds of peer support (see DESIGN.md).
enum class SupportKind { emotional, informational, instrumental, affiliational };

inline constexpr std::array<SupportKind, 4> k_support_kinds = {
    SupportKind::emotional, SupportKind::informational, SupportKind::instrumental,
    SupportKind::affiliational};

/// How the contact happened.
enum class Modality { in_person, phone, video, text };

inline constexpr std::array<Modality, 4> k_modalities = {Modality::in_person, Modality::phone,
                                                         Modality::video, Modality::text};

/// Where the contact happened.
enum class Setting { office, community, home, treatment_centre, other };

SupportKind parse_support_kind(std::string_view text);
std::string_view to_string(SupportKind kind);
Modality parse_modality(std::string_view text);
std::string_view to_string(Modality modality);
Setting parse_setting(std::string_view text);
std::string_view to_string(Setting setting);

/// A set of support kinds, stored as a bit mask (emotional = 1 ... affiliational = 8).
class SupportSet {
  public:
    SupportSet() = default;
    static SupportSet from_mask(unsigned mask);
    /// Parses "emotional,instrumental" (exact words, case-insensitive, at least one).
    static SupportSet parse(std::string_view text);

    void add(SupportKind kind) { m_mask |= bit(kind); }
    bool has(SupportKind kind) const { return (m_mask & bit(kind)) != 0; }
    bool empty() const { return m_mask == 0; }
    unsigned mask() const { return m_mask; }
    static unsigned bit(SupportKind kind) { return 1u << static_cast<unsigned>(kind); }
    /// "emotional,instrumental" in the fixed order of k_support_kinds.
    std::string to_string(std::string_view separator = ",") const;
    friend bool operator==(const SupportSet&, const SupportSet&) = default;

  private:
    unsigned m_mask = 0;
};

/// One contact as stored in the journal.
struct Session {
    std::int64_t id = 0;
    std::string peer_code;
    Date date{};
    std::optional<TimeOfDay> start;
    int minutes = 0;
    Modality modality = Modality::in_person;
    Setting setting = Setting::office;
    SupportSet support;
    std::string note;       ///< narrative: what happened, the peer's response, next step
    std::string disclosure; ///< purpose of any self-disclosure; empty when none was made
    std::optional<Date> follow_up;
};

/// Throws Error(invalid_data) naming the field when a session is not one peerlog can store:
/// no support kind, a duration out of range, a date after `today`, a follow-up before the date.
void validate(const Session& session, Date today);

} // namespace peerlog
