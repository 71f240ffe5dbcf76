// Ids for new rows (peers, sessions, disclosures and a peer's records) that no deleted row had.
#include "record_ids.hpp"

#include <fmt/format.h>
#include <string_view>

namespace peerlog {
namespace {

std::string_view table_name(NumberedTable table) {
    switch (table) {
    case NumberedTable::peer:
        return "peer";
    case NumberedTable::session:
        return "session";
    case NumberedTable::disclosure:
        return "disclosure";
    case NumberedTable::consent:
        return "consent";
    case NumberedTable::goal:
        return "goal";
    case NumberedTable::referral:
        return "referral";
    case NumberedTable::assessment:
        return "assessment";
    }
    return "peer";
}

} // namespace

std::string next_id_sql(NumberedTable table) {
    // The name is one of the fixed table names above, never a value from outside.
    return fmt::format("(SELECT max(coalesce((SELECT max(id) FROM {0}), 0), coalesce((SELECT id "
                       "FROM id_high_water WHERE name = '{0}'), 0)) + 1)",
                       table_name(table));
}

} // namespace peerlog
