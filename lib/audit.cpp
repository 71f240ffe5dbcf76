// The hash-chained audit trail: appending, listing and verifying.
#include "peerlog/audit.hpp"
#include "audit_log.hpp"
#include "journal_db.hpp"
#include "peerlog/error.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sodium.h>

namespace peerlog {
namespace {

AuditEvent read_event(SQLite::Statement& row) {
    return AuditEvent{row.getColumn(0).getInt64(),  row.getColumn(1).getString(),
                      row.getColumn(2).getString(), row.getColumn(3).getString(),
                      row.getColumn(4).getString(), row.getColumn(5).getString(),
                      row.getColumn(6).getString()};
}

constexpr const char* k_event_columns = "id, at, action, object, summary, prev_hash, hash";

void ensure_sodium() {
    if (sodium_init() < 0) {
        throw Error(ErrorKind::io, "libsodium could not be initialised.");
    }
}

} // namespace

std::string audit_hash(const AuditEvent& event) {
    ensure_sodium();
    // Length-prefixed fields, so no choice of field text can make two events hash alike.
    std::string input;
    for (const std::string& field : {event.prev_hash, std::to_string(event.id), event.at,
                                     event.action, event.object, event.summary}) {
        input += fmt::format("{}:{};", field.size(), field);
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

void append_audit(SQLite::Database& db, std::string_view action, std::string_view object,
                  std::string_view summary) {
    AuditEvent event;
    SQLite::Statement last(db, "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1");
    if (last.executeStep()) {
        event.id = last.getColumn(0).getInt64() + 1;
        event.prev_hash = last.getColumn(1).getString();
    } else {
        event.id = 1;
        event.prev_hash = std::string(k_audit_genesis);
    }
    event.at = utc_timestamp();
    event.action = action;
    event.object = object;
    event.summary = summary;
    event.hash = audit_hash(event);
    SQLite::Statement insert(db, fmt::format("INSERT INTO audit_event ({}) VALUES (?, ?, ?, ?, ?, "
                                             "?, ?)",
                                             k_event_columns));
    insert.bind(1, event.id);
    insert.bind(2, event.at);
    insert.bind(3, event.action);
    insert.bind(4, event.object);
    insert.bind(5, event.summary);
    insert.bind(6, event.prev_hash);
    insert.bind(7, event.hash);
    insert.exec();
}

std::vector<AuditEvent> list_audit(Journal& journal, std::optional<Date> since) {
    std::vector<AuditEvent> events;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(db, fmt::format("SELECT {} FROM audit_event WHERE at >= ? ORDER "
                                                "BY id",
                                                k_event_columns));
        query.bind(1, since ? format_date(*since) : std::string());
        while (query.executeStep()) {
            events.push_back(read_event(query));
        }
    });
    return events;
}

AuditHead audit_head(Journal& journal) {
    AuditHead head;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement last(db, "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1");
        if (last.executeStep()) {
            head = {last.getColumn(0).getInt64(), last.getColumn(1).getString()};
        }
    });
    return head;
}

AuditHead audit_head_in(SQLite::Database& db, Date day) {
    AuditHead head;
    // Events are appended in time order, so the latest before the day's end is also the last
    // by id; the index on (at, id) finds it in one seek however long the trail after it is.
    SQLite::Statement last(db, "SELECT id, hash FROM audit_event WHERE at < ? ORDER BY at DESC, "
                               "id DESC LIMIT 1");
    last.bind(1, format_date(add_days(day, 1)));
    if (last.executeStep()) {
        head = {last.getColumn(0).getInt64(), last.getColumn(1).getString()};
    }
    return head;
}

AuditHead audit_head_on(Journal& journal, Date day) {
    AuditHead head;
    read_transaction(journal, [&](SQLite::Database& db) { head = audit_head_in(db, day); });
    return head;
}

void record_export(Journal& journal, const std::string& what) {
    write_transaction(journal,
                      [&](SQLite::Database& db) { append_audit(db, "export", "export", what); });
}

AuditCheck verify_audit(Journal& journal) {
    AuditCheck check;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(
            db, fmt::format("SELECT {} FROM audit_event ORDER BY id", k_event_columns));
        AuditHead previous;
        while (query.executeStep()) {
            AuditEvent event = read_event(query);
            ++check.events;
            std::string problem;
            if (event.id != previous.id + 1) {
                problem = fmt::format("the event before it (id {}) is missing", event.id - 1);
            } else if (event.prev_hash != previous.hash) {
                problem = "it does not link to the event before it (one was changed, removed "
                          "or put in between)";
            } else if (audit_hash(event) != event.hash) {
                problem = "its content no longer matches its hash (it was edited)";
            }
            if (!problem.empty() && !check.first_bad_event) {
                check.first_bad_event = event.id;
                check.problem = problem;
            }
            previous = {event.id, event.hash};
        }
        check.head = previous;
    });
    return check;
}

} // namespace peerlog
