// Corrections of the specialist's own records: supervision meetings, check-ins, and the
// resources directory and groups (named, so found by name).
#include "peerlog/corrections.hpp"

#include "audit_log.hpp"
#include "correction_rows.hpp"
#include "group_rows.hpp"
#include "journal_db.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"
#include "record_rows.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace peerlog {
namespace {

template <typename T> void apply(const std::optional<T>& change, T& field) {
    if (change) {
        field = *change;
    }
}

// A meeting without its topics (sealed in an encrypted journal): an edit rewrites them only when
// it gives them.
SupervisionMeeting stored_meeting(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement query(db, "SELECT date, minutes, supervisor, format FROM supervision WHERE "
                                "id = ?");
    query.bind(1, id);
    if (!query.executeStep()) {
        throw Error(ErrorKind::not_found,
                    fmt::format("no supervision meeting with id {}. See the ids with `peerlog "
                                "supervision list`.",
                                id));
    }
    return SupervisionMeeting{id,
                              stored_date(query.getColumn(0)),
                              query.getColumn(1).getInt(),
                              query.getColumn(2).getString(),
                              parse_supervision_format(query.getColumn(3).getString()),
                              ""};
}

// A check-in without its note (private, and sealed in an encrypted journal).
Checkin stored_checkin(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement query(db, "SELECT date, stress, energy, needs_support, shared FROM checkin "
                                "WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) {
        throw Error(
            ErrorKind::not_found,
            fmt::format("no check-in with id {}. See the ids with `peerlog checkin list`.", id));
    }
    Checkin checkin;
    checkin.id = id;
    checkin.date = stored_date(query.getColumn(0));
    checkin.stress = query.getColumn(1).getInt();
    checkin.energy = query.getColumn(2).getInt();
    checkin.needs_support = query.getColumn(3).getInt() != 0;
    checkin.shared = query.getColumn(4).getInt() != 0;
    return checkin;
}

// A resource without its contact (sealed in an encrypted journal).
Resource stored_resource(SQLite::Database& db, const std::string& name) {
    SQLite::Statement query(db, "SELECT id, name, category FROM resource WHERE name = ?");
    query.bind(1, name);
    if (!query.executeStep()) {
        throw Error(
            ErrorKind::not_found,
            fmt::format("no resource named '{}'. See them with `peerlog resource list`.", name));
    }
    return Resource{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                    query.getColumn(2).getString(), ""};
}

// A group without its schedule (sealed in an encrypted journal).
Group stored_group(SQLite::Database& db, const std::string& name) {
    auto group = find_group_row(db, name);
    if (!group) {
        throw Error(ErrorKind::not_found,
                    fmt::format("no group named '{}'. See them with `peerlog group list`.", name));
    }
    group->schedule.clear();
    return *group;
}

// Names ignore case: a rename to another record's name is refused; to its own in other case not.
void refuse_taken_name(SQLite::Database& db, const char* table, std::string_view kind,
                       const std::string& name, std::int64_t id) {
    SQLite::Statement taken(db,
                            fmt::format("SELECT name FROM {} WHERE name = ? AND id <> ?", table));
    taken.bind(1, name);
    taken.bind(2, id);
    if (taken.executeStep()) {
        throw Error(ErrorKind::conflict,
                    fmt::format("there is already a {} named '{}' (names ignore case).", kind,
                                taken.getColumn(0).getString()));
    }
}

} // namespace

SupervisionMeeting edit_supervision(Journal& journal, std::int64_t id, const SupervisionEdit& edit,
                                    Date today) {
    unlock_to_seal(journal, edit.topics.value_or("")); // before the write lock
    SupervisionMeeting meeting;
    write_transaction(journal, [&](SQLite::Database& db) {
        meeting = stored_meeting(db, id);
        apply(edit.date, meeting.date);
        apply(edit.minutes, meeting.minutes);
        apply(edit.supervisor, meeting.supervisor);
        apply(edit.format, meeting.format);
        apply(edit.topics, meeting.topics);
        validate(meeting, today);
        SQLite::Statement update(db, "UPDATE supervision SET date = ?, minutes = ?, supervisor = "
                                     "?, format = ? WHERE id = ?");
        bind_date(update, 1, meeting.date);
        update.bind(2, meeting.minutes);
        update.bind(3, meeting.supervisor);
        update.bind(4, std::string(to_string(meeting.format)));
        update.bind(5, id);
        update.exec();
        if (edit.topics) {
            store_sensitive(journal, db, {"supervision", "topics", id}, *edit.topics);
        }
        ChangedFields changed;
        changed.note(edit.date, "date");
        changed.note(edit.minutes, "minutes");
        changed.note(edit.supervisor, "supervisor");
        changed.note(edit.format, "format");
        changed.note(edit.topics, "topics");
        append_audit(db, "supervision.edit", fmt::format("supervision {}", id), changed.summary());
    });
    return meeting;
}

std::string remove_supervision(Journal& journal, std::int64_t id, Removal mode) {
    return run_removal(
        journal, mode,
        [&](SQLite::Database& db) {
            SupervisionMeeting meeting = stored_meeting(db, id);
            return fmt::format("supervision meeting {} on {} ({}, {})", id,
                               format_date(meeting.date), to_string(meeting.format),
                               format_duration(meeting.minutes));
        },
        [&](SQLite::Database& db) {
            delete_audited(db, "supervision", id, "supervision.remove",
                           fmt::format("supervision {}", id), "deleted");
        });
}

