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
    case NumberedTable::review:
        return "session_review";
    case NumberedTable::checkin:
        return "checkin";
    case NumberedTable::supervision:
        return "supervision";
    case NumberedTable::resource:
        return "resource";
    case NumberedTable::group:
        return "peer_group";
    }
    return "peer";
}

// Its row in id_high_water: the table's name, but "review" for session_review and "group" for
// peer_group.
std::string_view high_water_name(NumberedTable table) {
    switch (table) {
    case NumberedTable::review:
        return "review";
    case NumberedTable::group:
        return "group";
    default:
        return table_name(table);
    }
}

} // namespace

std::string next_id_sql(NumberedTable table) {
    // The name is one of the fixed table names above, never a value from outside.
    return fmt::format("(SELECT max(coalesce((SELECT max(id) FROM {0}), 0), coalesce((SELECT id "
                       "FROM id_high_water WHERE name = '{1}'), 0)) + 1)",
                       table_name(table), high_water_name(table));
}

} // namespace peerlog
