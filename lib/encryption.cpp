// Encryption at rest: the data key wrapped by an Argon2id passphrase key, and secret memory.
#include "peerlog/encryption.hpp"

#include "audit_key.hpp"
#include "audit_log.hpp"
#include "draft_rows.hpp"
#include "journal_db.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"
#include "sealed_columns.hpp"

#include <SQLiteCpp/Statement.h>
#include <cstring>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <optional>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <utility>
#include <vector>

namespace peerlog {
namespace {

constexpr std::size_t k_key_bytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t k_nonce_bytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t k_tag_bytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t k_wrapped_bytes = k_nonce_bytes + k_key_bytes + k_tag_bytes;
// Bound into the wrapped key as associated data, so it cannot pass for another blob.
constexpr std::string_view k_wrap_context = "peerlog journal data key v1";

void ensure_sodium() {
    if (sodium_init() < 0) {
        throw Error(ErrorKind::io, "libsodium could not be initialised.");
    }
}

// The Argon2id parameters and wrapped key as stored in journal_key, with the checksum that tells
// a damaged record from a wrong passphrase (NULL in a record written before schema 7).
struct WrappedKey {
    std::string salt;
    unsigned long long opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    std::size_t memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    std::string wrapped;
    std::optional<std::string> check;
};

// An unkeyed BLAKE2b of the record's fields: it finds a record damaged by accident (a flipped
// byte would otherwise read as a wrong passphrase); a tamperer who recomputes it gains nothing,
// since the wrapped key still opens only with the passphrase.
std::string key_check(const WrappedKey& key) {
    std::string input =
        fmt::format("peerlog key record v1;{}:{};{};{};{}:{}", key.salt.size(), key.salt,
                    key.opslimit, key.memlimit, key.wrapped.size(), key.wrapped);
    std::string digest(crypto_generichash_BYTES, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(digest.data()), digest.size(),
                       reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr,
                       0);
    return digest;
}

Error damaged_key_record(std::string_view what) {
    return Error(ErrorKind::corrupt,
                 fmt::format("the journal's key record (table journal_key) is damaged ({}); "
                             "without it the encrypted fields cannot be read, and peerlog will not "
                             "write to the journal in the clear. Restore the journal from a "
                             "backup.",
                             what));
}

// Error(corrupt) unless the record is whole: sizes and limits as peerlog writes them, and the
// checksum when it has one.
void check_key_record(const WrappedKey& stored) {
    if (stored.wrapped.size() != k_wrapped_bytes || stored.salt.size() != crypto_pwhash_SALTBYTES ||
        stored.opslimit < crypto_pwhash_OPSLIMIT_MIN ||
        stored.memlimit < crypto_pwhash_MEMLIMIT_MIN) {
        throw damaged_key_record("its sizes or limits are not peerlog's");
    }
    if (stored.check && *stored.check != key_check(stored)) {
        throw damaged_key_record("its checksum does not match");
    }
}

SecretBuffer derive_kek(const SecretBuffer& passphrase, const WrappedKey& stored) {
    SecretBuffer kek(k_key_bytes);
    kek.resize(k_key_bytes);
    if (crypto_pwhash(kek.data(), k_key_bytes, reinterpret_cast<const char*>(passphrase.data()),
                      passphrase.size(), reinterpret_cast<const unsigned char*>(stored.salt.data()),
                      stored.opslimit, stored.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw Error(ErrorKind::io, "not enough memory to derive the key from the passphrase.");
    }
    return kek;
}

std::string wrap(const SecretBuffer& kek, const SecretBuffer& key) {
    std::string out(k_wrapped_bytes, '\0');
    auto* bytes = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(bytes, k_nonce_bytes);
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        bytes + k_nonce_bytes, nullptr, key.data(), key.size(),
        reinterpret_cast<const unsigned char*>(k_wrap_context.data()), k_wrap_context.size(),
        nullptr, bytes, kek.data());
    return out;
}

// The data key, or nothing when `passphrase` is wrong. Error(corrupt) for a damaged record.
std::optional<SecretBuffer> try_unwrap(const SecretBuffer& passphrase, const WrappedKey& stored) {
    check_key_record(stored);
    SecretBuffer kek = derive_kek(passphrase, stored);
    SecretBuffer key(k_key_bytes);
    key.resize(k_key_bytes);
    const auto* bytes = reinterpret_cast<const unsigned char*>(stored.wrapped.data());
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            key.data(), nullptr, nullptr, bytes + k_nonce_bytes, k_wrapped_bytes - k_nonce_bytes,
            reinterpret_cast<const unsigned char*>(k_wrap_context.data()), k_wrap_context.size(),
            bytes, kek.data()) != 0) {
        return std::nullopt;
    }
    return key;
}

