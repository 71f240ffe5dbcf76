// Storing, finding and changing sessions in the journal.
#include "peerlog/session_store.hpp"

#include "journal_db.hpp"
#include "peerlog/error.hpp"
#include "peerlog/peer_store.hpp"
#include "row_codec.hpp"
#include "session_rows.hpp"
#include "text_util.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>

namespace peerlog {
namespace {

// Group sessions have no peer; their attendees and goals come as comma lists, code order.
constexpr const char* k_session_select =
    "SELECT s.id, coalesce(p.code, ''), s.date, s.start_time, s.minutes, s.modality, s.setting, "
    "s.support_mask, s.note, s.disclosure, s.follow_up, coalesce(g.name, ''), s.unnamed_count, "
    "(SELECT group_concat(code, ',') FROM (SELECT ap.code FROM session_attendee a JOIN peer ap "
    "ON ap.id = a.peer_id WHERE a.session_id = s.id ORDER BY ap.code COLLATE NOCASE)), "
    "(SELECT group_concat(goal_id, ',') FROM (SELECT goal_id FROM session_goal WHERE "
    "session_id = s.id ORDER BY goal_id)), "
    "EXISTS (SELECT 1 FROM session_review r WHERE r.session_id = s.id) "
    "FROM session s LEFT JOIN peer p ON p.id = s.peer_id LEFT JOIN peer_group g "
    "ON g.id = s.group_id";

std::vector<std::string> stored_list(const SQLite::Column& column) {
    if (column.isNull()) {
        return {};
    }
    std::vector<std::string> items;
    std::string text = column.getString();
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(',', start);
        end = end == std::string::npos ? text.size() : end;
        items.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return items;
}

Session read_session(SQLite::Statement& row) {
    Session session;
    session.id = row.getColumn(0).getInt64();
    session.peer_code = row.getColumn(1).getString();
    session.date = stored_date(row.getColumn(2));
    session.start = stored_optional_time(row.getColumn(3));
    session.minutes = row.getColumn(4).getInt();
    session.modality = parse_modality(row.getColumn(5).getString());
    session.setting = parse_setting(row.getColumn(6).getString());
    session.support = SupportSet::from_mask(static_cast<unsigned>(row.getColumn(7).getInt()));
    session.note = row.getColumn(8).getString();
    session.disclosure = row.getColumn(9).getString();
    session.follow_up = stored_optional_date(row.getColumn(10));
    session.group = row.getColumn(11).getString();
    session.unnamed = row.getColumn(12).getInt();
    session.attendees = stored_list(row.getColumn(13));
    for (const auto& id : stored_list(row.getColumn(14))) {
        session.goals.push_back(std::stoll(id));
    }
    session.reviewed = row.getColumn(15).getInt() != 0;
    return session;
}

Error unknown_session(std::int64_t id) {
    return Error(
        ErrorKind::not_found,
        fmt::format("no session with id {}. See the ids with `peerlog session list`.", id));
}

// The id of the peer a session may be logged for: it must exist and not be closed.
std::int64_t peer_for_session(SQLite::Database& db, std::string_view code) {
    SQLite::Statement query(db, "SELECT id, code, status FROM peer WHERE code = ?");
    query.bind(1, std::string(code));
    if (!query.executeStep()) {
        throw Error(ErrorKind::not_found,
                    fmt::format("no peer with code '{}' in the journal. Add the peer first with "
                                "`peerlog peer add {}`, or see the codes with `peerlog peer list "
                                "--all`.",
                                code, code));
    }
    std::string stored_code = query.getColumn(1).getString();
    if (query.getColumn(2).getString() == "closed") {
        throw Error(ErrorKind::conflict,
                    fmt::format("peer '{}' is closed. Reopen the record with `peerlog peer reopen "
                                "{}` before logging a session.",
                                stored_code, stored_code));
    }
    return query.getColumn(0).getInt64();
}

// The id of the group a session names. Throws Error(not_found) with a hint.
std::int64_t group_for_session(SQLite::Database& db, const std::string& name) {
    SQLite::Statement query(db, "SELECT id FROM peer_group WHERE name = ?");
    query.bind(1, name);
    if (!query.executeStep()) {
        throw Error(ErrorKind::not_found,
                    fmt::format("no group named '{}'. Add it first with `peerlog group add "
                                "\"{}\"`, or see the groups with `peerlog group list`.",
                                name, name));
    }
    return query.getColumn(0).getInt64();
}

// Links the goals a session addressed; each must belong to one of the session's peers.
void link_goals(SQLite::Database& db, std::int64_t session_id, const Session& session) {
    for (auto goal_id : session.goals) {
        SQLite::Statement goal(db, "SELECT p.code FROM goal g JOIN peer p ON p.id = g.peer_id "
                                   "WHERE g.id = ?");
        goal.bind(1, goal_id);
        if (!goal.executeStep()) {
            throw Error(
                ErrorKind::not_found,
                fmt::format("no goal with id {}. See the ids with `peerlog goal list`.", goal_id));
        }
        std::string owner = goal.getColumn(0).getString();
        bool present = session.is_group()
                           ? std::any_of(session.attendees.begin(), session.attendees.end(),
                                         [&](const std::string& code) {
                                             return to_lower(code) == to_lower(owner);
                                         })
                           : to_lower(session.peer_code) == to_lower(owner);
        if (!present) {
            throw Error(ErrorKind::conflict,
                        fmt::format("goal {} is {}'s, who is not in this session: link a goal "
                                    "only to a session its peer took part in.",
                                    goal_id, owner));
        }
        SQLite::Statement link(db, "INSERT OR IGNORE INTO session_goal (session_id, goal_id) "
                                   "VALUES (?, ?)");
        link.bind(1, session_id);
        link.bind(2, goal_id);
        link.exec();
    }
}

void add_attendees(SQLite::Database& db, std::int64_t session_id, const Session& session) {
    for (const auto& code : session.attendees) {
        SQLite::Statement insert(db, "INSERT OR IGNORE INTO session_attendee (session_id, "
                                     "peer_id) VALUES (?, ?)");
        insert.bind(1, session_id);
        insert.bind(2, peer_for_session(db, code));
        insert.exec();
    }
}

// Binds every stored field of a session to parameters 1..10 in column order; peer_id is NULL
// for a group session.
void bind_session_fields(SQLite::Statement& statement, const Session& session,
                         std::optional<std::int64_t> peer_id) {
    if (peer_id) {
        statement.bind(1, *peer_id);
    } else {
        statement.bind(1);
    }
    bind_date(statement, 2, session.date);
    bind_time(statement, 3, session.start);
    statement.bind(4, session.minutes);
    statement.bind(5, std::string(to_string(session.modality)));
    statement.bind(6, std::string(to_string(session.setting)));
    statement.bind(7, static_cast<int>(session.support.mask()));
    statement.bind(8, session.note);
    statement.bind(9, session.disclosure);
    bind_date(statement, 10, session.follow_up);
}

std::optional<Session> find_session(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement query(db, fmt::format("{} WHERE s.id = ?", k_session_select));
    query.bind(1, id);
    if (!query.executeStep()) {
        return std::nullopt;
    }
    return read_session(query);
}

template <class T> void apply(std::optional<T> change, T& field) {
    if (change) {
        field = *change;
    }
}

} // namespace

bool SessionEdit::empty() const {
    return !peer_code && !date && !start && !minutes && !modality && !setting && !support &&
           !note && !disclosure && !follow_up;
}

std::int64_t add_session(Journal& journal, const Session& session, Date today) {
    validate(session, today);
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        std::optional<std::int64_t> peer_id, group_id;
        if (session.is_group()) {
            group_id = group_for_session(db, session.group);
        } else {
            peer_id = peer_for_session(db, session.peer_code);
        }
        SQLite::Statement insert(
            db, "INSERT INTO session (peer_id, date, start_time, minutes, modality, setting, "
                "support_mask, note, disclosure, follow_up, created_at, updated_at, group_id, "
                "unnamed_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        bind_session_fields(insert, session, peer_id);
        std::string now = utc_timestamp();
        insert.bind(11, now);
        insert.bind(12, now);
        if (group_id) {
            insert.bind(13, *group_id);
        } else {
            insert.bind(13);
        }
        insert.bind(14, session.unnamed);
        insert.exec();
        id = db.getLastInsertRowid();
        add_attendees(db, id, session);
        link_goals(db, id, session);
    });
    return id;
}

