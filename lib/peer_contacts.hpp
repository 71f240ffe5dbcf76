// SQL shared by the queries that ask when and how often peers were seen: a peer is seen at
// their own sessions and at the group sessions they attended.
#pragma once

namespace peerlog {

/// Every contact as (id, peer_id, date, minutes): one-on-one sessions, then one row per named
/// attendee of a group session. Use it as a subquery with a date condition outside.
inline constexpr const char* k_peer_contacts =
    "SELECT id, peer_id, date, minutes FROM session WHERE peer_id IS NOT NULL UNION ALL "
    "SELECT s.id, a.peer_id, s.date, s.minutes FROM session_attendee a JOIN session s ON "
    "s.id = a.session_id";

/// The last day peer `p` (the outer query's alias) was seen on or before :day, or NULL. Each
/// branch is its own max() so the one-on-one side is a single seek in session_by_peer_date
/// instead of a walk through the peer's whole history.
inline constexpr const char* k_last_contact_of_p =
    "(SELECT max(d) FROM (SELECT max(date) AS d FROM session WHERE peer_id = p.id AND date <= "
    ":day UNION ALL SELECT max(s.date) FROM session_attendee a JOIN session s ON s.id = "
    "a.session_id WHERE a.peer_id = p.id AND s.date <= :day))";

} // namespace peerlog
