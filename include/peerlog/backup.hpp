// Backing up a journal while peerlog may be writing to it, with SQLite's online backup API.
#pragma once

#include "peerlog/journal.hpp"
#include "peerlog/output_file.hpp"
#include "peerlog/output_format.hpp"

#include <filesystem>
#include <ostream>
#include <string>

namespace peerlog {

/// What a backup wrote: the copy's own figures, read back from the copy.
struct BackupResult {
    std::filesystem::path path;
    long long peers = 0;
    long long sessions = 0;
    long long audit_events = 0;
    bool encrypted = false;    ///< the copy is sealed with the same passphrase
    std::string integrity;     ///< PRAGMA integrity_check of the copy: "ok"
    std::int64_t audit_id = 0; ///< the "backup" event appended to the journal afterwards
};

/// Copies the journal to `destination`: a consistent snapshot even while another peerlog
/// writes (VACUUM INTO reads it in one read transaction, which never blocks a writer). The copy
/// is written into an unnamed private file (OutputFile) beside `destination` as a single file
/// (no -wal), checked with integrity_check and synced; then a "backup" audit event is committed
/// to the journal in a short write transaction, and the copy is given its name, so
/// `destination` is the old file or a whole new copy, never half of one, and a kill at any
/// instant leaves no copy the trail does not know of. Throws Error(usage) for stdout ("-"), a
/// directory, the journal itself (or its -wal, -shm, a draft) as destination; Error(conflict)
/// for an existing file without ReplaceExisting::yes; Error(io) when the copy cannot be written
/// or the destination is a link another user controls, a pipe or a device; Error(busy);
/// Error(corrupt) when the copy fails its integrity check.
BackupResult backup_journal(Journal& journal, const std::filesystem::path& destination,
                            ReplaceExisting replace);

/// "backed up … to PATH" for a person (table) or an object for scripts (json).
void write_backup_result(std::ostream& out, const BackupResult& result, OutputFormat format);

} // namespace peerlog
