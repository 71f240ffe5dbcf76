// Reading a passphrase from a private file or a no-echo terminal prompt, never from argv.
#pragma once

#include "context.hpp"
#include "peerlog/encryption.hpp"

#include <string>

namespace peerlog::cli {

/// The first line of `path` (trailing newline stripped; "-" is stdin), in secret memory.
/// Refuses (privacy) a file that group or others may read, and (invalid data) an empty line.
SecretBuffer read_passphrase_file(const std::string& path);

/// True when a passphrase can be typed: stdin is a terminal and /dev/tty opens.
bool can_prompt();

/// Asks on /dev/tty with echo off. Error(privacy) when there is no terminal.
SecretBuffer prompt_passphrase(const std::string& prompt);

/// How many times a passphrase typed on the terminal may be wrong before peerlog gives up.
inline constexpr int k_prompt_attempts = 3;

/// A new passphrase: from `file` when given, else typed twice on the terminal (they must
/// match, and pass check_new_passphrase; else it is asked again, up to k_prompt_attempts),
/// else Error(privacy).
SecretBuffer new_passphrase(const std::string& file, const std::string& what);

/// The passphrase that unlocks the journal: --passphrase-file / PEERLOG_PASSPHRASE_FILE, else
/// the terminal prompt (saying that the previous one was wrong when `attempt` > 1), else
/// Error(privacy) saying how to give it.
SecretBuffer unlock_passphrase(const GlobalOptions& options, int attempt);

/// Makes unlock_passphrase the journal's passphrase source: k_prompt_attempts tries on a
/// terminal, one from a file or stdin. `options` must outlive the journal.
void use_passphrase_source(Journal& journal, const GlobalOptions& options);

/// The journal's current passphrase for `passphrase change`: from --passphrase-file, else typed
/// on the terminal, asked again while it does not unlock (k_prompt_attempts in all), then
/// Error(privacy).
SecretBuffer current_passphrase(Journal& journal, const GlobalOptions& options);

} // namespace peerlog::cli
