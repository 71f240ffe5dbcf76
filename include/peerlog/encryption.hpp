// Encryption at rest: the journal's data key, wrapped by a passphrase, and secret buffers.
#pragma once

#include "peerlog/journal.hpp"

#include <cstddef>
#include <functional>
#include <string_view>

namespace peerlog {

/// Bytes kept in libsodium's guarded, mlocked memory and wiped when freed (passphrases, keys).
class SecretBuffer {
  public:
    SecretBuffer() = default;
    explicit SecretBuffer(std::size_t capacity);
    SecretBuffer(const SecretBuffer&) = delete;
    SecretBuffer& operator=(const SecretBuffer&) = delete;
    SecretBuffer(SecretBuffer&& other) noexcept;
    SecretBuffer& operator=(SecretBuffer&& other) noexcept;
    ~SecretBuffer();

    /// A copy of `text` in secret memory (for tests and callers that already hold it).
    static SecretBuffer from(std::string_view text);

    unsigned char* data() { return m_data; }
    const unsigned char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_capacity; }
    bool empty() const { return m_size == 0; }
    /// Appends one byte; Error(invalid_data) when the buffer is full.
    void push_back(unsigned char byte);
    /// Drops trailing bytes (a newline) without reallocating.
    void resize(std::size_t size);

  private:
    unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

/// What a listing that asks for no passphrase shows for a sealed value (peer list, report
/// boundaries, completions): never the ciphertext.
inline constexpr std::string_view k_sealed_marker = "(encrypted)";

/// Whether a read opens sealed text (asking the passphrase) or shows k_sealed_marker in its place.
enum class SealedText { open, shown_encrypted };

/// Supplies the passphrase when an encrypted journal first needs its key (a file, a prompt).
using PassphraseSource = std::function<SecretBuffer()>;

/// True when the journal holds a wrapped data key: its sensitive fields are encrypted. A journal
/// marked encrypted whose key record is gone is Error(corrupt), never a plain journal: peerlog
/// then neither writes to it in the clear nor shows its sealed bytes as text.
bool encrypted(Journal& journal);
/// True when the data key is loaded (always false for a plain journal).
bool unlocked(Journal& journal);

/// Derives the key-encryption key from `passphrase` (Argon2id, the stored salt and limits) and
/// unwraps the data key into secret memory; core dumps are turned off while it is loaded.
/// Error(privacy) "wrong passphrase" when it does not unwrap; Error(invalid_data) for a plain
/// journal.
void unlock(Journal& journal, const SecretBuffer& passphrase);

/// The fewest characters (UTF-8 code points) a new passphrase may have.
inline constexpr std::size_t k_min_passphrase_chars = 8;

/// Error(invalid_data) unless `passphrase` may protect a journal: at least
/// k_min_passphrase_chars characters.
void check_new_passphrase(const SecretBuffer& passphrase);

/// What encrypt_journal or finish_encryption did.
struct EncryptResult {
    long long sealed = 0;              ///< values that were in the clear and are sealed now
    long long resealed_records = 0;    ///< records whose new stored state the trail now vouches for
    long long redacted_events = 0;     ///< audit events whose summary quoted typed text
    long long unredactable_events = 0; ///< such events from before schema 4, which keep it
    bool was_encrypted = false;        ///< finish_encryption: the journal was encrypted before
    /// True when no page of the old plaintext is left in the journal, its -wal or free space;
    /// false when another process kept the journal open: the wipe is then finished by the next
    /// peerlog that opens it for writing.
    bool wiped = false;
};

/// Turns a plain journal into an encrypted one in one transaction: a random data key wrapped by
/// `passphrase`, every typed text about people sealed in place (ids, records and the audit
/// chain kept; the trail keyed, and each record sealing changed given an event with its new
/// state), the typed text quoted by audit summaries redacted, a journal.encrypt event;
/// then wipes the old plaintext pages (checkpoint, VACUUM, checkpoint). Leaves it unlocked.
/// Error(conflict) when it is encrypted already, Error(invalid_data) for a passphrase
/// check_new_passphrase refuses, Error(corrupt) when a record does not match its audit trail
/// (sealing must not bless a record changed outside peerlog).
EncryptResult encrypt_journal(Journal& journal, const SecretBuffer& passphrase);

/// For an encrypted journal: seals what an earlier peerlog left in the clear (after the
/// passphrase, asked through the source) and finishes a wipe an interrupted encrypt left.
/// Error(conflict) when there is nothing to do, Error(invalid_data) for a plain journal.
EncryptResult finish_encryption(Journal& journal);

/// Makes a new journal encrypted (as encrypt_journal), and leaves it unlocked. Error(conflict)
/// when it already holds sessions, identities, goals, check-ins or consents (`peerlog encrypt`
/// is for those), or is encrypted; Error(invalid_data) for a passphrase check_new_passphrase
/// refuses.
void enable_encryption(Journal& journal, const SecretBuffer& passphrase);

/// Unlocks an encrypted journal through its passphrase source, as the first sensitive read
/// would (asked again while wrong, up to the source's attempts); nothing when it is unlocked
/// already. Error(privacy) when no source is set or the passphrase stays wrong,
/// Error(invalid_data) for a plain journal.
void unlock_with_source(Journal& journal);

/// Re-wraps the data key under `new_passphrase` (new salt) without touching the data, and
/// audits it (no secret in the event). The key is the one loaded; a locked journal is unlocked
/// through its passphrase source first (unlock_with_source), so the current passphrase is
/// asked for exactly as every other command asks for it. Error(invalid_data) for a plain
/// journal or a new passphrase check_new_passphrase refuses (checked first), Error(privacy) as
/// unlock_with_source.
void change_passphrase(Journal& journal, const SecretBuffer& new_passphrase);

/// Where sensitive reads and writes get the passphrase when the journal is still locked. A
/// source that can give another one (a terminal prompt) is asked up to `attempts` times while
/// the passphrase is wrong; then Error(privacy) "wrong passphrase".
void set_passphrase_source(Journal& journal, PassphraseSource source, int attempts = 1);

} // namespace peerlog
