// The journal's schema, as forward-only numbered migrations.
#pragma once

#include <SQLiteCpp/Database.h>
#include <span>
#include <string_view>

namespace peerlog {

/// One step of the schema: its SQL, then (when set) work SQL alone cannot do, such as sealing
/// every record with an audit event. Both run in the step's transaction.
struct Migration {
    std::string_view sql;
    void (*after)(SQLite::Database& db) = nullptr;
};

/// Migration N (1-based) takes the schema from version N-1 to N. Append only: never edit one
/// that has shipped.
std::span<const Migration> migrations();

} // namespace peerlog
