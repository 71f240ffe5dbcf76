// Every file peerlog writes (outputs, backups, drafts, scratch and editor files): checked, created
// unnamed and private, and named only once it is whole.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

namespace peerlog {

/// Whether a new file may take the place of a file that exists already.
enum class ReplaceExisting { no, yes };

/// What kind of file is written: an output never goes among the drafts; a draft does.
enum class FileRole { output, draft };

/// How the file is made before it has its name: unnamed (O_TMPFILE) where the filesystem allows,
/// else in a private directory; or always in a private directory (tests of that fallback).
enum class Creation { unnamed_when_possible, private_directory };

/// Where a file goes, and what it may never take the place of.
struct OutputTarget {
    std::filesystem::path path; ///< as the user gave it (relative, with links, ...)
    /// The journal in use ("": none): neither it nor its -wal, -shm or -journal file is ever
    /// written, however the target names it (a link, `..`, a hard link).
    std::filesystem::path journal;
    ReplaceExisting replace = ReplaceExisting::yes;
    FileRole role = FileRole::output;
};

/// A file being written: it has no name until publish() gives it one, so a process killed at
/// any instant leaves nothing behind, and a reader sees the old file or the whole new one.
///
/// create() checks the target first, before anything is written or recorded:
/// - the journal, its -wal, -shm or -journal, or a draft (an output into the drafts directory),
///   compared by device and inode, not by name: Error(usage), naming the journal;
/// - each component of the path is opened with O_PATH|O_NOFOLLOW, one at a time; a symbolic link
///   is followed only when it is ours (or root's) and does not sit in a sticky, world-writable
///   directory (the kernel's protected_symlinks rule, which does not apply when a program follows
///   links itself); any other link: Error(io), unfollowed. Our own link is followed: the file it
///   names is replaced, and the link stays a link;
/// - a FIFO, socket, device or directory at the target: Error(io), never opened; a file of
///   another user in a sticky directory: Error(io); a missing directory: Error(io);
/// - with ReplaceExisting::no, a file that exists already: Error(conflict).
class OutputFile {
  public:
    /// Checks `target` (above) and creates the unnamed private (0600) file in its directory
    /// (O_TMPFILE; where the filesystem lacks it, a 0600 file in a 0700 private directory beside
    /// the target, removed on signals and, should we be killed, by a watching process).
    static OutputFile create(const OutputTarget& target,
                             Creation creation = Creation::unnamed_when_possible);

    OutputFile(OutputFile&&) noexcept;
    OutputFile& operator=(OutputFile&&) noexcept;
    ~OutputFile(); ///< unpublished: the file goes, leaving nothing

    /// The stream the content is written to (buffered; errors show at finish()).
    std::ostream& stream();
    /// The file's descriptor (read-write), for writers that are not streams (a database copy).
    int descriptor() const;
    /// Flushes the stream and syncs the file to disk: it is whole. Throws Error(io) (disk full,
    /// file size limit, sync failed), naming the target; nothing is left behind then.
    void finish();
    /// Gives the finished file its name: a new name appears whole (linkat); an existing file is
    /// replaced in one rename(), so it is the old file or the new one, never half. The target is
    /// checked again first. Throws Error(io) or Error(conflict) when it cannot, leaving nothing.
    void publish();

    /// The target as given.
    const std::filesystem::path& path() const;
    /// Where the file goes once named: the target's directory (links followed) and name.
    const std::filesystem::path& final_path() const;

    struct Impl;

  private:
    explicit OutputFile(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Records an output in the journal (a short write transaction), or nothing when empty.
using RecordOutput = std::function<void()>;

/// Writes a file by the one protocol every output follows: check and create it unnamed, `write`
/// into it (the caller's read snapshot is inside `write`), finish it (synced), then `record`
/// (its audit event, in its own short write transaction), then publish it. So the journal's write
/// lock is never held while an output is computed, an output is recorded if it is named, and a
/// kill after the record and before the name leaves a record without a file (counted once too
/// often, never a file the trail does not know) and nothing on disk.
void write_output_file(const OutputTarget& target, const std::function<void(std::ostream&)>& write,
                       const RecordOutput& record = {});

} // namespace peerlog
