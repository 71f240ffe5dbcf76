// Writing a command's output to stdout or, atomically and privately, to a file.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace peerlog::cli {

/// Calls `write` with stdout (path "-") or with a private temporary file that replaces `path`
/// only once it is complete and synced, so a reader never sees half an export.
/// Throws Error(io) when the output cannot be written (disk full, no permission).
void write_output(const std::string& path, const std::function<void(std::ostream&)>& write);

/// write_output that calls `ready` once the output is open (its temporary file created) and
/// before `write`: an identified export is recorded as a disclosure there, so an output that
/// cannot be created records nothing. When `ready` throws, nothing is written.
void write_output(const std::string& path, const std::function<void()>& ready,
                  const std::function<void(std::ostream&)>& write);

} // namespace peerlog::cli
