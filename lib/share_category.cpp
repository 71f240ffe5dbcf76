// The categories a consent allows disclosing, and sets of them.
#include "peerlog/share_category.hpp"

#include "enum_names.hpp"
#include "peerlog/error.hpp"
#include "text_util.hpp"

#include <fmt/format.h>

namespace peerlog {
namespace {

constexpr EnumName<ShareCategory> k_share_names[] = {
    {ShareCategory::contact, "contact"},
    {ShareCategory::attendance, "attendance"},
    {ShareCategory::support, "support"},
    {ShareCategory::notes, "notes"},
    {ShareCategory::goals, "goals"},
    {ShareCategory::referrals, "referrals"},
    {ShareCategory::assessments, "assessments"},
};

constexpr unsigned k_all_categories = (1u << k_share_categories.size()) - 1;

} // namespace

ShareCategory parse_share_category(std::string_view text) {
    return parse_name(k_share_names, text, "category to share (--share)");
}

std::string_view to_string(ShareCategory category) {
    return name_of(k_share_names, category);
}

std::string_view describe(ShareCategory category) {
    switch (category) {
    case ShareCategory::contact:
        return "contact details";
    case ShareCategory::attendance:
        return "dates, times, durations, modality and setting of contacts";
    case ShareCategory::support:
        return "support kinds";
    case ShareCategory::notes:
        return "session notes";
    case ShareCategory::goals:
        return "recovery-plan goals";
    case ShareCategory::referrals:
        return "referrals to resources";
    case ShareCategory::assessments:
        return "BARC-10 assessments";
    }
    return "";
}

ShareSet::ShareSet(std::initializer_list<ShareCategory> categories) {
    for (auto category : categories) {
        add(category);
    }
}

ShareSet ShareSet::from_mask(unsigned mask) {
    ShareSet set;
    set.m_mask = mask & k_all_categories;
    return set;
}

ShareSet ShareSet::all() {
    return from_mask(k_all_categories);
}

ShareSet ShareSet::parse(std::string_view text) {
    ShareSet set;
    for (const auto& part : split(text, ',')) {
        if (!part.empty()) {
            set.add(parse_share_category(part));
        }
    }
    if (set.empty()) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("no category to share given (--share): use one or more of {}, "
                                "separated by commas.",
                                all().to_string(", ")));
    }
    return set;
}

std::vector<std::string> ShareSet::names() const {
    std::vector<std::string> names;
    for (auto category : k_share_categories) {
        if (has(category)) {
            names.emplace_back(peerlog::to_string(category));
        }
    }
    return names;
}

std::string ShareSet::to_string(std::string_view separator) const {
    std::string text;
    for (const auto& name : names()) {
        text += text.empty() ? "" : std::string(separator);
        text += name;
    }
    return text;
}

} // namespace peerlog
