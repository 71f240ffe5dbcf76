// Goal enums, validation and storage.
#include "peerlog/goal.hpp"

#include "audit_log.hpp"
#include "enum_names.hpp"
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

constexpr EnumName<GoalDomain> k_domain_names[] = {
    {GoalDomain::housing, "housing"},
    {GoalDomain::employment, "employment"},
    {GoalDomain::education, "education"},
    {GoalDomain::health, "health"},
    {GoalDomain::relationships, "relationships"},
    {GoalDomain::legal, "legal"},
    {GoalDomain::recovery_community, "recovery-community"},
    {GoalDomain::other, "other"},
};

constexpr EnumName<GoalStatus> k_status_names[] = {
    {GoalStatus::open, "open"},
    {GoalStatus::progressing, "progressing"},
    {GoalStatus::achieved, "achieved"},
    {GoalStatus::dropped, "dropped"},
};

constexpr const char* k_goal_select =
    "SELECT g.id, p.code, g.domain, g.text, g.status, g.target, g.opened_on, g.status_on "
    "FROM goal g JOIN peer p ON p.id = g.peer_id";

// A goal's text tells of the peer's housing, legal or health situation: it is sealed like a
// session note in an encrypted journal.
constexpr FieldAddress text_address(std::int64_t goal_id) {
    return {"goal", "text", goal_id};
}

Error unknown_goal(std::int64_t id) {
    return Error(ErrorKind::not_found,
                 fmt::format("no goal with id {}. See the ids with `peerlog goal list`.", id));
}

// The row as stored: `text` still sealed in an encrypted journal (see reveal_sensitive).
Goal read_goal(SQLite::Statement& row) {
    Goal goal;
    goal.id = row.getColumn(0).getInt64();
    goal.peer_code = row.getColumn(1).getString();
    goal.domain = parse_goal_domain(row.getColumn(2).getString());
    goal.text = row.getColumn(3).getString();
    goal.status = parse_goal_status(row.getColumn(4).getString());
    goal.target = stored_optional_date(row.getColumn(5));
    goal.opened_on = stored_date(row.getColumn(6));
    goal.status_on = stored_date(row.getColumn(7));
    return goal;
}

} // namespace

GoalDomain parse_goal_domain(std::string_view text) {
    return parse_name(k_domain_names, text, "goal domain");
}
std::string_view to_string(GoalDomain domain) {
    return name_of(k_domain_names, domain);
}
GoalStatus parse_goal_status(std::string_view text) {
    return parse_name(k_status_names, text, "goal status");
}
std::string_view to_string(GoalStatus status) {
    return name_of(k_status_names, status);
}

void validate(const Goal& goal, Date today) {
    if (trim(goal.text).empty() || goal.text.size() > 1000) {
        throw Error(ErrorKind::invalid_data,
                    "a goal needs its text, in the peer's own words (1 to 1000 characters).");
    }
    if (goal.opened_on > today) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the goal's --date {} is after today ({}): give the day it was "
                                "set, today or earlier.",
                                format_date(goal.opened_on), format_date(today)));
    }
    if (goal.target && *goal.target < goal.opened_on) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the target date {} is before the goal was set ({}).",
                                format_date(*goal.target), format_date(goal.opened_on)));
    }
}

std::int64_t add_goal(Journal& journal, const Goal& goal, Date today) {
    validate(goal, today);
    unlock_to_seal(journal, goal.text);
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement insert(
            db, fmt::format("INSERT INTO goal (id, peer_id, domain, text, status, target, "
                            "opened_on, status_on, created_at, updated_at) VALUES ({}, ?, ?, '', "
                            "?, ?, ?, ?, ?, ?)",
                            next_id_sql(NumberedTable::goal)));
        std::int64_t peer_id = open_peer_id_by_code(db, goal.peer_code);
        insert.bind(1, peer_id);
        insert.bind(2, std::string(to_string(goal.domain)));
        insert.bind(3, std::string(to_string(goal.status)));
        bind_date(insert, 4, goal.target);
        bind_date(insert, 5, goal.opened_on);
        bind_date(insert, 6, goal.opened_on);
        std::string now = utc_timestamp();
        insert.bind(7, now);
        insert.bind(8, now);
        insert.exec();
        id = db.getLastInsertRowid();
        // Sealed once the id is known: it is the ciphertext's associated data.
        store_sensitive(journal, db, text_address(id), goal.text);
        append_audit(db, "goal.add", fmt::format("goal {}", id),
                     fmt::format("peer #{}, {}, {}", peer_id, to_string(goal.domain),
                                 to_string(goal.status)));
    });
    return id;
}

std::vector<Goal> list_goals(Journal& journal, const std::optional<std::string>& peer_code) {
    std::vector<Goal> goals;
    read_transaction(journal, [&](SQLite::Database& db) {
        std::string sql = k_goal_select;
        if (peer_code) {
            peer_id_by_code(db, *peer_code);
            sql += " WHERE p.code = :peer";
        }
        SQLite::Statement query(db, sql + " ORDER BY p.code COLLATE NOCASE, g.id");
        if (peer_code) {
            query.bind(":peer", *peer_code);
        }
        while (query.executeStep()) {
            goals.push_back(read_goal(query));
        }
    });
    for (auto& goal : goals) {
        goal.text = reveal_sensitive(journal, text_address(goal.id), goal.text);
    }
    return goals;
}

Goal set_goal_status(Journal& journal, std::int64_t id, GoalStatus status, Date on, Date today) {
    if (on > today) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the status date {} is in the future (today is {}): give the day "
                                "the status changed.",
                                format_date(on), format_date(today)));
    }
    std::optional<Goal> goal;
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement opened(db, "SELECT opened_on FROM goal WHERE id = ?");
        opened.bind(1, id);
        if (!opened.executeStep()) {
            throw unknown_goal(id);
        }
        Date opened_on = stored_date(opened.getColumn(0));
        // A status cannot change before the goal was set; the outcomes report counts by this day.
        if (on < opened_on) {
            throw Error(ErrorKind::invalid_data,
                        fmt::format("the status date {} is before goal {} was opened ({}): give a "
                                    "day on or after it.",
                                    format_date(on), id, format_date(opened_on)));
        }
        SQLite::Statement update(
            db, "UPDATE goal SET status = ?, status_on = ?, updated_at = ? WHERE id = ?");
        update.bind(1, std::string(to_string(status)));
        bind_date(update, 2, on);
        update.bind(3, utc_timestamp());
        update.bind(4, id);
        if (update.exec() == 0) {
            throw unknown_goal(id);
        }
        append_audit(db, "goal.set", fmt::format("goal {}", id),
                     fmt::format("status {} on {}", to_string(status), format_date(on)));
        SQLite::Statement query(db, fmt::format("{} WHERE g.id = ?", k_goal_select));
        query.bind(1, id);
        query.executeStep();
        goal = read_goal(query);
    });
    // A status change shows no text, so it never needs the passphrase.
    goal->text.clear();
    return *goal;
}

} // namespace peerlog
