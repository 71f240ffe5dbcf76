// Where a command's output goes: stdout (and the pager), or a file through peerlog::OutputFile.
#pragma once

#include "context.hpp"

#include "peerlog/output_file.hpp"

#include <functional>
#include <ostream>
#include <string>

namespace peerlog::cli {

/// The help of every -o/--output flag.
inline constexpr const char* k_output_help =
    "Write to FILE (mode 0600, named only once whole; never the journal, a pipe or a device); - "
    "is stdout";

/// Calls `write` with stdout (path "-", through the pager on a terminal) or with a new private
/// file that takes the place of `path` only once it is whole (write_output_file in
/// include/peerlog/output_file.hpp: never the journal, never through a link another user
/// controls, never into a pipe or a device). Throws Error(usage) for the journal, Error(io) when
/// the output cannot be written.
void write_output(Context& context, const std::string& path,
                  const std::function<void(std::ostream&)>& write);

/// write_output for an output that is recorded in the journal (an export, a disclosure). To a
/// file: `write` first (its own read snapshot), then `record` (a short write transaction), then
/// the file gets its name: recorded if and only if written, save for a kill or a failure to name
/// it between the two, which leaves a record without a file, never a file without a record.
/// To stdout, which cannot be taken back: `write` into an unnamed scratch file, then `record`,
/// then the output goes to stdout, so it is recorded before its first byte reaches stdout.
void write_recorded_output(Context& context, const std::string& path, const RecordOutput& record,
                           const std::function<void(std::ostream&)>& write);

} // namespace peerlog::cli
