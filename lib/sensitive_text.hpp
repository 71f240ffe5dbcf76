// Sensitive text (session notes, peer identity) as stored: plain in a plain journal, sealed in
// an encrypted one. Every store reads and writes such fields only through these functions.
#pragma once

#include "peerlog/journal.hpp"

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
};

/// Binds `text` for `where` to parameter `index`: as text in a plain journal, sealed as a blob
/// in an encrypted one (which must be unlocked: Error(privacy) otherwise).
void bind_sensitive(Journal& journal, SQLite::Statement& statement, int index,
                    const FieldAddress& where, const std::string& text);

/// Loads the key (asking the passphrase source) when `text` will be sealed, so a prompt never
/// happens inside a write transaction, holding the journal's lock while someone types.
void unlock_to_seal(Journal& journal, const std::string& text);

/// The text behind `stored` (a column's bytes) for `where`. Throws Error(privacy) when the
/// journal is encrypted and locked, Error(corrupt) when a sealed value fails to authenticate.
std::string reveal_sensitive(Journal& journal, const FieldAddress& where,
                             const std::string& stored);

} // namespace peerlog