Error wrong_passphrase(int attempts) {
    return Error(ErrorKind::privacy,
                 fmt::format("wrong passphrase{}: it does not unlock this journal's encrypted "
                             "fields. Nothing was read or changed.",
                             attempts > 1 ? fmt::format(" ({} attempts)", attempts) : ""));
}

SecretBuffer unwrap(const SecretBuffer& passphrase, const WrappedKey& stored) {
    std::optional<SecretBuffer> key = try_unwrap(passphrase, stored);
    if (!key) {
        throw wrong_passphrase(1);
    }
    return std::move(*key);
}

std::size_t characters(const SecretBuffer& text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        count += (text.data()[i] & 0xC0) != 0x80 ? 1 : 0; // UTF-8 continuation bytes do not count
    }
    return count;
}

// The key record: none when there is no row. A row whose columns are not what peerlog writes
// (a NULL, a number where bytes belong) reads as a damaged record, never as no record.
std::optional<WrappedKey> read_wrapped_key(SQLite::Database& db) {
    SQLite::Statement query(db, "SELECT salt, opslimit, memlimit, wrapped_key, key_check, "
                                "typeof(salt) || typeof(opslimit) || typeof(memlimit) || "
                                "typeof(wrapped_key) FROM journal_key ORDER BY id LIMIT 1");
    if (!query.executeStep()) {
        return std::nullopt;
    }
    if (query.getColumn(5).getString() != "blobintegerintegerblob") {
        throw damaged_key_record("a field holds the wrong kind of value");
    }
    WrappedKey key{query.getColumn(0).getString(),
                   static_cast<unsigned long long>(query.getColumn(1).getInt64()),
                   static_cast<std::size_t>(query.getColumn(2).getInt64()),
                   query.getColumn(3).getString(),
                   {}};
    if (!query.getColumn(4).isNull()) {
        key.check = query.getColumn(4).getString();
    }
    return key;
}

void write_wrapped_key(SQLite::Database& db, const WrappedKey& key) {
    std::string check = key_check(key);
    SQLite::Statement upsert(
        db, "INSERT INTO journal_key (id, salt, opslimit, memlimit, wrapped_key, key_check) "
            "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET salt = excluded.salt, "
            "opslimit = excluded.opslimit, memlimit = excluded.memlimit, wrapped_key = "
            "excluded.wrapped_key, key_check = excluded.key_check");
    upsert.bind(1, key.salt.data(), static_cast<int>(key.salt.size()));
    upsert.bind(2, static_cast<std::int64_t>(key.opslimit));
    upsert.bind(3, static_cast<std::int64_t>(key.memlimit));
    upsert.bind(4, key.wrapped.data(), static_cast<int>(key.wrapped.size()));
    upsert.bind(5, check.data(), static_cast<int>(check.size()));
    upsert.exec();
    forget_remembered(db);
}

WrappedKey new_wrapping(const SecretBuffer& passphrase, const SecretBuffer& data_key) {
    WrappedKey stored;
    stored.salt.assign(crypto_pwhash_SALTBYTES, '\0');
    randombytes_buf(stored.salt.data(), stored.salt.size());
    stored.wrapped = wrap(derive_kek(passphrase, stored), data_key);
    return stored;
}

// Core dumps stay off while any journal in the process holds a loaded key.
int g_keys_loaded = 0;
rlimit g_saved_core{};
bool g_core_lowered = false;

} // namespace

// The data key in secret memory; no core dump may hold it while it is loaded.
struct LoadedKey {
    SecretBuffer key;

