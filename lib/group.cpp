// Storing and listing groups.
#include "peerlog/group.hpp"

#include "audit_log.hpp"
#include "group_rows.hpp"
#include "journal_db.hpp"
#include "peerlog/error.hpp"
#include "record_ids.hpp"
#include "record_rows.hpp"
#include "row_codec.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace peerlog {
namespace {

constexpr const char* k_group_overview =
    "SELECT g.id, g.name, g.schedule, count(s.id), coalesce(sum(s.minutes), 0), "
    "coalesce(sum((SELECT count(*) FROM session_attendee a WHERE a.session_id = s.id)), 0), "
    "coalesce(sum(s.unnamed_count), 0), max(s.date) FROM peer_group g LEFT JOIN session s ON "
    "s.group_id = g.id";

GroupOverview read_overview(SQLite::Database& db, SQLite::Statement& row) {
    GroupOverview overview;
    overview.group = {row.getColumn(0).getInt64(), row.getColumn(1).getString(),
                      row.getColumn(2).getString()};
    overview.sessions = row.getColumn(3).getInt64();
    overview.minutes = row.getColumn(4).getInt64();
    overview.attendances = row.getColumn(5).getInt64();
    overview.unnamed = row.getColumn(6).getInt64();
    overview.last_session = stored_optional_date(row.getColumn(7));
    SQLite::Statement regulars(
        db, "SELECT DISTINCT p.code FROM session s JOIN session_attendee a ON a.session_id = s.id "
            "JOIN peer p ON p.id = a.peer_id WHERE s.group_id = ? ORDER BY p.code COLLATE NOCASE");
    regulars.bind(1, overview.group.id);
    while (regulars.executeStep()) {
        overview.regulars.push_back(regulars.getColumn(0).getString());
    }
    return overview;
}

} // namespace

void validate(const Group& group) {
    validate_label(group.name, "group name", 64);
    if (!group.schedule.empty()) {
        validate_label(group.schedule, "schedule", 200);
    }
}

std::int64_t add_group(Journal& journal, const Group& group) {
    validate(group);
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        if (auto taken = find_group_row(db, group.name)) {
            throw Error(ErrorKind::conflict,
                        fmt::format("there is already a group named '{}' (names ignore case).",
                                    taken->name));
        }
        id = insert_group_row(db, group);
    });
    return id;
}

std::optional<Group> find_group_row(SQLite::Database& db, const std::string& name) {
    SQLite::Statement query(db, "SELECT id, name, schedule FROM peer_group WHERE name = ?");
    query.bind(1, name);
    if (!query.executeStep()) {
        return std::nullopt;
    }
    return Group{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                 query.getColumn(2).getString()};
}

std::int64_t insert_group_row(SQLite::Database& db, const Group& group) {
    SQLite::Statement insert(
        db, fmt::format("INSERT INTO peer_group (id, name, schedule, created_at) VALUES ({}, ?, ?, ?)",
                        next_id_sql(NumberedTable::group)));
    insert.bind(1, group.name);
    insert.bind(2, group.schedule);
    insert.bind(3, utc_timestamp());
    insert.exec();
    std::int64_t id = db.getLastInsertRowid();
    // The name and schedule are typed text: the event says only that the group exists.
    append_audit(db, "group.add", fmt::format("group {}", id),
                 group.schedule.empty() ? "added, no schedule" : "added with a schedule");
    return id;
}

std::vector<GroupOverview> list_groups(Journal& journal) {
    std::vector<GroupOverview> groups;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(
            db, fmt::format("{} GROUP BY g.id ORDER BY g.name COLLATE NOCASE", k_group_overview));
        while (query.executeStep()) {
            groups.push_back(read_overview(db, query));
        }
    });
    return groups;
}

GroupOverview group_overview(Journal& journal, const std::string& name) {
    std::optional<GroupOverview> found;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(db,
                                fmt::format("{} WHERE g.name = ? GROUP BY g.id", k_group_overview));
        query.bind(1, name);
        if (query.executeStep()) {
            found = read_overview(db, query);
        }
    });
    if (!found) {
        throw Error(
            ErrorKind::not_found,
            fmt::format("no group named '{}'. See the groups with `peerlog group list`.", name));
    }
    return *found;
}

} // namespace peerlog
