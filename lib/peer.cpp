// Peer enums and validation.
#include "peerlog/peer.hpp"

#include "enum_names.hpp"
#include "peerlog/error.hpp"

#include <fmt/format.h>

namespace peerlog {
namespace {

constexpr EnumName<Pathway> k_pathway_names[] = {
    {Pathway::substance_use, "substance-use"},
    {Pathway::mental_health, "mental-health"},
    {Pathway::co_occurring, "co-occurring"},
};

constexpr EnumName<RecoveryStage> k_stage_names[] = {
    {RecoveryStage::early, "early"},
    {RecoveryStage::mid, "mid"},
    {RecoveryStage::late, "late"},
    {RecoveryStage::sustained, "sustained"},
};

constexpr EnumName<PeerStatus> k_status_names[] = {
    {PeerStatus::active, "active"},
    {PeerStatus::paused, "paused"},
    {PeerStatus::closed, "closed"},
};

bool is_code_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

} // namespace

Pathway parse_pathway(std::string_view text) {
    return parse_name(k_pathway_names, text, "pathway");
}
std::string_view to_string(Pathway pathway) {
    return name_of(k_pathway_names, pathway);
}

RecoveryStage parse_stage(std::string_view text) {
    return parse_name(k_stage_names, text, "recovery stage");
}
std::string_view to_string(RecoveryStage stage) {
    return name_of(k_stage_names, stage);
}

PeerStatus parse_peer_status(std::string_view text) {
    return parse_name(k_status_names, text, "peer status");
}
std::string_view to_string(PeerStatus status) {
    return name_of(k_status_names, status);
}

void validate_peer_code(std::string_view code) {
    bool valid = !code.empty() && code.size() <= 32 && is_code_char(code.front()) &&
                 code.front() != '.' && code.front() != '_' && code.front() != '-';
    for (char c : code) {
        valid = valid && is_code_char(c);
    }
    if (!valid) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("invalid peer code '{}': use 1 to 32 letters, digits, '.', '_' or "
                                "'-', starting with a letter or digit (e.g. P1 or RJ-07). A code "
                                "is a pseudonym: never use the peer's name.",
                                code));
    }
}

void validate(const Peer& peer) {
    validate_peer_code(peer.code);
    if (!peer.since.ok()) {
        throw Error(ErrorKind::invalid_data,
                    "the peer's start date (--since) is not a valid date.");
    }
    if (peer.status == PeerStatus::closed && !peer.closed_on) {
        throw Error(ErrorKind::invalid_data, "a closed peer needs a closing date.");
    }
    if (peer.closed_on && *peer.closed_on < peer.since) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the closing date {} is before the peer's start date {}.",
                                format_date(*peer.closed_on), format_date(peer.since)));
    }
}

void validate_since(Date since, Date today) {
    if (since > today) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the start date (--since) {} is in the future (today is {}): a "
                                "peer joins the caseload on a day that has come; give today or "
                                "an earlier day.",
                                format_date(since), format_date(today)));
    }
}

} // namespace peerlog
