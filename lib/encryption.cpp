// Encryption at rest: the data key wrapped by an Argon2id passphrase key, and secret memory.
#include "peerlog/encryption.hpp"

#include "audit_key.hpp"
#include "audit_log.hpp"
#include "journal_db.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"

#include <SQLiteCpp/Statement.h>
#include <cstring>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <optional>
#include <sodium.h>
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

// The Argon2id parameters and wrapped key as stored in journal_key.
struct WrappedKey {
    std::string salt;
    unsigned long long opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    std::size_t memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    std::string wrapped;
};

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
    if (stored.wrapped.size() != k_wrapped_bytes || stored.salt.size() != crypto_pwhash_SALTBYTES ||
        stored.opslimit < crypto_pwhash_OPSLIMIT_MIN ||
        stored.memlimit < crypto_pwhash_MEMLIMIT_MIN) {
        throw Error(ErrorKind::corrupt, "the journal's key record (table journal_key) is damaged; "
                                        "restore the journal from a backup.");
    }
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

std::optional<WrappedKey> read_wrapped_key(SQLite::Database& db) {
    SQLite::Statement query(
        db, "SELECT salt, opslimit, memlimit, wrapped_key FROM journal_key WHERE id = 1");
    if (!query.executeStep()) {
        return std::nullopt;
    }
    return WrappedKey{query.getColumn(0).getString(),
                      static_cast<unsigned long long>(query.getColumn(1).getInt64()),
                      static_cast<std::size_t>(query.getColumn(2).getInt64()),
                      query.getColumn(3).getString()};
}

void write_wrapped_key(SQLite::Database& db, const WrappedKey& key) {
    SQLite::Statement upsert(db,
                             "INSERT OR REPLACE INTO journal_key "
                             "(id, salt, opslimit, memlimit, wrapped_key) VALUES (1, ?, ?, ?, ?)");
    upsert.bind(1, key.salt.data(), static_cast<int>(key.salt.size()));
    upsert.bind(2, static_cast<std::int64_t>(key.opslimit));
    upsert.bind(3, static_cast<std::int64_t>(key.memlimit));
    upsert.bind(4, key.wrapped.data(), static_cast<int>(key.wrapped.size()));
    upsert.exec();
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

bool encrypted(Journal& journal) {
    return journal.impl().db.execAndGet("SELECT count(*) FROM journal_key").getInt() > 0;
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

} // namespace

void unlock(Journal& journal, const SecretBuffer& passphrase) {
    journal.impl().key.reset(new LoadedKey(unwrap(passphrase, stored_key(journal))));
}

void enable_encryption(Journal& journal, const SecretBuffer& passphrase) {
    check_new_passphrase(passphrase);
    SecretBuffer key(k_key_bytes);
    key.resize(k_key_bytes);
    randombytes_buf(key.data(), key.size());
    WrappedKey stored = new_wrapping(passphrase, key);
    // Loaded first: the audit trail is keyed from the event this transaction appends.
    journal.impl().key.reset(new LoadedKey(std::move(key)));
    try {
        write_transaction(journal, [&](SQLite::Database& db) {
            if (read_wrapped_key(db)) {
                throw Error(ErrorKind::conflict, "the journal is encrypted already; use `peerlog "
                                                 "passphrase change` to change its passphrase.");
            }
            // Every table with a sealed column: its earlier rows would stay in the clear. Any
            // session counts, with or without a note: a session also keeps typed text in its
            // disclosure purpose, dual relationship, override reasons and review comments.
            std::vector<std::string> held;
            struct Sealed {
                const char* table;
                const char* singular;
                const char* plural;
            };
            for (const Sealed& sealed :
                 {Sealed{"session", "session", "sessions"},
                  Sealed{"peer_identity", "identity", "identities"},
                  Sealed{"goal", "goal", "goals"}, Sealed{"checkin", "check-in", "check-ins"}}) {
                long long n =
                    db.execAndGet(fmt::format("SELECT count(*) FROM {}", sealed.table)).getInt64();
                if (n > 0) {
                    held.push_back(counted(n, sealed.singular, sealed.plural));
                }
            }
            if (!held.empty()) {
                throw Error(
                    ErrorKind::conflict,
                    fmt::format("the journal already holds {}, stored in the clear; "
                                "encryption can only be turned on for a journal with no "
                                "sessions, identities, goals or check-ins. Create a new one "
                                "with `peerlog --journal NEW init --encrypt`.",
                                fmt::join(held, ", ")));
            }
            write_wrapped_key(db, stored);
            key_trail_if_due(db);
        });
    } catch (...) {
        journal.impl().key.reset();
        throw;
    }
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
                impl.key.reset(new LoadedKey(std::move(*key)));
            } else if (attempt >= impl.passphrase_attempts) {
                throw wrong_passphrase(attempt);
            }
        }
    }
    return impl.key->key.data();
}

} // namespace peerlog
