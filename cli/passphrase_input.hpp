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

/// A new passphrase: from `file` when given, else typed twice on the terminal (they must
/// match), else Error(privacy).
SecretBuffer new_passphrase(const std::string& file, const std::string& what);

/// The passphrase that unlocks the journal: --passphrase-file / PEERLOG_PASSPHRASE_FILE, else
/// the terminal prompt, else Error(privacy) saying how to give it.
SecretBuffer unlock_passphrase(const GlobalOptions& options);

} // namespace peerlog::cli
