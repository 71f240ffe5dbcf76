// Resources and referrals: validation and storage.
#include "peerlog/referral.hpp"

#include "audit_log.hpp"
#include "enum_names.hpp"
#include "journal_db.hpp"
#include "record_ids.hpp"
#include "record_rows.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace peerlog {
namespace {

// A resource's contact may be a person's name and number: sealed in an encrypted journal, by
// the resource's id.
constexpr FieldAddress contact_address(std::int64_t resource_id) {
    return {"resource", "contact", resource_id};
}

constexpr EnumName<ReferralStatus> k_status_names[] = {
    {ReferralStatus::made, "made"},
    {ReferralStatus::connected, "connected"},
    {ReferralStatus::declined, "declined"},
    {ReferralStatus::completed, "completed"},
};

constexpr const char* k_referral_select =
    "SELECT f.id, p.code, r.name, f.date, f.status, f.status_on FROM referral f "
    "JOIN peer p ON p.id = f.peer_id JOIN resource r ON r.id = f.resource_id";

Referral read_referral(SQLite::Statement& row) {
    return Referral{row.getColumn(0).getInt64(),
                    row.getColumn(1).getString(),
                    row.getColumn(2).getString(),
                    stored_date(row.getColumn(3)),
                    parse_referral_status(row.getColumn(4).getString()),
                    stored_date(row.getColumn(5))};
}

std::int64_t resource_id_by_name(SQLite::Database& db, const std::string& name) {
    SQLite::Statement query(db, "SELECT id FROM resource WHERE name = ?");
    query.bind(1, name);
    if (!query.executeStep()) {
        throw Error(ErrorKind::not_found,
                    fmt::format("no resource named '{}'. Add it first with `peerlog resource add "
                                "\"{}\" --category CAT`, or see them with `peerlog resource "
                                "list`.",
                                name, name));
    }
    return query.getColumn(0).getInt64();
}

Referral referral_by_id(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement query(db, fmt::format("{} WHERE f.id = ?", k_referral_select));
    query.bind(1, id);
    if (!query.executeStep()) {
        throw Error(
            ErrorKind::not_found,
            fmt::format("no referral with id {}. See the ids with `peerlog referral list`.", id));
    }
    return read_referral(query);
}

void insert_status_change(SQLite::Database& db, std::int64_t id, ReferralStatus status, Date on) {
    SQLite::Statement insert(db, "INSERT INTO referral_status_change (referral_id, status, "
                                 "changed_on, recorded_at) VALUES (?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, std::string(to_string(status)));
    bind_date(insert, 3, on);
    insert.bind(4, utc_timestamp());
    insert.exec();
}

// A referral changed before schema 10 has no history rows: its stored status becomes its first
// row before the next change is added, so that earlier change is still counted on its day.
void keep_earlier_change(SQLite::Database& db, const Referral& stored) {
    if (stored.status == ReferralStatus::made) {
        return;
    }
    SQLite::Statement rows(db, "SELECT 1 FROM referral_status_change WHERE referral_id = ?");
    rows.bind(1, stored.id);
    if (!rows.executeStep()) {
        insert_status_change(db, stored.id, stored.status, stored.status_on);
    }
}

} // namespace

ReferralStatus parse_referral_status(std::string_view text) {
    return parse_name(k_status_names, text, "referral status");
}
std::string_view to_string(ReferralStatus status) {
    return name_of(k_status_names, status);
}

void validate(const Resource& resource) {
    validate_label(resource.name, "resource name", 100);
    validate_label(resource.category, "resource category", 64);
    if (!resource.contact.empty()) {
        validate_label(resource.contact, "resource contact", 200);
    }
}

std::int64_t add_resource(Journal& journal, const Resource& resource) {
    validate(resource);
    unlock_to_seal(journal, resource.contact); // before the write lock
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement taken(db, "SELECT name FROM resource WHERE name = ?");
        taken.bind(1, resource.name);
        if (taken.executeStep()) {
            throw Error(ErrorKind::conflict,
                        fmt::format("there is already a resource named '{}' (names ignore case).",
                                    taken.getColumn(0).getString()));
        }
        SQLite::Statement insert(
            db, fmt::format("INSERT INTO resource (id, name, category, created_at) VALUES ({}, ?, "
                            "?, ?)",
                            next_id_sql(NumberedTable::resource)));
        insert.bind(1, resource.name);
        insert.bind(2, resource.category);
        insert.bind(3, utc_timestamp());
        insert.exec();
        id = db.getLastInsertRowid();
        if (!resource.contact.empty()) {
            store_sensitive(journal, db, contact_address(id), resource.contact);
        }
        // Name, category and contact are typed text: the event names the row only.
        append_audit(db, "resource.add", fmt::format("resource {}", id), "added");
    });
    return id;
}

