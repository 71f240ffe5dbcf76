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

} // namespace peerlog::cli
