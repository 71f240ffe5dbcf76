// The keyed audit trail of an encrypted journal: a MAC of each event's hash under a key derived
// from the journal's data key, so rewriting the trail and recomputing it needs the passphrase.
#include "audit_key.hpp"

#include "audit_log.hpp"
#include "journal_db.hpp"
#include "peerlog/error.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sodium.h>

namespace peerlog {
namespace {

std::optional<std::int64_t> keyed_point(SQLite::Database& db) {
    auto read = [&]() -> std::optional<std::int64_t> {
        SQLite::Statement query(db, "SELECT keyed_from FROM audit_key WHERE id = 1");
        if (!query.executeStep()) {
            return std::nullopt;
        }
        return query.getColumn(0).getInt64();
    };
    Journal::Impl* journal = journal_of(db);
    return journal ? remembered(*journal, journal->keyed_from, read) : read();
}

bool encrypted_db(SQLite::Database& db) {
    // encrypted() remembers true exactly when the key record is there (it refuses a journal
    // marked encrypted without one), so what it remembers answers this too.
    Journal::Impl* journal = journal_of(db);
    if (journal && journal->encrypted.value && journal->encrypted.epoch == journal->epoch) {
        return *journal->encrypted.value;
    }
    return db.execAndGet("SELECT count(*) FROM journal_key").getInt() > 0;
}

// The audit key of the journal open on `db`, when its data key is loaded.
std::optional<SecretBuffer> loaded_audit_key(SQLite::Database& db) {
    Journal::Impl* journal = journal_of(db);
    return journal ? derive_audit_key(*journal) : std::nullopt;
}

std::string mac_of(const SecretBuffer& key, const std::string& hash) {
    unsigned char mac[crypto_generichash_BYTES];
    crypto_generichash(mac, sizeof mac, reinterpret_cast<const unsigned char*>(hash.data()),
                       hash.size(), key.data(), key.size());
    char hex[sizeof mac * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

bool changes_record(const AuditEvent& event) {
    return event.record_state && *event.record_state != k_state_none;
}

} // namespace

std::optional<std::string> audit_mac_for(SQLite::Database& db, const AuditEvent& event) {
    if (!keyed_point(db)) {
        return std::nullopt;
    }
    std::optional<SecretBuffer> key = loaded_audit_key(db);
    if (!key) {
        if (changes_record(event)) {
            throw Error(ErrorKind::privacy,
                        "this journal is encrypted and its audit trail keyed: a change to its "
                        "records needs the passphrase. Give --passphrase-file PATH (or "
                        "PEERLOG_PASSPHRASE_FILE) or run peerlog on a terminal to type it. "
                        "Nothing was saved.");
        }
        return std::nullopt; // an export or a backup: chained, unkeyed
    }
    return mac_of(*key, event.hash);
}

void key_trail_if_due(SQLite::Database& db) {
    if (keyed_point(db) || !encrypted_db(db) || !loaded_audit_key(db)) {
        return;
    }
    SQLite::Statement start(db, "INSERT INTO audit_key (id, keyed_from) VALUES (1, ?)");
    start.bind(1, audit_head_in(db).id + 1);
    start.exec();
    forget_remembered(db);
    append_audit(db, k_keyed_action, "journal",
                 "from here on every event that changes a record carries a keyed MAC");
}

std::string KeyedTrail::problem_with(const AuditEvent& event, AuditCheck& check) const {
    bool keyed = keyed_from && event.id >= *keyed_from;
    if (!keyed) {
        return event.mac ? "it carries a keyed MAC, yet the trail is not keyed there (the "
                           "keyed point was moved or removed)"
                         : "";
    }
    if (event.id == *keyed_from && (event.action != k_keyed_action || !event.mac)) {
        return "the trail is keyed from this event, yet it is not the keying event (the keyed "
               "point was moved)";
    }
    if (!event.mac) {
        return changes_record(event) ? "it changes a record but carries no keyed MAC (it was "
                                       "written or rewritten without the passphrase)"
                                     : "";
    }
    if (!key) {
        ++check.keyed_unchecked;
        return "";
    }
    std::string expected = mac_of(*key, event.hash);
    if (expected.size() != event.mac->size() ||
        sodium_memcmp(expected.data(), event.mac->data(), expected.size()) != 0) {
        return "its keyed MAC does not match (the trail was rewritten without the passphrase)";
    }
    ++check.keyed;
    return "";
}

std::string KeyedTrail::problem_at_end(std::int64_t last_event) const {
    if (keyed_from && *keyed_from > last_event) {
        return fmt::format("the trail is said to be keyed from event {}, after its last event {} "
                           "(the keyed point was moved)",
                           *keyed_from, last_event);
    }
    if (keyed_from && !encrypted) {
        return fmt::format("the trail is keyed from event {}, yet the journal holds no key (its "
                           "key was removed)",
                           *keyed_from);
    }
    return "";
}

KeyedTrail keyed_trail_of(Journal& journal, bool use_key) {
    KeyedTrail trail;
    read_transaction(journal, [&](SQLite::Database& db) {
        trail.keyed_from = keyed_point(db);
        trail.encrypted = encrypted_db(db);
    });
    if (trail.encrypted && (use_key || unlocked(journal))) {
        data_key(journal); // asks the passphrase source, outside any transaction
        trail.key = derive_audit_key(journal.impl());
    }
    return trail;
}

} // namespace peerlog
