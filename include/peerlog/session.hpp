// A session: one contact between the specialist and a peer.
#pragma once

#include "peerlog/boundary_flag.hpp"
#include "peerlog/calendar.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    /// `minutes` split evenly between the set's kinds, by kind index; the first kind takes the
    /// division's remainder, so the parts add up to `minutes` (charts whose bars add up to hours).
    std::array<long long, 4> split_minutes(long long minutes) const;
    friend bool operator==(const SupportSet&, const SupportSet&) = default;

  private:
    unsigned m_mask = 0;
};

/// Which way a gift went.
enum class GiftDirection { given, received };
GiftDirection parse_gift_direction(std::string_view text);
std::string_view to_string(GiftDirection direction);

/// A gift exchanged during or around a contact, and its value in the local currency.
struct Gift {
    GiftDirection direction = GiftDirection::received;
    double value = 0;
    friend bool operator==(const Gift&, const Gift&) = default;
};

/// The facts of a contact that professional boundaries care about (see rules.hpp).
struct BoundaryFacts {
    std::optional<Gift> gift;
    bool money = false;            ///< money lent or borrowed
    bool transport = false;        ///< transport in the specialist's personal vehicle
    bool social_media = false;     ///< contact through personal social media
    std::string dual_relationship; ///< e.g. "neighbour", "employer"; empty when none
    friend bool operator==(const BoundaryFacts&, const BoundaryFacts&) = default;
};

/// A supervisor's review of a session as stored (see supervision.hpp for recording one).
struct StoredReview {
    std::int64_t id = 0;
    std::string reviewer;
    Date on{};
    std::string comment; ///< private text: sealed in an encrypted journal
    bool stale = false;  ///< the session was edited after it: the co-sign no longer covers it
};

/// One contact as stored in the journal: with one peer, or a group session (peer_code empty,
/// `group` set) with named attendees and a count of unnamed ones.
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
    bool disclosed = false; ///< the specialist shared part of their own recovery story
    std::string disclosure; ///< why (the purpose); setting it implies `disclosed`
    std::optional<Date> follow_up;
    BoundaryFacts facts;
    /// Rules this session broke. Listings fill only `rule`; get_session fills everything.
    std::vector<BoundaryFlag> flags;
    std::string group;                  ///< the group's name for a group session, else empty
    std::vector<std::string> attendees; ///< named peers at a group session, by code
    int unnamed = 0;                    ///< attendees of a group session not named in the record
    std::vector<std::int64_t> goals;    ///< ids of the goals the session addressed
    bool reviewed = false;              ///< a supervisor has reviewed / co-signed it
    std::vector<StoredReview> reviews;  ///< every review, oldest first; get_session only

    bool is_group() const { return !group.empty(); }
    /// The peer code, or the group's attendees joined with ','.
    std::string who() const;
};

/// The most attendees a group session may record without names.
inline constexpr int k_max_unnamed_attendees = 10000;

/// Throws Error(invalid_data) naming the field when a session is not one peerlog can store:
/// no support kind, a duration out of range, a date after `today`, a follow-up before the date,
/// a group session without attendees or with a peer, unnamed attendees outside a group.
void validate(const Session& session, Date today);

} // namespace peerlog
