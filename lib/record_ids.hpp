// Ids for new peers, sessions and disclosures that no deleted row ever had.
#pragma once

#include <string>

namespace peerlog {

/// The tables whose ids the audit trail and exports name, so an id is never given twice.
enum class NumberedTable { peer, session, disclosure };

/// An SQL expression for the id of a new row of `table`: one more than the highest id it holds
/// or ever held (migration 4's id_high_water, kept by AFTER DELETE triggers). An INSERT gives it
/// as the id; SQLite's own choice, max(id) + 1, would reuse the id of a deleted newest row.
std::string next_id_sql(NumberedTable table);

} // namespace peerlog
