// What of the accounting of disclosures outlives a forget, and for how long.
#include "disclosure_retention.hpp"

#include "audit_log.hpp"
#include "disclosure_rows.hpp"
#include "peerlog/plural.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <vector>

namespace peerlog {
namespace {

// `sql` with the peer's id bound to ?1 and its code to ?2, as disclosure_row_of_peer wants.
SQLite::Statement for_peer(SQLite::Database& db, const std::string& sql, std::int64_t peer_id,
                           std::string_view code) {
    SQLite::Statement statement(db, sql);
    statement.bind(1, peer_id);
    statement.bind(2, std::string(code));
    return statement;
}

// A day as the disclosures' `at` timestamps compare: "2026-11-18" sorts before every moment of
// that day ("2026-11-18T…").
std::string start_of(Date day) {
    return format_date(day);
}

// A sealed purpose carries its row's code in its address: once the code is taken out of the
// row, the purpose is sealed again for k_forgotten_code, or it would no longer open.
void reseal_forgotten_purposes(Journal& journal, SQLite::Database& db, std::int64_t peer_id,
                               std::string_view code) {
    auto rows = for_peer(db,
                         fmt::format("SELECT rowid, disclosure_id, peer_code, purpose FROM "
                                     "disclosure_peer WHERE typeof(purpose) = 'blob' AND {}",
                                     disclosure_row_of_peer("disclosure_peer")),
                         peer_id, code);
    SQLite::Statement update(db, "UPDATE disclosure_peer SET purpose = ? WHERE rowid = ?");
    while (rows.executeStep()) {
        std::int64_t disclosure_id = rows.getColumn(1).getInt64();
        SecretBuffer purpose =
            open_sealed(journal, peer_purpose_address(disclosure_id, rows.getColumn(2).getString()),
                        rows.getColumn(3).getString());
        std::string resealed =
            seal_bytes(journal, peer_purpose_address(disclosure_id, k_forgotten_code),
                       purpose.data(), purpose.size());
        update.bind(1, resealed.data(), static_cast<int>(resealed.size()));
        update.bind(2, rows.getColumn(0).getInt64());
        update.exec();
        update.reset();
    }
}

} // namespace

long long disclosures_of_peer(SQLite::Database& db, std::int64_t peer_id, std::string_view code) {
    auto count = for_peer(db,
                          fmt::format("SELECT count(DISTINCT disclosure_id) FROM disclosure_peer "
                                      "WHERE {}",
                                      disclosure_row_of_peer("disclosure_peer")),
                          peer_id, code);
    count.executeStep();
    return count.getColumn(0).getInt64();
}

long long forget_in_accounting(Journal& journal, SQLite::Database& db, std::int64_t peer_id,
                               std::string_view code) {
    long long disclosures = disclosures_of_peer(db, peer_id, code);
    reseal_forgotten_purposes(journal, db, peer_id, code);
    auto forget = for_peer(db,
                           fmt::format("UPDATE disclosure_peer SET peer_code = ?3, peer_id = NULL "
                                       "WHERE {}",
                                       disclosure_row_of_peer("disclosure_peer")),
                           peer_id, code);
    forget.bind(3, std::string(k_forgotten_code));
    forget.exec();
    return disclosures;
}

long long count_disclosures_before(SQLite::Database& db, Date cutoff) {
    SQLite::Statement count(db, "SELECT count(*) FROM disclosure WHERE at < ?");
    count.bind(1, start_of(cutoff));
    count.executeStep();
    return count.getColumn(0).getInt64();
}

long long expire_disclosures_before(SQLite::Database& db, Date cutoff, std::string_view why) {
    std::vector<std::int64_t> ids;
    SQLite::Statement select(db, "SELECT id FROM disclosure WHERE at < ? ORDER BY id");
    select.bind(1, start_of(cutoff));
    while (select.executeStep()) {
        ids.push_back(select.getColumn(0).getInt64());
    }
    SQLite::Statement expire(db, "DELETE FROM disclosure WHERE at < ?");
    expire.bind(1, start_of(cutoff));
    long long expired = expire.exec();
    // Each entry's own event records it gone, so `audit verify` knows the deletion was peerlog's.
    for (std::int64_t id : ids) {
        append_audit(db, "disclosure.expire", fmt::format("disclosure {}", id),
                     fmt::format("made before {}: its retention ended", format_date(cutoff)));
    }
    if (expired > 0) {
        append_audit(db, "disclosure.expire", "accounting of disclosures",
                     fmt::format("{} made before {} removed: {}", counted(expired, "disclosure"),
                                 format_date(cutoff), why));
    }
    return expired;
}

} // namespace peerlog
