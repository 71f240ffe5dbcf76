// The one exception type the library throws, and the exit code each kind maps to.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace peerlog {

/// What went wrong, in the words a caller can act on. Each kind has its own exit code.
enum class ErrorKind {
    usage,        ///< the command line itself is wrong
    invalid_data, ///< a value does not parse or breaks a rule of the domain
    not_found,    ///< an unknown peer, session or journal
    busy,         ///< another process holds the journal's write lock past the timeout
    corrupt,      ///< not a peerlog journal, damaged, or written by a newer peerlog
    config,       ///< the config file cannot be read or has a bad key or value
    io,           ///< the file system refused: permissions, read-only, disk full
    conflict,     ///< the request clashes with what is stored (duplicate code, closed peer)
    privacy,      ///< refused to protect a peer's privacy or a boundary rule
    cancelled,    ///< the user answered "no" at a confirmation prompt
};

/// The documented exit code for each kind (see README and peerlog(1)).
int exit_code(ErrorKind kind);

/// A short stable name for each kind ("invalid data", "not found", ...).
std::string_view to_string(ErrorKind kind);

/// The library's exception: a kind and a message that says what was wrong and what to do.
class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
    ErrorKind kind() const { return m_kind; }

  private:
    ErrorKind m_kind;
};

} // namespace peerlog
