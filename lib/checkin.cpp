// Self-care check-ins: validation and storage.
#include "peerlog/checkin.hpp"

#include "audit_log.hpp"
#include "journal_db.hpp"
#include "record_ids.hpp"
#include "record_rows.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace peerlog {
namespace {

constexpr FieldAddress note_address(std::int64_t checkin_id) {
    return {"checkin", "note", checkin_id};
}

} // namespace

void validate(const Checkin& checkin, Date today) {
    validate_range(checkin.stress, 1, 5, "stress");
    validate_range(checkin.energy, 1, 5, "energy");
    validate_not_future(checkin.date, today, "check-in date");
}

std::int64_t add_checkin(Journal& journal, const Checkin& checkin, Date today) {
    validate(checkin, today);
    unlock_to_seal(journal, checkin.note);
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement insert(
            db, fmt::format("INSERT INTO checkin (id, date, stress, energy, needs_support, shared, "
                            "created_at) VALUES ({}, ?, ?, ?, ?, ?, ?)",
                            next_id_sql(NumberedTable::checkin)));
        bind_date(insert, 1, checkin.date);
        insert.bind(2, checkin.stress);
        insert.bind(3, checkin.energy);
        insert.bind(4, checkin.needs_support ? 1 : 0);
        insert.bind(5, checkin.shared ? 1 : 0);
        insert.bind(6, utc_timestamp());
        insert.exec();
        id = db.getLastInsertRowid();
        // The note is sealed with the row's id as associated data, so it is stored once known.
        if (!checkin.note.empty()) {
            store_sensitive(journal, db, note_address(id), checkin.note);
        }
        // Neither the scores nor the note: the audit trail records that it happened, not how
        // the specialist felt.
        append_audit(db, "checkin.add", fmt::format("checkin {}", id),
                     fmt::format("{}, {}", format_date(checkin.date),
                                 checkin.shared ? "shared" : "private"));
    });
    return id;
}

std::vector<Checkin> list_checkins(Journal& journal, const std::optional<Period>& period,
                                   bool shared_only, CheckinNotes notes) {
    bool reveal = notes == CheckinNotes::include && !shared_only;
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
            checkin.note = reveal ? query.getColumn(5).getString() : "";
            checkin.shared = query.getColumn(6).getInt() != 0;
            checkins.push_back(checkin);
        }
    });
    // Revealed after the read, so a passphrase prompt never holds a transaction open.
    for (auto& checkin : checkins) {
        checkin.note = reveal_sensitive(journal, note_address(checkin.id), checkin.note);
    }
    return checkins;
}

} // namespace peerlog
