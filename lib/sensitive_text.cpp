// Sensitive text as stored: plain text in a plain journal; in an encrypted one a blob of
// nonce(24) ‖ XChaCha20-Poly1305(text) with "table.column.row" as associated data.
#include "sensitive_text.hpp"

#include "journal_db.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <sodium.h>

namespace peerlog {
namespace {

constexpr std::size_t k_nonce_bytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t k_tag_bytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

std::string associated_data(const FieldAddress& where) {
    std::string ad = fmt::format("{}.{}.{}", where.table, where.column, where.row);
    return where.key.empty() ? ad : fmt::format("{}.{}", ad, where.key);
}

const unsigned char* bytes(const std::string& text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

} // namespace

StoredText stored_text(const SQLite::Column& column) {
    return {column.isNull() ? std::string() : column.getString(), column.isBlob()};
}

std::string seal_bytes(Journal& journal, const FieldAddress& where, const unsigned char* data,
                       std::size_t size) {
    const unsigned char* key = data_key(journal);
    std::string ad = associated_data(where);
    std::string sealed(k_nonce_bytes + size + k_tag_bytes, '\0');
    auto* out = reinterpret_cast<unsigned char*>(sealed.data());
    randombytes_buf(out, k_nonce_bytes);
    crypto_aead_xchacha20poly1305_ietf_encrypt(out + k_nonce_bytes, nullptr, data, size, bytes(ad),
                                               ad.size(), nullptr, out, key);
    return sealed;
}

// Empty text stays '' in either journal: a session added without a note must not need the
// passphrase, so whether a note exists is visible anyway; its text never is.
void bind_sensitive(Journal& journal, SQLite::Statement& statement, int index,
                    const FieldAddress& where, const std::string& text) {
    if (text.empty() || !encrypted(journal)) {
        statement.bind(index, text);
        return;
    }
    std::string sealed = seal_bytes(journal, where, bytes(text), text.size());
    statement.bind(index, sealed.data(), static_cast<int>(sealed.size()));
}

void store_sensitive(Journal& journal, SQLite::Database& db, const FieldAddress& where,
                     const std::string& text) {
    SQLite::Statement update(
        db, fmt::format("UPDATE {} SET {} = ? WHERE id = ?", where.table, where.column));
    bind_sensitive(journal, update, 1, where, text);
    update.bind(2, where.row);
    update.exec();
}

void unlock_to_seal(Journal& journal, const std::string& text) {
    if (!text.empty() && encrypted(journal)) {
        data_key(journal);
    }
}

namespace {

// Opens `stored` (sealed for `where`) into `size` bytes at `out`; Error(corrupt) when it is too
// short to be sealed or does not authenticate.
void open_into(Journal& journal, const FieldAddress& where, const std::string& stored,
               unsigned char* out) {
    const unsigned char* key = data_key(journal);
    std::string ad = associated_data(where);
    if (stored.size() < k_nonce_bytes + k_tag_bytes) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the encrypted field {} is too short to be sealed: it was damaged "
                                "or written in the clear. Restore the journal from a backup.",
                                ad));
    }
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            out, nullptr, nullptr, bytes(stored) + k_nonce_bytes, stored.size() - k_nonce_bytes,
            bytes(ad), ad.size(), bytes(stored), key) != 0) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the encrypted field {} does not authenticate: it was changed or "
                                "moved from another row. Restore the journal from a backup.",
                                ad));
    }
}

std::size_t opened_size(const std::string& stored) {
    return stored.size() < k_nonce_bytes + k_tag_bytes
               ? 0
               : stored.size() - k_nonce_bytes - k_tag_bytes;
}

} // namespace

SecretBuffer open_sealed(Journal& journal, const FieldAddress& where, const std::string& sealed) {
    SecretBuffer opened;
    open_sealed_into(journal, where, sealed, opened);
    return opened;
}

void open_sealed_into(Journal& journal, const FieldAddress& where, const std::string& sealed,
                      SecretBuffer& opened) {
    constexpr std::size_t k_least = 256; // most notes fit: few reallocations
    std::size_t size = opened_size(sealed);
    if (opened.data() == nullptr || opened.capacity() < size) {
        opened = SecretBuffer(std::max({size, 2 * opened.capacity(), k_least}));
    }
    opened.resize(0);
    open_into(journal, where, sealed, opened.data());
    opened.resize(size);
}

// Empty stored bytes (a NULL or never-set column) read as empty text without the key.
std::string reveal_sensitive(Journal& journal, const FieldAddress& where,
                             const std::string& stored) {
    if (stored.empty() || !encrypted(journal)) {
        return stored;
    }
    std::string text(opened_size(stored), '\0');
    open_into(journal, where, stored, reinterpret_cast<unsigned char*>(text.data()));
    return text;
}

std::string reveal_stored(Journal& journal, const FieldAddress& where, const StoredText& stored) {
    if (!stored.sealed || stored.bytes.empty()) {
        return stored.bytes;
    }
    if (!encrypted(journal)) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the field {} holds sealed bytes, but the journal has no key to "
                                "open them: it was tampered with or damaged. Restore it from a "
                                "backup.",
                                associated_data(where)));
    }
    return reveal_sensitive(journal, where, stored.bytes);
}

std::string shown_without_key(const StoredText& stored) {
    return stored.sealed && !stored.bytes.empty() ? std::string(k_sealed_marker)
                                                  : stored.bytes;
}

std::string text_of(Journal& journal, const FieldAddress& where, const StoredText& stored,
                    SealedText sealed) {
    return sealed == SealedText::open ? reveal_stored(journal, where, stored)
                                      : shown_without_key(stored);
}

} // namespace peerlog
