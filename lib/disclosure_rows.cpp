// Which rows of the accounting of disclosures (disclosure_peer) are a given peer's.
#include "disclosure_rows.hpp"

#include <fmt/format.h>

namespace peerlog {

std::string disclosure_row_of_peer(std::string_view alias) {
    // coalesce: a row with no id compares NULL, which NOT() would not turn into true.
    return fmt::format("(coalesce({0}.peer_id = ?1, 0) OR ({0}.peer_id IS NULL AND {0}.peer_code "
                       "= ?2 COLLATE NOCASE))",
                       alias);
}

} // namespace peerlog
