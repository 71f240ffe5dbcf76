// Where a command's output goes: stdout (and the pager), or a file through peerlog::OutputFile.
#include "output_file.hpp"
#include "pager.hpp"

#include "peerlog/scratch.hpp"

namespace peerlog::cli {

void write_output(Context& context, const std::string& path,
                  const std::function<void(std::ostream&)>& write) {
    write_recorded_output(context, path, {}, write);
}

void write_recorded_output(Context& context, const std::string& path, const RecordOutput& record,
                           const std::function<void(std::ostream&)>& write) {
    if (path == "-" && !record) {
        write_paged(write);
        return;
    }
    if (path == "-") {
        // As for a file: computed first, from its own snapshot (so it never carries its own
        // event as its head), into an unnamed scratch file; then recorded; then delivered. What
        // reaches stdout cannot be taken back, so it is recorded before its first byte, and a
        // write that fails midway (a closed pipe) stays recorded.
        ScratchFile computed;
        write(computed.stream());
        record();
        write_paged([&](std::ostream& out) { computed.copy_to(out); });
        return;
    }
    write_output_file({path, context.journal_path()}, write, record);
}

} // namespace peerlog::cli
