// Which rows of the accounting of disclosures (disclosure_peer) are a given peer's.
#pragma once

#include "sensitive_text.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace peerlog {

/// The code a row of a forgotten peer keeps (with no peer id): none. No peer has it (a code
/// has 1 to 32 characters), so no peer's accounting finds the row.
inline constexpr std::string_view k_forgotten_code = "";

/// Where a disclosed peer's purposes are sealed in an encrypted journal: the disclosure's id and
/// the code the row holds (k_forgotten_code once the peer is forgotten, resealed then).
constexpr FieldAddress peer_purpose_address(std::int64_t disclosure_id, std::string_view code) {
    return {"disclosure_peer", "purpose", disclosure_id, code};
}

/// An SQL condition on disclosure_peer (as `alias`) true for the rows of the peer whose id is
/// bound to ?1 and code to ?2: the rows that carry its id, and the rows of an older peerlog that
/// carry no id but its code. A code alone is not enough: a renamed peer's old code may now be
/// another peer's, and that peer's rows are not this one's.
std::string disclosure_row_of_peer(std::string_view alias);

} // namespace peerlog