void check_peer_can_have_sessions(Journal& journal, std::string_view peer_code) {
    read_transaction(journal, [&](SQLite::Database& db) { peer_for_session(db, peer_code); });
}

Session get_session(Journal& journal, std::int64_t id) {
    std::optional<Session> session;
    read_transaction(journal, [&](SQLite::Database& db) { session = find_session(db, id); });
    if (!session) {
        throw unknown_session(id);
    }
    return *session;
}

Session edit_session(Journal& journal, std::int64_t id, const SessionEdit& edit, Date today) {
    Session session;
    write_transaction(journal, [&](SQLite::Database& db) {
        auto stored = find_session(db, id);
        if (!stored) {
            throw unknown_session(id);
        }
        session = *stored;
        if (session.is_group() && edit.peer_code) {
            throw Error(ErrorKind::conflict,
                        fmt::format("session {} is a group session of '{}': it has attendees, "
                                    "not one peer. Delete it and log it again to change who "
                                    "was there.",
                                    id, session.group));
        }
        apply(edit.peer_code, session.peer_code);
        apply(edit.date, session.date);
        apply(edit.start, session.start);
        apply(edit.minutes, session.minutes);
        apply(edit.modality, session.modality);
        apply(edit.setting, session.setting);
        apply(edit.support, session.support);
        apply(edit.note, session.note);
        apply(edit.disclosure, session.disclosure);
        apply(edit.follow_up, session.follow_up);
        validate(session, today);
        std::optional<std::int64_t> peer_id;
        if (!session.is_group()) {
            peer_id = peer_for_session(db, session.peer_code);
        }
        SQLite::Statement update(
            db, "UPDATE session SET peer_id = ?, date = ?, start_time = ?, minutes = ?, "
                "modality = ?, setting = ?, support_mask = ?, note = ?, disclosure = ?, "
                "follow_up = ?, updated_at = ? WHERE id = ?");
        bind_session_fields(update, session, peer_id);
        update.bind(11, utc_timestamp());
        update.bind(12, id);
        update.exec();
    });
    return get_session(journal, id);
}

