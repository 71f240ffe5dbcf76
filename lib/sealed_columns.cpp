// Every column that holds sealed text in an encrypted journal, in one list.
#include "sealed_columns.hpp"

#include "sensitive_text.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <string>
#include <vector>

namespace peerlog {
namespace {

// Codes, names used as lookup keys (groups, resources, supervisors, reviewers), categories,
// dates, numbers and enums are not here: they stay in the clear so that lists, exports and
// reports work without the passphrase (README, "Encrypted journal").
constexpr std::array<SealedColumn, 21> k_sealed_columns = {{
    {"session", "note"},
    {"session", "disclosure"},
    {"session", "dual_relationship"},
    {"session_flag", "override_reason", "session_id", "rule"},
    {"session_review", "comment"},
    {"peer", "referred_by"},
    {"peer_identity", "name", "peer_id"},
    {"peer_identity", "contact", "peer_id"},
    {"goal", "text"},
    {"checkin", "note"},
    {"consent", "recipient"},
    {"consent", "purpose"},
    {"consent", "information"},
    {"consent", "expiry_event"},
    {"consent_removal", "reason", "consent_id"},
    {"disclosure", "recipient"},
    {"disclosure", "purpose"},
    {"disclosure_peer", "purpose", "disclosure_id", "peer_code"},
    {"supervision", "topics"},
    {"resource", "contact"},
    {"peer_group", "schedule"},
}};

// How many rows of each column sealed_value_present looks at, newest first.
constexpr int k_rows_probed = 64;

// Values are sealed a batch at a time, so a large journal is not read into memory at once.
constexpr int k_batch_rows = 500;

struct ClearValue {
    std::int64_t rowid = 0;
    std::int64_t row = 0;
    std::string key;
    std::string text;
};

std::vector<ClearValue> next_clear_values(SQLite::Database& db, const SealedColumn& sealed,
                                          std::int64_t after) {
    SQLite::Statement query(
        db, fmt::format("SELECT rowid, {}, {}, {} FROM {} WHERE rowid > ? AND typeof({}) = "
                        "'text' AND {} <> '' ORDER BY rowid LIMIT {}",
                        sealed.row_column, sealed.key_column.empty() ? "''" : sealed.key_column,
                        sealed.column, sealed.table, sealed.column, sealed.column, k_batch_rows));
    query.bind(1, after);
    std::vector<ClearValue> values;
    while (query.executeStep()) {
        values.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getInt64(),
                          query.getColumn(2).getString(), query.getColumn(3).getString()});
    }
    return values;
}

} // namespace

std::span<const SealedColumn> sealed_columns() {
    return k_sealed_columns;
}

long long seal_clear_values(Journal& journal, SQLite::Database& db) {
    long long sealed_count = 0;
    for (const SealedColumn& sealed : sealed_columns()) {
        SQLite::Statement update(
            db, fmt::format("UPDATE {} SET {} = ? WHERE rowid = ?", sealed.table, sealed.column));
        std::int64_t after = 0;
        for (auto batch = next_clear_values(db, sealed, after); !batch.empty();
             batch = next_clear_values(db, sealed, after)) {
            for (const ClearValue& value : batch) {
                bind_sensitive(journal, update, 1,
                               {sealed.table, sealed.column, value.row, value.key}, value.text);
                update.bind(2, value.rowid);
                update.exec();
                update.reset();
                after = value.rowid;
                ++sealed_count;
            }
        }
    }
    return sealed_count;
}

long long count_clear_values(SQLite::Database& db) {
    long long clear = 0;
    for (const SealedColumn& sealed : sealed_columns()) {
        clear += db.execAndGet(fmt::format("SELECT count(*) FROM {} WHERE typeof({}) = 'text' AND "
                                           "{} <> ''",
                                           sealed.table, sealed.column, sealed.column))
                     .getInt64();
    }
    return clear;
}

bool sealed_value_present(SQLite::Database& db) {
    // One query per table over all its sealed columns (the list keeps a table's columns
    // together): every open runs these, and separate plain queries cost far less to prepare than
    // one query of a subquery per table.
    static const std::vector<std::string> probes = [] {
        std::vector<std::string> queries;
        auto columns = sealed_columns();
        for (auto first = columns.begin(); first != columns.end();) {
            auto end = std::find_if(first, columns.end(), [&](const SealedColumn& sealed) {
                return sealed.table != first->table;
            });
            std::vector<std::string> blobs;
            for (auto column = first; column != end; ++column) {
                blobs.push_back(fmt::format("typeof({}) = 'blob'", column->column));
            }
            queries.push_back(fmt::format("SELECT {} FROM {} ORDER BY rowid DESC LIMIT {}",
                                          fmt::join(blobs, " OR "), first->table, k_rows_probed));
            first = end;
        }
        return queries;
    }();
    for (const std::string& probe : probes) {
        SQLite::Statement rows(db, probe);
        while (rows.executeStep()) {
            if (rows.getColumn(0).getInt() != 0) {
                return true;
            }
        }
    }
    return false;
}

} // namespace peerlog
