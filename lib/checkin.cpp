// Self-care check-ins: validation and storage.
#include "peerlog/checkin.hpp"

#include "journal_db.hpp"
#include "record_rows.hpp"
#include "row_codec.hpp"

#include <SQLiteCpp/Statement.h>

namespace peerlog {

void validate(const Checkin& checkin, Date today) {
    validate_range(checkin.stress, 1, 5, "stress");
    validate_range(checkin.energy, 1, 5, "energy");
    validate_not_future(checkin.date, today, "check-in date");
}

std::int64_t add_checkin(Journal& journal, const Checkin& checkin, Date today) {
    validate(checkin, today);
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement insert(db, "INSERT INTO checkin (date, stress, energy, needs_support, "
                                     "note, shared, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        bind_date(insert, 1, checkin.date);
        insert.bind(2, checkin.stress);
        insert.bind(3, checkin.energy);
        insert.bind(4, checkin.needs_support ? 1 : 0);
        insert.bind(5, checkin.note);
        insert.bind(6, checkin.shared ? 1 : 0);
        insert.bind(7, utc_timestamp());
        insert.exec();
        id = db.getLastInsertRowid();
    });
    return id;
}

std::vector<Checkin> list_checkins(Journal& journal, const std::optional<Period>& period,
                                   bool shared_only) {
    std::vector<Checkin> checkins;
    read_transaction(journal, [&](SQLite::Database& db) {
        std::string sql = "SELECT id, date, stress, energy, needs_support, note, shared FROM "
                          "checkin WHERE 1 = 1";
        if (period) {
            sql += " AND date BETWEEN :from AND :to";
        }
        if (shared_only) {
            sql += " AND shared = 1";
        }
        SQLite::Statement query(db, sql + " ORDER BY date, id");
        if (period) {
            bind_date(query, query.getIndex(":from"), period->from);
            bind_date(query, query.getIndex(":to"), period->to);
        }
        while (query.executeStep()) {
            Checkin checkin;
            checkin.id = query.getColumn(0).getInt64();
            checkin.date = stored_date(query.getColumn(1));
            checkin.stress = query.getColumn(2).getInt();
            checkin.energy = query.getColumn(3).getInt();
            checkin.needs_support = query.getColumn(4).getInt() != 0;
            checkin.note = shared_only ? "" : query.getColumn(5).getString();
            checkin.shared = query.getColumn(6).getInt() != 0;
            checkins.push_back(checkin);
        }
    });
    return checkins;
}

} // namespace peerlog
