// The record of each backup copy, and the copies a forget names.
#include "backup_copies.hpp"

#include "journal_db.hpp"
#include "peerlog/plural.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace peerlog {

void record_backup_copy(SQLite::Database& db, const std::filesystem::path& path) {
    SQLite::Statement insert(db, "INSERT INTO backup_copy (at, path) VALUES (?, ?)");
    insert.bind(1, utc_timestamp());
    insert.bind(2, path.string());
    insert.exec();
}

std::vector<BackupCopy> backup_copies_since(SQLite::Database& db, std::string_view since) {
    std::vector<BackupCopy> copies;
    SQLite::Statement query(db, "SELECT at, path FROM backup_copy WHERE at >= ? ORDER BY at, id");
    query.bind(1, std::string(since));
    while (query.executeStep()) {
        BackupCopy copy{query.getColumn(0).getString(), query.getColumn(1).getString(), false};
        std::error_code ignored;
        copy.still_there = std::filesystem::exists(copy.path, ignored);
        copies.push_back(std::move(copy));
    }
    return copies;
}

std::string describe_backups_holding(const std::vector<BackupCopy>& copies,
                                     std::string_view since) {
    if (copies.empty()) {
        return "";
    }
    std::vector<std::string> listed;
    for (const auto& copy : copies) {
        listed.push_back(fmt::format("{} (taken {}{})", copy.path.string(), copy.at,
                                     copy.still_there ? "" : "; no file there now"));
    }
    bool one = copies.size() == 1;
    return fmt::format("{} taken since {} still {} them: {}. Delete {} if the peer must be "
                       "forgotten there too.",
                       counted(static_cast<long long>(copies.size()), "backup"), since,
                       one ? "holds" : "hold", fmt::join(listed, ", "), one ? "it" : "them");
}

} // namespace peerlog