void remove_session(Journal& journal, std::int64_t id) {
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement remove(db, "DELETE FROM session WHERE id = ?");
        remove.bind(1, id);
        if (remove.exec() == 0) {
            throw unknown_session(id);
        }
    });
}

void visit_sessions(SQLite::Database& db, const SessionFilter& filter,
                    const std::function<void(const Session&)>& visit) {
    {
        std::string sql = fmt::format("{} WHERE 1 = 1", k_session_select);
        if (filter.peer_code) {
            SQLite::Statement known(db, "SELECT 1 FROM peer WHERE code = ?");
            known.bind(1, *filter.peer_code);
            if (!known.executeStep()) {
                throw Error(ErrorKind::not_found,
                            fmt::format("no peer with code '{}' in the journal. See the codes "
                                        "with `peerlog peer list --all`.",
                                        *filter.peer_code));
            }
            sql += " AND (p.code = :peer OR EXISTS (SELECT 1 FROM session_attendee a JOIN peer ap "
                   "ON ap.id = a.peer_id WHERE a.session_id = s.id AND ap.code = :peer))";
        }
        if (filter.group) {
            group_for_session(db, *filter.group);
            sql += " AND g.name = :group";
        }
        if (filter.unreviewed_only) {
            sql += " AND NOT EXISTS (SELECT 1 FROM session_review r WHERE r.session_id = s.id)";
        }
        if (filter.period) {
            sql += " AND s.date BETWEEN :from AND :to";
        }
        if (filter.support) {
            sql += " AND (s.support_mask & :support) <> 0";
        }
        sql += " ORDER BY s.date, s.start_time IS NULL, s.start_time, s.id";
        SQLite::Statement query(db, sql);
        if (filter.peer_code) {
            query.bind(":peer", *filter.peer_code);
        }
        if (filter.group) {
            query.bind(":group", *filter.group);
        }
        if (filter.period) {
            bind_date(query, query.getIndex(":from"), filter.period->from);
            bind_date(query, query.getIndex(":to"), filter.period->to);
        }
        if (filter.support) {
            query.bind(":support", static_cast<int>(SupportSet::bit(*filter.support)));
        }
        while (query.executeStep()) {
            visit(read_session(query));
        }
    }
}

void for_each_session(Journal& journal, const SessionFilter& filter,
                      const std::function<void(const Session&)>& visit) {
    read_transaction(journal, [&](SQLite::Database& db) { visit_sessions(db, filter, visit); });
}

std::vector<Session> list_sessions(Journal& journal, const SessionFilter& filter) {
    std::vector<Session> sessions;
    for_each_session(journal, filter, [&](const Session& session) { sessions.push_back(session); });
    return sessions;
}

} // namespace peerlog
