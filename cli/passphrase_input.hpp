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

/// The prompt of the passphrase that unlocks the journal.
inline constexpr const char* k_unlock_prompt = "Passphrase for the journal: ";

/// The passphrase that unlocks the journal: --passphrase-file / PEERLOG_PASSPHRASE_FILE, else
/// `prompt` on the terminal (saying that the previous one was wrong when `attempt` > 1), else
/// Error(privacy) saying how to give it.
SecretBuffer unlock_passphrase(const GlobalOptions& options, int attempt, const char* prompt);

/// Makes unlock_passphrase the journal's passphrase source: k_prompt_attempts tries on a
/// terminal, one from a file or stdin. The library's unlock loop asks it again while the
/// passphrase is wrong: the one retry loop for every command, `passphrase change` included
/// (which asks with the prompt "Current passphrase: "). `options` must outlive the journal.
void use_passphrase_source(Journal& journal, const GlobalOptions& options,
                           const char* prompt = k_unlock_prompt);

} // namespace peerlog::cli