std::vector<Resource> list_resources(Journal& journal) {
    std::vector<Resource> resources;
    std::vector<StoredText> contacts;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(db, "SELECT id, name, category, contact FROM resource ORDER BY "
                                    "name COLLATE NOCASE");
        while (query.executeStep()) {
            resources.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                                 query.getColumn(2).getString(), ""});
            contacts.push_back(stored_text(query.getColumn(3)));
        }
    });
    // Opened after the read, so a passphrase prompt never holds a transaction open.
    for (std::size_t i = 0; i < resources.size(); ++i) {
        resources[i].contact =
            reveal_stored(journal, contact_address(resources[i].id), contacts[i]);
    }
    return resources;
}

std::int64_t add_referral(Journal& journal, const Referral& referral, Date today) {
    validate_not_future(referral.date, today, "referral date");
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement insert(
            db, fmt::format("INSERT INTO referral (id, peer_id, resource_id, date, status, "
                            "status_on, created_at, updated_at) VALUES ({}, ?, ?, ?, ?, ?, ?, ?)",
                            next_id_sql(NumberedTable::referral)));
        std::int64_t peer_id = open_peer_id_by_code(db, referral.peer_code);
        std::int64_t resource_id = resource_id_by_name(db, referral.resource);
        insert.bind(1, peer_id);
        insert.bind(2, resource_id);
        bind_date(insert, 3, referral.date);
        insert.bind(4, std::string(to_string(referral.status)));
        bind_date(insert, 5, referral.date);
        std::string now = utc_timestamp();
        insert.bind(6, now);
        insert.bind(7, now);
        insert.exec();
        id = db.getLastInsertRowid();
        append_audit(db, "referral.add", fmt::format("referral {}", id),
                     fmt::format("peer #{} to resource #{} on {}, {}", peer_id, resource_id,
                                 format_date(referral.date), to_string(referral.status)));
    });
    return id;
}

std::vector<Referral> list_referrals(Journal& journal,
                                     const std::optional<std::string>& peer_code) {
    std::vector<Referral> referrals;
    read_transaction(journal, [&](SQLite::Database& db) {
        std::string sql = k_referral_select;
        if (peer_code) {
            peer_id_by_code(db, *peer_code);
            sql += " WHERE p.code = :peer";
        }
        SQLite::Statement query(db, sql + " ORDER BY f.date, f.id");
        if (peer_code) {
            query.bind(":peer", *peer_code);
        }
        while (query.executeStep()) {
            referrals.push_back(read_referral(query));
        }
    });
    return referrals;
}

Referral set_referral_status(Journal& journal, std::int64_t id, ReferralStatus status, Date on,
                             std::optional<Date> today) {
    if (today && on > *today) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the status date {} (--date) is in the future (today is {}): give "
                                "the day the status changed.",
                                format_date(on), format_date(*today)));
    }
    std::optional<Referral> referral;
    write_transaction(journal, [&](SQLite::Database& db) {
        Referral stored = referral_by_id(db, id);
        // The outcomes report counts each change in the period holding its day.
        Date earliest = stored.status == ReferralStatus::made ? stored.date : stored.status_on;
        if (on < earliest) {
            throw Error(ErrorKind::invalid_data,
                        fmt::format("the status date {} is before referral {} was {} on {}: give "
                                    "a day on or after it.",
                                    format_date(on), id,
                                    stored.status == ReferralStatus::made
                                        ? std::string("made")
                                        : fmt::format("set {}", to_string(stored.status)),
                                    format_date(earliest)));
        }
        keep_earlier_change(db, stored);
        SQLite::Statement update(
            db, "UPDATE referral SET status = ?, status_on = ?, updated_at = ? WHERE id = ?");
        update.bind(1, std::string(to_string(status)));
        bind_date(update, 2, on);
        update.bind(3, utc_timestamp());
        update.bind(4, id);
        update.exec();
        insert_status_change(db, id, status, on);
        append_audit(db, "referral.set", fmt::format("referral {}", id),
                     fmt::format("status {} on {}", to_string(status), format_date(on)));
        referral = referral_by_id(db, id);
    });
    return *referral;
}

std::vector<ReferralStatusChange> referral_history(Journal& journal, std::int64_t id) {
    std::vector<ReferralStatusChange> history;
    read_transaction(journal, [&](SQLite::Database& db) {
        Referral stored = referral_by_id(db, id);
        history.push_back({ReferralStatus::made, stored.date});
        SQLite::Statement changes(db, "SELECT status, changed_on FROM referral_status_change "
                                      "WHERE referral_id = ? ORDER BY changed_on, rowid");
        changes.bind(1, id);
        while (changes.executeStep()) {
            history.push_back({parse_referral_status(changes.getColumn(0).getString()),
                               stored_date(changes.getColumn(1))});
        }
        // Changed before schema 10: the stored status stands for its one change.
        if (history.size() == 1 && stored.status != ReferralStatus::made) {
            history.push_back({stored.status, stored.status_on});
        }
    });
    return history;
}

} // namespace peerlog
