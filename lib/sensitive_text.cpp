// Sensitive text as stored: plain text in a plain journal; in an encrypted one a blob of
// nonce(24) ‖ XChaCha20-Poly1305(text) with "table.column.row" as associated data.
#include "sensitive_text.hpp"

#include "journal_db.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"

#include <fmt/format.h>
#include <sodium.h>

namespace peerlog {
namespace {

constexpr std::size_t k_nonce_bytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t k_tag_bytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

std::string associated_data(const FieldAddress& where) {
    return fmt::format("{}.{}.{}", where.table, where.column, where.row);
}

const unsigned char* bytes(const std::string& text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

} // namespace

// Empty text stays '' in either journal: a session added without a note must not need the
// passphrase, so whether a note exists is visible anyway; its text never is.
void bind_sensitive(Journal& journal, SQLite::Statement& statement, int index,
                    const FieldAddress& where, const std::string& text) {
    if (text.empty() || !encrypted(journal)) {
        statement.bind(index, text);
        return;
    }
    const unsigned char* key = data_key(journal);
    std::string ad = associated_data(where);
    std::string sealed(k_nonce_bytes + text.size() + k_tag_bytes, '\0');
    auto* out = reinterpret_cast<unsigned char*>(sealed.data());
    randombytes_buf(out, k_nonce_bytes);
    crypto_aead_xchacha20poly1305_ietf_encrypt(out + k_nonce_bytes, nullptr, bytes(text),
                                               text.size(), bytes(ad), ad.size(), nullptr, out,
                                               key);
    statement.bind(index, sealed.data(), static_cast<int>(sealed.size()));
}

void unlock_to_seal(Journal& journal, const std::string& text) {
    if (!text.empty() && encrypted(journal)) {
        data_key(journal);
    }
}

// Empty stored bytes (a NULL or never-set column) read as empty text without the key.
std::string reveal_sensitive(Journal& journal, const FieldAddress& where,
                             const std::string& stored) {
    if (stored.empty() || !encrypted(journal)) {
        return stored;
    }
    const unsigned char* key = data_key(journal);
    std::string ad = associated_data(where);
    if (stored.size() < k_nonce_bytes + k_tag_bytes) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the encrypted field {} is too short to be sealed: it was damaged "
                                "or written in the clear. Restore the journal from a backup.",
                                ad));
    }
    std::string text(stored.size() - k_nonce_bytes - k_tag_bytes, '\0');
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(text.data()),
                                                   nullptr, nullptr, bytes(stored) + k_nonce_bytes,
                                                   stored.size() - k_nonce_bytes, bytes(ad),
                                                   ad.size(), bytes(stored), key) != 0) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the encrypted field {} does not authenticate: it was changed or "
                                "moved from another row. Restore the journal from a backup.",
                                ad));
    }
    return text;
}

} // namespace peerlog
