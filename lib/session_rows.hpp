// Session queries that run inside a transaction the caller already holds.
#pragma once

#include "peerlog/session_store.hpp"

#include <SQLiteCpp/Database.h>

namespace peerlog {

/// Visits matching sessions in date, start, id order on an open connection.
void visit_sessions(SQLite::Database& db, const SessionFilter& filter,
                    const std::function<void(const Session&)>& visit);

} // namespace peerlog
