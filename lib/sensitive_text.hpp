// Sensitive text (notes, identities, consents, every typed text about people) as stored: plain
// in a plain journal, sealed in an encrypted one. Every store reads and writes such fields only
// through these functions.
#pragma once

#include "peerlog/encryption.hpp"
#include "peerlog/journal.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <cstdint>
#include <string>
#include <string_view>

namespace peerlog {

/// Where a sensitive value lives. In an encrypted journal it is bound into the ciphertext as
/// associated data, so a value moved to another row or column fails to decrypt.
struct FieldAddress {
    std::string_view table;
    std::string_view column;
    std::int64_t row = 0;
    /// What else tells the row apart where its id alone does not (a flag's rule, a disclosed
    /// peer's code); empty for most fields.
    std::string_view key = {};
};

/// A value read from a column that may hold sealed text: its bytes, and whether they are sealed
/// (a blob) or text in the clear.
struct StoredText {
    std::string bytes;
    bool sealed = false;
};

/// The value of `column` as stored (NULL reads as empty text).
StoredText stored_text(const SQLite::Column& column);

/// Binds `text` for `where` to parameter `index`: as text in a plain journal, sealed as a blob
/// in an encrypted one (which must be unlocked: Error(privacy) otherwise).
void bind_sensitive(Journal& journal, SQLite::Statement& statement, int index,
                    const FieldAddress& where, const std::string& text);

/// Writes `text` into the column `where` names of the row whose id is `where.row`, bound as
/// bind_sensitive binds it: a text sealed with its row's id, once an add knows the id, or
/// rewritten by an edit. `where.table` and `where.column` are the stores' fixed names.
void store_sensitive(Journal& journal, SQLite::Database& db, const FieldAddress& where,
                     const std::string& text);

/// `size` bytes at `data` sealed for `where` under the data key (unlocked through the passphrase
/// source when needed): nonce(24) ‖ XChaCha20-Poly1305 with the address as associated data.
std::string seal_bytes(Journal& journal, const FieldAddress& where, const unsigned char* data,
                       std::size_t size);

/// Opens bytes seal_bytes sealed for `where`, into secret memory (a key). Error(corrupt) when
/// they do not authenticate.
SecretBuffer open_sealed(Journal& journal, const FieldAddress& where, const std::string& sealed);

/// As open_sealed, into `opened`, whose secret memory is kept from one call to the next while
/// it is large enough (what it held before is wiped first): a search opens thousands of notes,
/// and a sodium_malloc for each would cost more, in system calls, than decrypting them.
void open_sealed_into(Journal& journal, const FieldAddress& where, const std::string& sealed,
                      SecretBuffer& opened);

/// Loads the key (asking the passphrase source) when `text` will be sealed, so a prompt never
/// happens inside a write transaction, holding the journal's lock while someone types.
void unlock_to_seal(Journal& journal, const std::string& text);

/// The text behind `stored` (a column's bytes) for `where`, for a field sealed ever since its
/// journal was encrypted (notes, identities, goals, check-in notes, comments). Throws
/// Error(privacy) when the journal is encrypted and locked, Error(corrupt) when a sealed value
/// fails to authenticate.
std::string reveal_sensitive(Journal& journal, const FieldAddress& where,
                             const std::string& stored);

/// The text behind `stored` for `where`: a sealed value is opened as reveal_sensitive does; text
/// in the clear reads as it is (a plain journal, or a field an earlier peerlog wrote in the
/// clear before it was sealed, until `peerlog encrypt` seals it). A sealed value in a journal
/// with no key is Error(corrupt): ciphertext is never shown as text.
std::string reveal_stored(Journal& journal, const FieldAddress& where, const StoredText& stored);

/// `stored` for a listing that asks for no passphrase: text in the clear as it is, a sealed value
/// as k_sealed_marker.
std::string shown_without_key(const StoredText& stored);

/// reveal_stored or shown_without_key, as `sealed` says.
std::string text_of(Journal& journal, const FieldAddress& where, const StoredText& stored,
                    SealedText sealed);

} // namespace peerlog
