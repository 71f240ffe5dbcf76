// Appending to the audit trail inside the caller's write transaction.
#pragma once

#include <SQLiteCpp/Database.h>
#include <string_view>

#include "peerlog/audit.hpp"

namespace peerlog {

/// Appends one event, chained to the previous one. Call inside write_transaction so the event
/// commits or rolls back with the change it records.
void append_audit(SQLite::Database& db, std::string_view action, std::string_view object,
                  std::string_view summary);

/// The chain head at the end of `day` (UTC), read on the caller's connection and transaction.
AuditHead audit_head_in(SQLite::Database& db, Date day);

} // namespace peerlog
