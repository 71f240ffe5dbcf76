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

/// Supplies the passphrase when an encrypted journal first needs its key (a file, a prompt).
using PassphraseSource = std::function<SecretBuffer()>;

/// True when the journal holds a wrapped data key: its sensitive fields are encrypted.
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

/// Makes a new, empty journal encrypted: a random data key wrapped by `passphrase`, and leaves
/// it unlocked. Error(conflict) when it already holds sessions, identities, goals or check-ins,
/// or is encrypted; Error(invalid_data) for a passphrase check_new_passphrase refuses.
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
