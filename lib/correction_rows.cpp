// What the corrections of every record kind share.
#include "correction_rows.hpp"

#include "audit_log.hpp"
#include "journal_db.hpp"
#include "peerlog/error.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace peerlog {

std::string run_removal(Journal& journal, Removal mode,
                        const std::function<std::string(SQLite::Database&)>& describe,
                        const std::function<void(SQLite::Database&)>& remove) {
    std::string description;
    if (mode == Removal::dry_run) {
        read_transaction(journal, [&](SQLite::Database& db) { description = describe(db); });
        return description;
    }
    write_transaction(journal, [&](SQLite::Database& db) {
        description = describe(db);
        remove(db);
    });
    return description;
}

void delete_audited(SQLite::Database& db, std::string_view table, std::int64_t id,
                    std::string_view action, std::string_view object, std::string_view summary) {
    // `table` is one of the stores' fixed table names, never a value from outside.
    SQLite::Statement remove(db, fmt::format("DELETE FROM {} WHERE id = ?", table));
    remove.bind(1, id);
    remove.exec();
    append_audit(db, action, object, summary);
}

std::vector<std::int64_t> ids_selected(SQLite::Database& db, const char* sql, std::int64_t id) {
    SQLite::Statement query(db, sql);
    query.bind(1, id);
    std::vector<std::int64_t> ids;
    while (query.executeStep()) {
        ids.push_back(query.getColumn(0).getInt64());
    }
    return ids;
}

void refuse_while_used(std::string_view what, std::string_view kind,
                       const std::vector<std::int64_t>& ids, std::string_view hint) {
    if (ids.empty()) {
        return;
    }
    constexpr std::size_t k_named = 10;
    std::vector<std::int64_t> named(ids.begin(),
                                    ids.begin() + static_cast<long>(std::min(ids.size(), k_named)));
    std::string more =
        ids.size() > k_named ? fmt::format(" and {} more", ids.size() - k_named) : "";
    bool one = ids.size() == 1;
    throw Error(ErrorKind::conflict,
                fmt::format("{} cannot be deleted: {}{} {}{} still {} to it. {}", what, kind,
                            one ? "" : "s", fmt::join(named, ", "), more, one ? "points" : "point",
                            hint));
}

std::string ChangedFields::summary() const {
    return fmt::format("changed {}", fmt::join(m_names, ", "));
}

} // namespace peerlog
