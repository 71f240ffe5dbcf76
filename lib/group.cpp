// Storing and listing groups.
#include "peerlog/group.hpp"

#include "audit_log.hpp"
#include "group_rows.hpp"
#include "journal_db.hpp"
#include "peerlog/error.hpp"
#include "record_ids.hpp"
#include "record_rows.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace peerlog {
namespace {

constexpr const char* k_group_overview =
    "SELECT g.id, g.name, g.schedule, count(s.id), coalesce(sum(s.minutes), 0), "
    "coalesce(sum((SELECT count(*) FROM session_attendee a WHERE a.session_id = s.id)), 0), "
    "coalesce(sum(s.unnamed_count), 0), max(s.date) FROM peer_group g LEFT JOIN session s ON "
    "s.group_id = g.id";

// A group's schedule ("Tuesdays 6pm at St Mark's") is typed text: sealed in an encrypted
// journal, by the group's id.
constexpr FieldAddress schedule_address(std::int64_t group_id) {
    return {"peer_group", "schedule", group_id};
}

// A group as read, its schedule still as stored.
struct StoredOverview {
    GroupOverview overview;
    StoredText schedule;
};

StoredOverview read_overview(SQLite::Database& db, SQLite::Statement& row) {
    StoredOverview stored{{}, stored_text(row.getColumn(2))};
    GroupOverview& overview = stored.overview;
    overview.group = {row.getColumn(0).getInt64(), row.getColumn(1).getString(), ""};
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
    return stored;
}

// The groups `where` selects, read in one transaction; their schedules opened after it (so a
// passphrase prompt never holds a transaction open) or shown as "(encrypted)".
std::vector<GroupOverview> query_groups(Journal& journal, const std::string& where,
                                        const std::string& name, SealedText schedules) {
    std::vector<StoredOverview> stored;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(db, fmt::format("{} {} GROUP BY g.id ORDER BY g.name COLLATE "
                                                "NOCASE",
                                                k_group_overview, where));
        if (!name.empty()) {
            query.bind(1, name);
        }
        while (query.executeStep()) {
            stored.push_back(read_overview(db, query));
        }
    });
    std::vector<GroupOverview> groups;
    for (StoredOverview& one : stored) {
        one.overview.group.schedule =
            text_of(journal, schedule_address(one.overview.group.id), one.schedule, schedules);
        groups.push_back(std::move(one.overview));
    }
    return groups;
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
    unlock_to_seal(journal, group.schedule); // before the write lock
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        if (auto taken = find_group_row(db, group.name)) {
            throw Error(ErrorKind::conflict,
                        fmt::format("there is already a group named '{}' (names ignore case).",
                                    taken->name));
        }
        id = insert_group_row(journal, db, group);
    });
    return id;
}

std::optional<Group> find_group_row(SQLite::Database& db, const std::string& name) {
    SQLite::Statement query(db, "SELECT id, name, schedule FROM peer_group WHERE name = ?");
    query.bind(1, name);
    if (!query.executeStep()) {
        return std::nullopt;
    }
    // Found by name for a session or an import: the schedule is not needed, nor opened.
    return Group{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                 shown_without_key(stored_text(query.getColumn(2)))};
}

std::int64_t insert_group_row(Journal& journal, SQLite::Database& db, const Group& group) {
    SQLite::Statement insert(
        db, fmt::format("INSERT INTO peer_group (id, name, created_at) VALUES ({}, ?, ?)",
                        next_id_sql(NumberedTable::group)));
    insert.bind(1, group.name);
    insert.bind(2, utc_timestamp());
    insert.exec();
    std::int64_t id = db.getLastInsertRowid();
    if (!group.schedule.empty()) {
        store_sensitive(journal, db, schedule_address(id), group.schedule);
    }
    // The name and schedule are typed text: the event says only that the group exists.
    append_audit(db, "group.add", fmt::format("group {}", id),
                 group.schedule.empty() ? "added, no schedule" : "added with a schedule");
    return id;
}

std::vector<GroupOverview> list_groups(Journal& journal, SealedText schedules) {
    return query_groups(journal, "", "", schedules);
}

GroupOverview group_overview(Journal& journal, const std::string& name) {
    auto found = query_groups(journal, "WHERE g.name = ?", name, SealedText::open);
    if (found.empty()) {
        throw Error(
            ErrorKind::not_found,
            fmt::format("no group named '{}'. See the groups with `peerlog group list`.", name));
    }
    return found.front();
}

} // namespace peerlog
