// SQLite databases in files that have no name (an OutputFile's descriptor), for backups.
#pragma once

#include <SQLiteCpp/Database.h>
#include <filesystem>
#include <string>

namespace peerlog {

/// Copies the database at `source` (a journal) into the empty file open at `fd` with VACUUM
/// INTO, through a connection of its own: one read transaction, so a consistent snapshot that
/// never blocks a writer, written as a single rollback-journal file (no -wal). SQLite names no
/// file for it: the VFS behind it reads and writes the descriptor, and keeps the copy's own
/// rollback journal in memory. Throws SQLite::Exception when SQLite fails.
void vacuum_into_descriptor(const std::filesystem::path& source, int fd, int busy_timeout_ms);

/// Opens the database in the file open at `fd`, read-only.
SQLite::Database open_descriptor_database(int fd);

} // namespace peerlog
