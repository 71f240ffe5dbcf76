// Ids for new rows (peers, sessions, disclosures and the other records) that no deleted row had.
#pragma once

#include <string>

namespace peerlog {

/// The tables whose ids the audit trail and exports name, so an id is never given twice.
/// (A peer's consents, goals, referrals and assessments go when the peer is forgotten.)
enum class NumberedTable {
    peer,
    session,
    disclosure,
    consent,
    goal,
    referral,
    assessment,
    review,  ///< session_review
    checkin, ///< from schema 10 on, as the rest below
    supervision,
    resource,
    group ///< peer_group
};

/// An SQL expression for the id of a new row of `table`: one more than the highest id it holds
/// or ever held (migration 4's id_high_water, kept by AFTER DELETE triggers). An INSERT gives it
/// as the id; SQLite's own choice, max(id) + 1, would reuse the id of a deleted newest row.
std::string next_id_sql(NumberedTable table);

} // namespace peerlog
