// Reaching the place a file is to be written without following a link another user controls.
#pragma once

#include "unique_fd.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <sys/stat.h>

namespace peerlog {

/// Where a file is to be written: its directory, held open, and its name there.
struct WritePlace {
    UniqueFd directory;                  ///< an O_PATH descriptor of the directory
    std::string name;                    ///< the file's name in it (no '/')
    std::filesystem::path shown;         ///< the directory and name, links followed, for messages
    std::optional<struct stat> existing; ///< what is at the name now (lstat), if anything
};

/// Resolves `path` one component at a time (openat with O_PATH|O_NOFOLLOW), so that no link is
/// followed by the kernel behind our back. A symbolic link, at any component, is followed only
/// when trusted_link() says so; the last component, if it is a trusted link, is followed too
/// (the file it names is the one written). Throws Error(io), saying what refused and that
/// nothing was written, for an untrusted link, a missing directory, a component that is not a
/// directory, too many links, and a path that names a directory (`x/`, `.`).
WritePlace resolve_write_place(const std::filesystem::path& path);

/// The protected_symlinks rule, applied by peerlog: a link is followed only when it is ours (or
/// root's, like the system's own links) and its directory is not sticky and world-writable,
/// where anyone may plant one.
bool trusted_link(const struct stat& link, const struct stat& directory);

/// What is at `name` in `directory` now, not following a link; nullopt when nothing is.
std::optional<struct stat> entry_at(int directory, const std::string& name);

/// "a named pipe (FIFO)", "a socket", "a device", "a directory", "a symbolic link" or "a file".
std::string kind_of(const struct stat& info);

} // namespace peerlog
