// The journal's SQLite connection and transactions, for the library's stores only.
#pragma once

#include "peerlog/journal.hpp"

#include <SQLiteCpp/Database.h>
#include <functional>

namespace peerlog {

struct Journal::Impl {
    std::filesystem::path path;
    SQLite::Database db;
    bool created = false;
    bool writable = false;
    int version_found = 0;
};

/// Runs `work` in one write transaction (BEGIN IMMEDIATE, so the busy timeout applies) and
/// commits; on any exception it rolls back. SQLite errors become peerlog::Error.
void write_transaction(Journal& journal, const std::function<void(SQLite::Database&)>& work);

/// Runs `work` in one read transaction, so every query sees the same snapshot.
void read_transaction(Journal& journal, const std::function<void(SQLite::Database&)>& work);

/// Copies the WAL into the main file and truncates it, so deleted pages (zeroed by
/// secure_delete) do not survive in the -wal file.
void checkpoint(Journal& journal);

/// The current UTC time as an ISO 8601 timestamp, for created_at / updated_at columns.
std::string utc_timestamp();

} // namespace peerlog
