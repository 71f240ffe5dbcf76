// Group queries that run inside a transaction the caller already holds.
#pragma once

#include "peerlog/group.hpp"
#include "peerlog/journal.hpp"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <optional>
#include <string>

namespace peerlog {

/// The group with this name (case-insensitive), or nothing.
std::optional<Group> find_group_row(SQLite::Database& db, const std::string& name);

/// Inserts a group (already validated, name free) on an open connection; returns its id. Its
/// schedule is sealed in an encrypted journal (load the key before the transaction).
std::int64_t insert_group_row(Journal& journal, SQLite::Database& db, const Group& group);

} // namespace peerlog