    explicit LoadedKey(SecretBuffer unwrapped) : key(std::move(unwrapped)) {
        if (g_keys_loaded++ == 0 && ::getrlimit(RLIMIT_CORE, &g_saved_core) == 0) {
            rlimit none = g_saved_core;
            none.rlim_cur = 0;
            g_core_lowered = ::setrlimit(RLIMIT_CORE, &none) == 0;
        }
    }
    ~LoadedKey() {
        if (--g_keys_loaded == 0 && g_core_lowered) {
            ::setrlimit(RLIMIT_CORE, &g_saved_core);
            g_core_lowered = false;
        }
    }
    LoadedKey(const LoadedKey&) = delete;
    LoadedKey& operator=(const LoadedKey&) = delete;
};

void LoadedKeyDeleter::operator()(LoadedKey* key) const {
    delete key; // SecretBuffer's destructor wipes the key (sodium_free)
}

SecretBuffer::SecretBuffer(std::size_t capacity) : m_capacity(capacity) {
    ensure_sodium();
    m_data = static_cast<unsigned char*>(sodium_malloc(capacity == 0 ? 1 : capacity));
    if (m_data == nullptr) {
        throw Error(ErrorKind::io, "cannot allocate locked memory for a secret.");
    }
}

SecretBuffer::SecretBuffer(SecretBuffer&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)),
      m_capacity(std::exchange(other.m_capacity, 0)) {}

SecretBuffer& SecretBuffer::operator=(SecretBuffer&& other) noexcept {
    if (this != &other) {
        SecretBuffer gone(std::move(*this));
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_capacity = std::exchange(other.m_capacity, 0);
    }
    return *this;
}

SecretBuffer::~SecretBuffer() {
    if (m_data != nullptr) {
        sodium_free(m_data); // zeroes the bytes before unmapping them
    }
}

SecretBuffer SecretBuffer::from(std::string_view text) {
    SecretBuffer buffer(text.size());
    std::memcpy(buffer.m_data, text.data(), text.size());
    buffer.m_size = text.size();
    return buffer;
}

void SecretBuffer::push_back(unsigned char byte) {
    if (m_size >= m_capacity) {
        throw Error(ErrorKind::invalid_data, "the passphrase is too long (at most " +
                                                 std::to_string(m_capacity) + " bytes).");
    }
    m_data[m_size++] = byte;
}

void SecretBuffer::resize(std::size_t size) {
    if (size > m_capacity) {
        throw Error(ErrorKind::invalid_data, "a secret buffer cannot grow.");
    }
    if (size < m_size) {
        sodium_memzero(m_data + size, m_size - size);
    }
    m_size = size;
}

void check_new_passphrase(const SecretBuffer& passphrase) {
    if (passphrase.empty()) {
        throw Error(ErrorKind::invalid_data, "the passphrase is empty; give a non-empty one.");
    }
    std::size_t count = characters(passphrase);
    if (count < k_min_passphrase_chars) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the new passphrase has {} characters; it needs at least {} (a few "
                                "words are easier to remember and harder to guess). Nothing was "
                                "changed.",
                                count, k_min_passphrase_chars));
    }
}

namespace {

int application_id(SQLite::Database& db) {
    return db.execAndGet("PRAGMA application_id").getInt();
}

Error missing_key_record(const Journal::Impl& impl, const std::vector<std::string>& marks) {
    return Error(ErrorKind::corrupt,
                 fmt::format("the journal {} is encrypted ({}), but its key record (table "
                             "journal_key) is missing: it was tampered with or damaged. peerlog "
                             "neither shows its sealed text nor writes to it in the clear; "
                             "restore it from a backup.",
                             impl.path.string(), fmt::join(marks, "; ")));
}

} // namespace

bool encrypted(Journal& journal) {
    auto& impl = journal.impl();
    // Read again in each transaction (a write asks it inside its own): an encrypted journal
    // whose key row went since it was opened is refused, never written in the clear.
    return remembered(impl, impl.encrypted, [&] {
        if (impl.db.execAndGet("SELECT count(*) FROM journal_key").getInt() > 0) {
            return true;
        }
        if (application_id(impl.db) == k_encrypted_application_id) {
            throw missing_key_record(impl, {"it is marked so in its header"});
        }
        return false;
    });
}

bool unlocked(Journal& journal) {
    return journal.impl().key != nullptr;
}

