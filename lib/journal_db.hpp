// The journal's SQLite connection and transactions, for the library's stores only.
#pragma once

#include "peerlog/encryption.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/scrub.hpp"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <functional>
#include <optional>

namespace peerlog {

/// PRAGMA application_id of a peerlog journal ("PELG"), so another SQLite database is never
/// migrated; an encrypted journal's is "PELE", one of the marks that say it is encrypted.
inline constexpr int k_application_id = 0x50454C47;
inline constexpr int k_encrypted_application_id = 0x50454C45;

struct LoadedKey;
struct LoadedKeyDeleter {
    void operator()(LoadedKey* key) const;
};

/// A fact about the journal as last read (whether it is encrypted, where its audit trail is
/// keyed from), kept while no transaction begins or ends: a write asks it once, not for every
/// sealed field and event. `epoch` is the Impl's epoch it was read in.
template <class T> struct Remembered {
    std::uint64_t epoch = 0;
    std::optional<T> value;
};

struct Journal::Impl {
    std::filesystem::path path;
    SQLite::Database db;
    bool created = false;
    bool writable = false;
    int version_found = 0;
    std::unique_ptr<LoadedKey, LoadedKeyDeleter> key; ///< set once an encrypted journal unlocks
    PassphraseSource passphrase_source; ///< asked once, when a sealed field is first needed
    int passphrase_attempts = 1;        ///< how often it may be asked when it gives a wrong one
    int busy_timeout_ms = 5000;         ///< as opened; a checkpoint that must not wait sets 0
    /// Bumped when a transaction begins (its snapshot may differ from the last one) and ends,
    /// and when peerlog itself writes a remembered fact: what was read before is read again.
    std::uint64_t epoch = 1;
    Remembered<bool> encrypted;                         ///< encrypted()
    Remembered<std::optional<std::int64_t>> keyed_from; ///< audit_key's keyed_from
};

/// The remembered fact `memo` of `impl`, read by `read` when the epoch has moved on since.
template <class T, class Read> T remembered(Journal::Impl& impl, Remembered<T>& memo, Read read) {
    if (memo.value && memo.epoch == impl.epoch) {
        return *memo.value;
    }
    T value = read();
    memo = {impl.epoch, value};
    return value;
}

/// Makes every remembered fact of the journal open on `db` be read again (after peerlog wrote
/// one: the key record, the header mark, the audit key row). Nothing for a foreign connection.
void forget_remembered(SQLite::Database& db);

/// The data key of an encrypted journal (crypto_aead_xchacha20poly1305_ietf_KEYBYTES bytes),
/// unlocking it through the passphrase source first when needed. Error(privacy) when it is
/// locked and no passphrase can be had. Does not start a transaction.
const unsigned char* data_key(Journal& journal);

/// Refuses (Error(corrupt)) a journal that is encrypted by any of its marks (its header, its
/// journal.encrypt event, sealed values) but has no key record, or whose key record is damaged;
/// finishes the wipe an interrupted `peerlog encrypt` left. Called by Journal::open.
void check_encryption_at_open(Journal& journal);

/// The open journal whose connection `db` is (nullptr for a connection opened otherwise, such
/// as a test's own): how an audit append, given the connection, finds the journal's key.
Journal::Impl* journal_of(SQLite::Database& db);

/// The key of the audit trail's MACs, derived from the loaded data key (libsodium's KDF, its own
/// context): nothing while the journal is locked or plain.
std::optional<SecretBuffer> derive_audit_key(Journal::Impl& journal);

/// Whether a write transaction's events change records, which in an encrypted journal need
/// the key (the journal is unlocked through its passphrase source before the write lock is
/// taken), or only record an export or a backup, which do not.
enum class AuditKeyUse { records, none };

/// Runs `work` in one write transaction (BEGIN IMMEDIATE, so the busy timeout applies) and
/// commits; on any exception it rolls back. SQLite errors become peerlog::Error.
void write_transaction(Journal& journal, const std::function<void(SQLite::Database&)>& work,
                       AuditKeyUse key_use = AuditKeyUse::records);

/// Runs `work` in one read transaction, so every query sees the same snapshot; inside a
/// transaction already open (a write that records what the read produces), in that one.
void read_transaction(Journal& journal, const std::function<void(SQLite::Database&)>& work);

/// Runs `work`, which runs a single statement, outside any transaction of peerlog's own: the
/// statement's implicit one is its snapshot (a BEGIN and COMMIT around it would only add two
/// statements to every command that asks one thing). SQLite errors become peerlog::Error.
void read_statement(Journal& journal, const std::function<void(SQLite::Database&)>& work);

/// Whether a checkpoint waits (up to the busy timeout) for other programs' readers to let go.
enum class ReaderWait { busy_timeout, no };

/// Copies the WAL into the main file and truncates it (sqlite3_wal_checkpoint_v2, TRUNCATE), so
/// pages a delete zeroed (secure_delete) replace the old ones in the file and no old frame stays
/// in the -wal. Scrub::pending when another connection's read snapshot stopped it (busy, or
/// fewer frames checkpointed than the WAL holds); other failures throw Error.
Scrub checkpoint(Journal& journal, ReaderWait wait);

/// Notes, inside the transaction that deletes private records, that their scrub is still to
/// be done: committed with the deletion, so a kill before the checkpoint leaves it too.
void mark_scrub_pending(SQLite::Database& db);

/// After that transaction committed: the checkpoint, then, once it is complete, the markers'
/// deletion. Scrub::pending leaves the markers for finish_pending_scrub.
Scrub scrub_deleted(Journal& journal, ReaderWait wait);

/// The current UTC time as an ISO 8601 timestamp, for created_at / updated_at columns.
std::string utc_timestamp();

} // namespace peerlog
