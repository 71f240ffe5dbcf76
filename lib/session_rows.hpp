// Session queries that run inside a transaction the caller already holds.
#pragma once

#include "peerlog/session_store.hpp"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <vector>

namespace peerlog {

/// Visits matching sessions in date, start, id order on an open connection. A filter with a
/// note search is std::logic_error: opening notes needs the journal (for_each_session).
void visit_sessions(SQLite::Database& db, const SessionFilter& filter,
                    const std::function<void(const Session&)>& visit);

/// Inserts a session (already validated) for `peer_id` inside the caller's write transaction,
/// as add_session does: its note through the sensitive-text seam, an audit event, and the flags
/// of `policy` (a blocking rule refuses unless `override_reason` is given). Returns its id.
std::int64_t insert_session_row(Journal& journal, SQLite::Database& db, const Session& session,
                                std::int64_t peer_id, const BoundaryPolicy& policy = {},
                                std::string_view override_reason = {});

/// Inserts a group session (already validated) of `group_id` with the named attendees
/// `attendee_ids` (the peers of session.attendees, resolved by the caller) inside the caller's
/// write transaction, through the same path as insert_session_row. Returns its id.
std::int64_t insert_group_session_row(Journal& journal, SQLite::Database& db,
                                      const Session& session, std::int64_t group_id,
                                      std::vector<std::int64_t> attendee_ids,
                                      const BoundaryPolicy& policy = {});

} // namespace peerlog
