// What a consent allows disclosing: the categories of a peer's information (42 CFR 2.31(a)(3):
// "how much and what kind of information is to be disclosed").
#pragma once

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// One kind of a peer's information an identified output may carry. The peer's name is not one:
/// every identified output names its peers (that is what identified means).
enum class ShareCategory {
    contact,     ///< contact details
    attendance,  ///< dates, start times, durations, modality and setting of contacts
    support,     ///< the support kinds of each contact
    notes,       ///< session notes
    goals,       ///< recovery-plan goals
    referrals,   ///< referrals to community resources
    assessments, ///< BARC-10 assessments
};

inline constexpr std::array<ShareCategory, 7> k_share_categories = {
    ShareCategory::contact,    ShareCategory::attendance, ShareCategory::support,
    ShareCategory::notes,      ShareCategory::goals,      ShareCategory::referrals,
    ShareCategory::assessments};

ShareCategory parse_share_category(std::string_view text);
std::string_view to_string(ShareCategory category);
/// What the category covers, in a few words: "dates, times, durations, modality, setting".
std::string_view describe(ShareCategory category);

/// A set of categories, stored as a bit mask (contact = 1 ... assessments = 64).
class ShareSet {
  public:
    ShareSet() = default;
    ShareSet(std::initializer_list<ShareCategory> categories);
    static ShareSet from_mask(unsigned mask);
    /// Every category.
    static ShareSet all();
    /// Parses "contact,attendance" (exact words, case-insensitive, at least one). Throws
    /// Error(invalid_data) naming the words accepted.
    static ShareSet parse(std::string_view text);

    void add(ShareCategory category) { m_mask |= bit(category); }
    bool has(ShareCategory category) const { return (m_mask & bit(category)) != 0; }
    bool empty() const { return m_mask == 0; }
    unsigned mask() const { return m_mask; }
    /// Adds every category of `other`: the union of two consents.
    ShareSet& operator|=(const ShareSet& other) {
        m_mask |= other.m_mask;
        return *this;
    }
    /// The names in the fixed order of k_share_categories.
    std::vector<std::string> names() const;
    /// "contact,attendance" in the fixed order of k_share_categories.
    std::string to_string(std::string_view separator = ",") const;
    friend bool operator==(const ShareSet&, const ShareSet&) = default;

  private:
    static unsigned bit(ShareCategory category) { return 1u << static_cast<unsigned>(category); }
    unsigned m_mask = 0;
};

} // namespace peerlog