Checkin edit_checkin(Journal& journal, std::int64_t id, const CheckinEdit& edit, Date today) {
    unlock_to_seal(journal, edit.note.value_or("")); // before the write lock
    Checkin checkin;
    write_transaction(journal, [&](SQLite::Database& db) {
        checkin = stored_checkin(db, id);
        apply(edit.date, checkin.date);
        apply(edit.stress, checkin.stress);
        apply(edit.energy, checkin.energy);
        apply(edit.needs_support, checkin.needs_support);
        apply(edit.shared, checkin.shared);
        validate(checkin, today);
        SQLite::Statement update(db, "UPDATE checkin SET date = ?, stress = ?, energy = ?, "
                                     "needs_support = ?, shared = ? WHERE id = ?");
        bind_date(update, 1, checkin.date);
        update.bind(2, checkin.stress);
        update.bind(3, checkin.energy);
        update.bind(4, checkin.needs_support ? 1 : 0);
        update.bind(5, checkin.shared ? 1 : 0);
        update.bind(6, id);
        update.exec();
        if (edit.note) {
            store_sensitive(journal, db, {"checkin", "note", id}, *edit.note);
        }
        ChangedFields changed;
        changed.note(edit.date, "date");
        changed.note(edit.stress, "stress");
        changed.note(edit.energy, "energy");
        changed.note(edit.needs_support, "needs-support");
        changed.note(edit.shared, "shared");
        changed.note(edit.note, "note");
        append_audit(db, "checkin.edit", fmt::format("checkin {}", id), changed.summary());
    });
    return checkin;
}

std::string remove_checkin(Journal& journal, std::int64_t id, Removal mode) {
    return run_removal(
        journal, mode,
        [&](SQLite::Database& db) {
            Checkin checkin = stored_checkin(db, id);
            return fmt::format("check-in {} on {}", id, format_date(checkin.date));
        },
        [&](SQLite::Database& db) {
            delete_audited(db, "checkin", id, "checkin.remove", fmt::format("checkin {}", id),
                           "deleted");
        });
}

Resource edit_resource(Journal& journal, const std::string& name, const ResourceEdit& edit) {
    unlock_to_seal(journal, edit.contact.value_or("")); // before the write lock
    Resource resource;
    write_transaction(journal, [&](SQLite::Database& db) {
        resource = stored_resource(db, name);
        apply(edit.name, resource.name);
        apply(edit.category, resource.category);
        apply(edit.contact, resource.contact);
        validate(resource);
        refuse_taken_name(db, "resource", "resource", resource.name, resource.id);
        SQLite::Statement update(db, "UPDATE resource SET name = ?, category = ? WHERE id = ?");
        update.bind(1, resource.name);
        update.bind(2, resource.category);
        update.bind(3, resource.id);
        update.exec();
        if (edit.contact) {
            store_sensitive(journal, db, {"resource", "contact", resource.id}, *edit.contact);
        }
        ChangedFields changed;
        changed.note(edit.name, "name");
        changed.note(edit.category, "category");
        changed.note(edit.contact, "contact");
        append_audit(db, "resource.edit", fmt::format("resource {}", resource.id),
                     changed.summary());
    });
    return resource;
}

std::string remove_resource(Journal& journal, const std::string& name, Removal mode) {
    std::int64_t id = 0;
    return run_removal(
        journal, mode,
        [&](SQLite::Database& db) {
            Resource resource = stored_resource(db, name);
            id = resource.id;
            std::string what = fmt::format("resource '{}'", resource.name);
            refuse_while_used(
                what, "referral",
                ids_selected(db, "SELECT id FROM referral WHERE resource_id = ? ORDER BY id", id),
                "Move them to another resource first (`peerlog referral edit ID --resource "
                "NAME`) or delete them (`peerlog referral rm ID`).");
            return what;
        },
        [&](SQLite::Database& db) {
            delete_audited(db, "resource", id, "resource.remove", fmt::format("resource {}", id),
                           "deleted");
        });
}

Group edit_group(Journal& journal, const std::string& name, const GroupEdit& edit) {
    unlock_to_seal(journal, edit.schedule.value_or("")); // before the write lock
    Group group;
    write_transaction(journal, [&](SQLite::Database& db) {
        group = stored_group(db, name);
        apply(edit.name, group.name);
        apply(edit.schedule, group.schedule);
        validate(group);
        refuse_taken_name(db, "peer_group", "group", group.name, group.id);
        SQLite::Statement update(db, "UPDATE peer_group SET name = ? WHERE id = ?");
        update.bind(1, group.name);
        update.bind(2, group.id);
        update.exec();
        if (edit.schedule) {
            store_sensitive(journal, db, {"peer_group", "schedule", group.id}, *edit.schedule);
        }
        ChangedFields changed;
        changed.note(edit.name, "name");
        changed.note(edit.schedule, "schedule");
        append_audit(db, "group.edit", fmt::format("group {}", group.id), changed.summary());
    });
    return group;
}

std::string remove_group(Journal& journal, const std::string& name, Removal mode) {
    std::int64_t id = 0;
    return run_removal(
        journal, mode,
        [&](SQLite::Database& db) {
            Group group = stored_group(db, name);
            id = group.id;
            std::string what = fmt::format("group '{}'", group.name);
            refuse_while_used(
                what, "session",
                ids_selected(db, "SELECT id FROM session WHERE group_id = ? ORDER BY id", id),
                "Its sessions keep their attendance: delete them first (`peerlog session rm "
                "ID`), or keep the group.");
            return what;
        },
        [&](SQLite::Database& db) {
            delete_audited(db, "peer_group", id, "group.remove", fmt::format("group {}", id),
                           "deleted");
        });
}

} // namespace peerlog