namespace {

WrappedKey stored_key(Journal& journal) {
    std::optional<WrappedKey> stored = read_wrapped_key(journal.impl().db);
    if (!stored) {
        throw Error(ErrorKind::invalid_data,
                    "the journal is not encrypted; there is no passphrase to give.");
    }
    return *stored;
}

bool in_transaction(Journal& journal) {
    return sqlite3_get_autocommit(journal.impl().db.getHandle()) == 0;
}

// Once a passphrase unlocked the journal: the draft key pair is checked (a public half that is
// not the secret half's was replaced: drafts would be sealed to someone else), and what an
// earlier peerlog did not write is added: the draft key pair, the key record's checksum. Not
// inside a transaction or on a read-only journal (the next unlock does it); a busy journal is
// left for the next unlock too.
void complete_key_records(Journal& journal) {
    check_draft_key(journal);
    if (!journal.writable() || in_transaction(journal)) {
        return;
    }
    auto& db = journal.impl().db;
    bool incomplete =
        db.execAndGet("SELECT (SELECT count(*) FROM journal_key WHERE key_check IS NULL) + "
                      "(SELECT count(*) FROM draft_key WHERE public_key IS NULL)")
            .getInt() > 0;
    if (!incomplete) {
        return;
    }
    try {
        write_transaction(journal, [&](SQLite::Database& db) {
            std::optional<WrappedKey> stored = read_wrapped_key(db);
            if (stored && !stored->check) {
                write_wrapped_key(db, *stored);
            }
            create_draft_key(journal, db);
        });
    } catch (const Error& error) {
        if (error.kind() != ErrorKind::busy && error.kind() != ErrorKind::io) {
            throw;
        }
    }
}

void load_key(Journal& journal, SecretBuffer key) {
    journal.impl().key.reset(new LoadedKey(std::move(key)));
    complete_key_records(journal);
}

// One checkpoint that copies every frame of the WAL into the journal and truncates the WAL to
// nothing. False when another connection's snapshot kept frames from being copied (it waits
// up to the busy timeout first).
bool checkpoint_truncating(SQLite::Database& db) {
    SQLite::Statement checkpoint(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    return checkpoint.executeStep() && checkpoint.getColumn(0).getInt() == 0;
}

// After the journal's text was sealed, its old plaintext can still be in earlier WAL frames,
// in pages of the main file not yet checkpointed and in freed space. Checkpoints and truncates
// the WAL, rebuilds the file (VACUUM: no free page or free space keeps old bytes; secure_delete
// zeroes what the rebuild frees), truncates the WAL again and clears wipe_pending. False when
// another process kept the journal open throughout: wipe_pending stays set, and the next open
// that can write tries again.
bool wipe_old_plaintext(Journal& journal) {
    auto& db = journal.impl().db;
    try {
        if (!checkpoint_truncating(db)) {
            return false;
        }
        db.exec("VACUUM");
        if (!checkpoint_truncating(db)) {
            return false;
        }
        db.exec("UPDATE journal_key SET wipe_pending = 0");
        return checkpoint_truncating(db);
    } catch (const SQLite::Exception& error) {
        int code = error.getErrorCode() & 0xFF;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            return false;
        }
        throw Error(ErrorKind::io, fmt::format("cannot wipe the old pages of the journal {} ({}); "
                                               "its text is sealed, and the wipe is tried again "
                                               "the next time peerlog opens it.",
                                               journal.path().string(), error.what()));
    }
}

bool wipe_pending(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM journal_key WHERE wipe_pending = 1").getInt() > 0;
}

// Inside the caller's write transaction, with the new data key loaded: the key record, the
// draft key pair, every value still in the clear sealed, the typed text of audit summaries
// redacted, the header mark and the journal.encrypt event.
EncryptResult seal_journal(Journal& journal, SQLite::Database& db, const WrappedKey* new_key,
                           std::string_view how) {
    if (new_key) {
        write_wrapped_key(db, *new_key);
    }
    db.exec(fmt::format("PRAGMA application_id = {}", k_encrypted_application_id));
    forget_remembered(db);
    create_draft_key(journal, db);
    EncryptResult result;
    // Redacted first: it reaches back to the journal's last journal.encrypt event, and the
    // events below are journal.encrypt events too.
    TypedTextRedaction redaction = redact_typed_text_events(db);
    result.redacted_events = redaction.redacted;
    result.unredactable_events = redaction.kept;
    // Keyed from here (when not already): the events that follow carry MACs. Sealing rewrites
    // stored bytes, so every record it touched gets an event with its new state; a record that
    // does not match its trail is refused first, not blessed.
    key_trail_if_due(db);
    result.resealed_records =
        reseal_records(db, "journal.encrypt", "its typed text sealed: stored bytes rewritten",
                       [&] { result.sealed = seal_clear_values(journal, db); });
    db.exec("UPDATE journal_key SET wipe_pending = 1");
    append_audit(db, "journal.encrypt", "journal",
                 fmt::format("{}: {} sealed in {}, {} redacted", how,
                             counted(result.sealed, "value"),
                             counted(result.resealed_records, "record"),
                             counted(result.redacted_events, "audit event")));
    return result;
}

// Error(conflict) naming the records a journal holds, for `init --encrypt`: that is for a new
// journal; an existing one is encrypted with `peerlog encrypt`.
void require_no_records(SQLite::Database& db) {
    std::vector<std::string> held;
    struct Held {
        const char* table;
        const char* singular;
        const char* plural;
    };
    for (const Held& table :
         {Held{"session", "session", "sessions"}, Held{"peer_identity", "identity", "identities"},
          Held{"goal", "goal", "goals"}, Held{"checkin", "check-in", "check-ins"},
          Held{"consent", "consent", "consents"}}) {
        long long n = db.execAndGet(fmt::format("SELECT count(*) FROM {}", table.table)).getInt64();
        if (n > 0) {
            held.push_back(counted(n, table.singular, table.plural));
        }
    }
    if (!held.empty()) {
        throw Error(ErrorKind::conflict,
                    fmt::format("the journal already holds {}; `init --encrypt` makes a new "
                                "journal encrypted. Encrypt this one, records and all, with "
                                "`peerlog encrypt`.",
                                fmt::join(held, ", ")));
    }
}

Error already_encrypted() {
    return Error(ErrorKind::conflict, "the journal is encrypted already: nothing is left in the "
                                      "clear. Use `peerlog passphrase change` to change its "
                                      "passphrase.");
}

} // namespace

