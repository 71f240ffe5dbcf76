// Writing a command's output to stdout or, atomically and privately, to a file.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace peerlog::cli {

/// Calls `write` with stdout (path "-") or with a private temporary file that replaces `path`
/// only once it is complete and synced, so a reader never sees half an export. A symbolic
/// link is followed (the file it names is replaced; the link stays); a device or a pipe
/// (`/dev/null`, a FIFO, `/dev/stdout`) is written into, never replaced. Throws Error(io) when the
/// output cannot be written (disk full, no permission, a directory, a missing directory).
void write_output(const std::string& path, const std::function<void(std::ostream&)>& write);

/// Records the output, e.g. as a disclosure: given the step that produces the output, it
/// records, calls that step inside its transaction, and commits only once it returned.
using RecordOutput = std::function<void(const std::function<void()>& produce)>;

/// write_output for an output that must be recorded if and only if it is produced (an
/// identified export or report). To a file: `record` runs with a step that writes and syncs
/// the private temporary file, so a failed write rolls the record back and removes the file;
/// after the commit the file replaces `path`. Should that rename fail, the record stands and
/// the complete output is kept in the temporary file, which the Error(io) names.
/// To stdout, a pipe or a device, which cannot be taken back: `record` runs with an empty step,
/// then `write`: a write that fails midway (a closed pipe) stays recorded.
void write_recorded_output(const std::string& path, const RecordOutput& record,
                           const std::function<void(std::ostream&)>& write);

} // namespace peerlog::cli
