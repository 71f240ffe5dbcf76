// Recording and finding backup copies, inside the caller's transaction.
#pragma once

#include "peerlog/backup_copies.hpp"

#include <SQLiteCpp/Database.h>
#include <string_view>

namespace peerlog {

/// Records that a copy was written to `path` now; call in the backup's audit transaction.
void record_backup_copy(SQLite::Database& db, const std::filesystem::path& path);

/// The copies taken at or after `since` (a UTC timestamp as stored), oldest first: those that
/// may hold a record first written at `since`. At the same second counts, to name a copy too
/// many rather than one too few.
std::vector<BackupCopy> backup_copies_since(SQLite::Database& db, std::string_view since);

} // namespace peerlog