void check_encryption_at_open(Journal& journal) {
    auto& impl = journal.impl();
    if (std::optional<WrappedKey> stored = read_wrapped_key(impl.db)) {
        check_key_record(*stored);
        if (impl.writable && wipe_pending(impl.db)) {
            try { // an `encrypt` interrupted after its commit; never a reason to refuse the command
                wipe_old_plaintext(journal);
            } catch (const Error&) {
            }
        }
        return;
    }
    // No key record: a plain journal, unless something says it was encrypted. Each mark can be
    // removed with the sqlite3 shell, but not all of them without also being noticed: sealed
    // values cannot be unsealed, and the event is in the hash chain (cutting it off the end of
    // the chain shows against a published head).
    std::vector<std::string> marks;
    read_transaction(journal, [&](SQLite::Database& db) { // one snapshot, one lock for all
        if (application_id(db) == k_encrypted_application_id) {
            marks.emplace_back("it is marked so in its header");
        }
        if (db.execAndGet("SELECT EXISTS (SELECT 1 FROM audit_event WHERE action = "
                          "'journal.encrypt')")
                .getInt() != 0) {
            marks.emplace_back("its audit trail records its encryption");
        }
        if (db.execAndGet("SELECT count(*) FROM draft_key WHERE public_key IS NOT NULL").getInt() >
            0) {
            marks.emplace_back("it has a key for sealing drafts");
        }
        if (sealed_value_present(db)) {
            marks.emplace_back("it holds sealed values");
        }
    });
    if (!marks.empty()) {
        throw missing_key_record(impl, marks);
    }
}

void unlock(Journal& journal, const SecretBuffer& passphrase) {
    load_key(journal, unwrap(passphrase, stored_key(journal)));
}

EncryptResult encrypt_journal(Journal& journal, const SecretBuffer& passphrase) {
    check_new_passphrase(passphrase);
    if (encrypted(journal)) {
        throw already_encrypted();
    }
    SecretBuffer key(k_key_bytes);
    key.resize(k_key_bytes);
    randombytes_buf(key.data(), key.size());
    WrappedKey stored = new_wrapping(passphrase, key); // Argon2id before the write lock
    auto& impl = journal.impl();
    checkpoint_truncating(impl.db); // the plain journal's own WAL frames first
    impl.key.reset(new LoadedKey(std::move(key)));
    EncryptResult result;
    try {
        write_transaction(journal, [&](SQLite::Database& db) {
            if (read_wrapped_key(db)) {
                throw already_encrypted(); // another peerlog encrypted it meanwhile
            }
            result = seal_journal(journal, db, &stored, "encrypted");
        });
    } catch (...) {
        impl.key.reset(); // rolled back: the journal is as plain as it was
        throw;
    }
    result.wiped = wipe_old_plaintext(journal);
    return result;
}

