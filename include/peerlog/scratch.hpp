// Scratch files (the editor's note, a dry run's throwaway journal): private, and removed when
// peerlog ends, even by SIGINT, SIGTERM or SIGHUP.
#pragma once

#include <csignal>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// Where scratch files go: $TMPDIR, or /tmp.
std::string temporary_directory();

/// Whether a name removed on a signal is a file or a directory (removed once empty).
enum class EntryKind { file, directory };

/// While it lives, `path` is removed should SIGINT, SIGTERM or SIGHUP end the process: a small
/// registry of fixed slots that the signal handler reads without allocating; the handler then
/// restores the signal's default action and raises it again, so the exit status still says
/// which signal ended peerlog. A signal that was ignored when the first entry was registered
/// (nohup) stays ignored; one the embedding program handles itself is left to it. Files are
/// removed before directories. Throws Error(io) when all slots are taken.
class RemovedOnSignal {
  public:
    RemovedOnSignal(const std::filesystem::path& path, EntryKind kind);
    RemovedOnSignal(RemovedOnSignal&& other) noexcept;
    RemovedOnSignal& operator=(RemovedOnSignal&&) = delete;
    RemovedOnSignal(const RemovedOnSignal&) = delete;
    ~RemovedOnSignal(); ///< the path is no longer removed on a signal

  private:
    int m_slot = -1;
};

/// While it lives, SIGINT, SIGTERM and SIGHUP wait, then are delivered: for the instant between
/// making a file or directory and registering it with RemovedOnSignal, when one of them would
/// leave it behind. It blocks them in the calling thread, the only one that makes scratch.
class SignalsHeld {
  public:
    SignalsHeld();
    SignalsHeld(const SignalsHeld&) = delete;
    SignalsHeld& operator=(const SignalsHeld&) = delete;
    ~SignalsHeld();

  private:
    sigset_t m_previous;
};

/// Whether a new scratch directory first removes the ones of its prefix that a peerlog killed by
/// SIGKILL (which no handler sees) left behind: for scratch that only peerlog writes, never for
/// a note a person may still be editing after peerlog died.
enum class Abandoned { kept, removed };

/// A private (0700) directory under $TMPDIR (or /tmp) for scratch files, made with mkdtemp. It
/// is removed with all it holds when it goes; on SIGINT, SIGTERM and SIGHUP, the files declared
/// in it and then the directory (a file nobody declared, e.g. an editor's swap file, keeps the
/// directory: private, 0700). It is named PREFIX.PID.XXXXXX and locked (flock) while it lives,
/// so that another peerlog can tell it from one whose process is gone.
class ScratchDirectory {
  public:
    /// Makes PREFIX.PID.XXXXXX; with Abandoned::removed, first removes each PREFIX.PID.XXXXXX of
    /// this user whose process is gone and whose lock is free (the files in it, then it). Throws
    /// Error(io) when it cannot make the directory.
    explicit ScratchDirectory(std::string_view prefix, Abandoned abandoned = Abandoned::kept);
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;
    ~ScratchDirectory();

    const std::filesystem::path& path() const { return m_path; }
    /// Declares `name` (a file peerlog or a program it runs may create in the directory): it
    /// is removed with the directory, and on a signal. Returns its path.
    std::filesystem::path file(std::string_view name);

  private:
    std::filesystem::path m_path;
    std::optional<RemovedOnSignal> m_directory_guard; ///< set once the directory is made
    std::vector<RemovedOnSignal> m_file_guards;
    int m_lock_fd = -1; ///< the directory, opened and flock()ed while it lives
};

/// A private file with no name in $TMPDIR (or /tmp), for output that is computed before it is
/// delivered (an export to stdout is computed, then recorded, then written out): O_TMPFILE, or
/// where the filesystem lacks it a 0600 file unlinked the moment it is made. It vanishes with
/// its descriptor, so nothing is ever left to find.
class ScratchFile {
  public:
    /// Throws Error(io) when it cannot be made.
    ScratchFile();
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    ~ScratchFile();

    /// Where the content is written.
    std::ostream& stream();
    /// A path that opens this same unnamed file again (/proc/self/fd/N), for a library that
    /// writes only to a path; "" where /proc is not mounted.
    std::string reopening_path() const;
    /// Writes everything written so far into `out`. Throws Error(io) when a write into the
    /// scratch file failed (a full disk) or it cannot be read back.
    void copy_to(std::ostream& out);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace peerlog
