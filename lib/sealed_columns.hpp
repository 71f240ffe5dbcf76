// Every column that holds sealed text in an encrypted journal, in one list: what `peerlog
// encrypt` seals, and where the marks of an encrypted journal are looked for.
#pragma once

#include "peerlog/journal.hpp"

#include <SQLiteCpp/Database.h>
#include <span>
#include <string_view>

namespace peerlog {

/// A column of typed text about people, sealed in an encrypted journal with the address
/// {table, column, value of row_column, value of key_column (or "")} as associated data: the
/// same address the store that writes it gives bind_sensitive.
struct SealedColumn {
    std::string_view table;
    std::string_view column;
    std::string_view row_column = "id";
    std::string_view key_column = {};
};

/// The sealed columns, table by table.
std::span<const SealedColumn> sealed_columns();

/// Seals every non-empty value still in the clear in a sealed column, inside the caller's write
/// transaction (the journal unlocked); returns how many. Ids and every other column are kept.
long long seal_clear_values(Journal& journal, SQLite::Database& db);

/// How many non-empty values of the sealed columns are still in the clear.
long long count_clear_values(SQLite::Database& db);

/// True when one of the newest rows of a sealed column holds a sealed value: a journal with
/// one is encrypted, whatever became of its key record. Looks at a bounded number of rows per
/// table, so a plain journal of any size pays a few index seeks.
bool sealed_value_present(SQLite::Database& db);

} // namespace peerlog