EncryptResult finish_encryption(Journal& journal) {
    if (!encrypted(journal)) {
        throw Error(ErrorKind::invalid_data, "the journal is not encrypted: encrypt it with a new "
                                             "passphrase (`peerlog encrypt`).");
    }
    EncryptResult result;
    result.was_encrypted = true;
    auto& db = journal.impl().db;
    bool leftovers = count_clear_values(db) > 0 || count_typed_text_events(db) > 0;
    if (!leftovers && !wipe_pending(db)) {
        throw already_encrypted();
    }
    if (leftovers) {
        unlock_with_source(journal); // as every command asks for it, before the write lock
        write_transaction(journal, [&](SQLite::Database& db) {
            result = seal_journal(journal, db, nullptr, "left in the clear by an earlier peerlog");
            result.was_encrypted = true;
        });
    }
    result.wiped = wipe_old_plaintext(journal);
    return result;
}

void enable_encryption(Journal& journal, const SecretBuffer& passphrase) {
    check_new_passphrase(passphrase);
    if (encrypted(journal)) {
        throw Error(ErrorKind::conflict, "the journal is encrypted already; use `peerlog "
                                         "passphrase change` to change its passphrase.");
    }
    read_transaction(journal, [](SQLite::Database& db) { require_no_records(db); });
    encrypt_journal(journal, passphrase);
}

void change_passphrase(Journal& journal, const SecretBuffer& new_passphrase) {
    check_new_passphrase(new_passphrase);
    if (!encrypted(journal)) {
        throw Error(ErrorKind::invalid_data,
                    "the journal is not encrypted, so it has no passphrase to change.");
    }
    unlock_with_source(journal);
    const SecretBuffer& key = journal.impl().key->key;
    write_transaction(journal, [&](SQLite::Database& db) {
        write_wrapped_key(db, new_wrapping(new_passphrase, key));
        append_audit(db, "passphrase.change", "journal",
                     "data key re-wrapped under a changed passphrase, with a new salt");
    });
}

std::optional<SecretBuffer> derive_audit_key(Journal::Impl& journal) {
    static_assert(k_key_bytes == crypto_kdf_KEYBYTES);
    if (!journal.key) {
        return std::nullopt;
    }
    SecretBuffer key(crypto_generichash_KEYBYTES);
    key.resize(crypto_generichash_KEYBYTES);
    crypto_kdf_derive_from_key(key.data(), key.size(), 1, "plaudit1", journal.key->key.data());
    return key;
}

void set_passphrase_source(Journal& journal, PassphraseSource source, int attempts) {
    journal.impl().passphrase_source = std::move(source);
    journal.impl().passphrase_attempts = attempts < 1 ? 1 : attempts;
}

void unlock_with_source(Journal& journal) {
    stored_key(journal); // Error(invalid_data) for a plain journal, whatever the source
    data_key(journal);
}

const unsigned char* data_key(Journal& journal) {
    auto& impl = journal.impl();
    if (!impl.key) {
        if (!impl.passphrase_source) {
            throw Error(ErrorKind::privacy,
                        "this journal is encrypted and locked: give --passphrase-file PATH (or "
                        "PEERLOG_PASSPHRASE_FILE) or run peerlog on a terminal to type the "
                        "passphrase.");
        }
        WrappedKey stored = stored_key(journal);
        for (int attempt = 1; !impl.key; ++attempt) {
            SecretBuffer passphrase = impl.passphrase_source();
            std::optional<SecretBuffer> key = try_unwrap(passphrase, stored);
            if (key) {
                load_key(journal, std::move(*key));
            } else if (attempt >= impl.passphrase_attempts) {
                throw wrong_passphrase(attempt);
            }
        }
    }
    return impl.key->key.data();
}

} // namespace peerlog
