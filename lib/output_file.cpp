// Every file peerlog writes: checked, created unnamed and private, named only once it is whole.
//
// How a kill at any instant leaves nothing readable behind:
// - The content goes into a file opened with O_TMPFILE: it has no name, so until linkat() gives
//   it one, a kill (even SIGKILL) frees it with the process and leaves nothing to find.
// - A new name: linkat() makes the whole, synced file appear at once, or not at all (EEXIST).
// - An existing file: linkat() cannot replace, so the file is linked to a private (0600) random
//   name in the same directory, then rename()d over the target, which the kernel does at once:
//   a reader sees the old file or the whole new one. Instant by instant: before the link,
//   nothing is named; between the link and the rename (two system calls) the new file also has
//   the temporary name, which a watching child process (LeftoverWatch) removes should we be
//   killed there; after the rename, the temporary name is gone. Either way no name is left.
// - Where the filesystem lacks O_TMPFILE (some network and FUSE filesystems), the file is made
//   0600 in a 0700 private directory beside the target, then renamed into place. It has a name
//   the whole time, so it is removed on SIGINT, SIGTERM and SIGHUP (RemovedOnSignal) and, on
//   SIGKILL, by the watching process. What a kill can still leave in this fallback: when both
//   processes die at once (kill -9 of the whole process group, a power cut), the private
//   directory with a 0600 file in it, readable by no other user.
#include "peerlog/output_file.hpp"

#include "descriptor_buffer.hpp"
#include "leftover_watch.hpp"
#include "peerlog/draft.hpp"
#include "peerlog/error.hpp"
#include "peerlog/scratch.hpp"
#include "safe_path.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <optional>
#include <string_view>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void cannot_write(const fs::path& path, const std::string& why) {
    throw Error(ErrorKind::io,
                fmt::format("cannot write {}: {}. Nothing was written.", path.string(), why));
}

struct FileId {
    dev_t device = 0;
    ino_t inode = 0;
    bool operator==(const FileId&) const = default;
};

FileId id_of(const struct stat& info) {
    return {info.st_dev, info.st_ino};
}

// The file or directory at `path`, links followed; nullopt when there is none.
std::optional<FileId> id_at(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return std::nullopt;
    }
    return id_of(info);
}

bool shared_sticky(const struct stat& directory) {
    return (directory.st_mode & S_ISVTX) != 0 && (directory.st_mode & S_IWOTH) != 0;
}

constexpr std::array<std::string_view, 4> k_journal_suffixes = {"", "-wal", "-shm", "-journal"};

// The journal, its -wal, -shm or -journal, by device and inode for the files that exist, and by
// directory and name for those that may appear (a -wal while the journal is in use).
void refuse_journal(const OutputTarget& target, const WritePlace& place, FileId directory) {
    if (target.journal.empty()) {
        return;
    }
    std::error_code error;
    fs::path journal = fs::weakly_canonical(fs::absolute(target.journal), error);
    if (error) {
        journal = fs::absolute(target.journal);
    }
    auto journal_directory = id_at(journal.parent_path());
    for (std::string_view suffix : k_journal_suffixes) {
        std::string name = journal.filename().string() + std::string(suffix);
        auto file = id_at(journal.parent_path() / name);
        bool same_name = journal_directory && *journal_directory == directory && place.name == name;
        bool same_file = place.existing && file && *file == id_of(*place.existing);
        if (same_name || same_file) {
            std::string what = suffix.empty()
                                   ? fmt::format("the journal {}", target.journal.string())
                                   : fmt::format("the journal's {} file ({}{})", suffix,
                                                 target.journal.string(), suffix);
            throw Error(ErrorKind::usage,
                        fmt::format("{} is {}: peerlog never writes over it. Give another file "
                                    "name; nothing was written.",
                                    target.path.string(), what));
        }
    }
}

// A draft, by device and inode (a hard link to one, too); an output also never goes into the
// drafts directory, where it would pass for a note that could not be saved.
void refuse_draft(const OutputTarget& target, const WritePlace& place, FileId directory) {
    if (target.role == FileRole::draft) {
        return; // a draft is written as a new file (ReplaceExisting::no), never over another
    }
    fs::path drafts = drafts_directory();
    auto drafts_id = id_at(drafts);
    if (!drafts_id) {
        return;
    }
    if (*drafts_id == directory) {
        throw Error(ErrorKind::usage,
                    fmt::format("{} is in the drafts directory {}, which holds the notes peerlog "
                                "kept for you: give the output another place; nothing was "
                                "written.",
                                target.path.string(), drafts.string()));
    }
    if (!place.existing) {
        return;
    }
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(drafts, error)) {
        if (id_at(entry.path()) == id_of(*place.existing)) {
            throw Error(ErrorKind::usage,
                        fmt::format("{} is the draft {}: peerlog never writes over a draft. Give "
                                    "another file name; nothing was written.",
                                    target.path.string(), entry.path().string()));
        }
    }
}

// What is at the target now may be replaced: a regular file of ours (or, outside a sticky
// directory, of anyone whose directory lets us), and only when replacing is allowed.
void refuse_existing(const OutputTarget& target, const WritePlace& place,
                     const struct stat& directory) {
    if (!place.existing) {
        return;
    }
    const struct stat& info = *place.existing;
    if (S_ISDIR(info.st_mode)) {
        cannot_write(target.path, "it is a directory; give a file name");
    }
    if (!S_ISREG(info.st_mode)) {
        cannot_write(target.path,
                     fmt::format("{} is {}, not a regular file; peerlog writes only regular "
                                 "files, so that nothing it writes reaches whoever holds the "
                                 "other end",
                                 place.shown.string(), kind_of(info)));
    }
    if (shared_sticky(directory) && info.st_uid != ::geteuid()) {
        cannot_write(target.path,
                     fmt::format("{} belongs to another user (uid {}) in a directory anyone may "
                                 "write to; peerlog does not take its place",
                                 place.shown.string(), info.st_uid));
    }
    if (target.replace == ReplaceExisting::no) {
        throw Error(ErrorKind::conflict,
                    fmt::format("{} exists already; nothing was written. Give another file name, "
                                "or --force to replace it.",
                                target.path.string()));
    }
}

struct stat stat_of(int fd) {
    struct stat info {};
    ::fstat(fd, &info);
    return info;
}

// Every check, on what is at the target now.
void check_target(const OutputTarget& target, const WritePlace& place) {
    struct stat directory = stat_of(place.directory.get());
    refuse_journal(target, place, id_of(directory));
    refuse_draft(target, place, id_of(directory));
    refuse_existing(target, place, directory);
}

std::string random_name() {
    unsigned char bytes[8] = {};
    if (::getrandom(bytes, sizeof bytes, 0) != sizeof bytes) {
        throw Error(ErrorKind::io, "cannot get random bytes for a temporary name.");
    }
    std::string name = ".peerlog-";
    for (unsigned char byte : bytes) {
        name += fmt::format("{:02x}", byte);
    }
    return name;
}

// Gives the unnamed file `fd` the name `name` in `directory`; false (errno set) when it cannot.
bool link_unnamed(int fd, int directory, const std::string& name) {
    std::string self = fmt::format("/proc/self/fd/{}", fd);
    if (::linkat(AT_FDCWD, self.c_str(), directory, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
        return true;
    }
    if (errno != ENOENT) {
        return false;
    }
    // No /proc: AT_EMPTY_PATH does the same where we may (CAP_DAC_READ_SEARCH).
    return ::linkat(fd, "", directory, name.c_str(), AT_EMPTY_PATH) == 0;
}

} // namespace

struct OutputFile::Impl {
    OutputTarget target;
    WritePlace place;
    UniqueFd file;
    // The fallback only: the private directory (its name in place.directory) holding the file.
    std::string private_directory;
    std::vector<RemovedOnSignal> removed_on_signal;
    std::unique_ptr<LeftoverWatch> watch;
    std::unique_ptr<DescriptorBuffer> buffer;
    std::unique_ptr<std::ostream> stream;
    bool finished = false;
    bool published = false;

    static constexpr const char* k_private_file = "output";

    // The 0700 directory and 0600 file of the fallback, watched and removed on signals.
    void create_in_private_directory() {
        int directory = place.directory.get();
        std::string name = random_name();
        SignalsHeld held; // until both are registered: a signal would leave them behind
        if (::mkdirat(directory, name.c_str(), 0700) != 0) {
            cannot_write(target.path,
                         fmt::format("cannot create a private directory in {} ({})",
                                     place.shown.parent_path().string(), std::strerror(errno)));
        }
        private_directory = name;
        std::string inside = private_directory + "/" + k_private_file;
        try {
            watch = std::make_unique<LeftoverWatch>(directory, inside, private_directory);
            fs::path shown = fs::absolute(place.shown.parent_path() / private_directory);
            removed_on_signal.emplace_back(shown / k_private_file, EntryKind::file);
            removed_on_signal.emplace_back(shown, EntryKind::directory);
            file.reset(::openat(directory, inside.c_str(),
                                O_CREAT | O_EXCL | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0600));
            if (!file.valid()) {
                cannot_write(target.path,
                             fmt::format("cannot create a file in {} ({})",
                                         place.shown.parent_path().string(), std::strerror(errno)));
            }
        } catch (...) {
            discard();
            throw;
        }
    }

    void create_file(Creation creation) {
        if (creation == Creation::unnamed_when_possible) {
            file.reset(::openat(place.directory.get(), ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
            if (!file.valid() && errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
                cannot_write(target.path,
                             fmt::format("cannot create a file in {} ({})",
                                         place.shown.parent_path().string(), std::strerror(errno)));
            }
        }
        if (!file.valid()) {
            create_in_private_directory();
        }
        ::fchmod(file.get(), 0600); // whatever the umask of the program embedding the library
        buffer = std::make_unique<DescriptorBuffer>(file.get());
        stream = std::make_unique<std::ostream>(buffer.get());
    }

    // Removes the fallback's names (an unnamed file needs nothing: it goes with its descriptor).
    void discard() {
        if (!private_directory.empty()) {
            int directory = place.directory.get();
            ::unlinkat(directory, (private_directory + "/" + k_private_file).c_str(), 0);
            ::unlinkat(directory, private_directory.c_str(), AT_REMOVEDIR);
            private_directory.clear();
        }
        removed_on_signal.clear();
        if (watch) {
            watch->release();
        }
    }

    // Gives an unnamed file its name: a new name by linkat, an existing file replaced by a
    // rename from a temporary name (see the top of this file). False (errno set): EEXIST when a
    // file appeared at the name meanwhile.
    bool name_unnamed(bool exists) {
        int directory = place.directory.get();
        if (!exists) {
            return link_unnamed(file.get(), directory, place.name);
        }
        std::string temporary = random_name();
        LeftoverWatch watching(directory, temporary, "");
        if (!link_unnamed(file.get(), directory, temporary)) {
            return false;
        }
        if (::renameat(directory, temporary.c_str(), directory, place.name.c_str()) != 0) {
            int saved = errno;
            ::unlinkat(directory, temporary.c_str(), 0);
            errno = saved;
            return false;
        }
        return true;
    }

    // Moves the fallback's file out of its private directory onto the target.
    bool name_private(bool exists) {
        int directory = place.directory.get();
        std::string inside = private_directory + "/" + k_private_file;
        unsigned flags = exists ? 0 : RENAME_NOREPLACE;
        if (::renameat2(directory, inside.c_str(), directory, place.name.c_str(), flags) != 0) {
            return false;
        }
        discard();
        return true;
    }
};

OutputFile::OutputFile(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
OutputFile::OutputFile(OutputFile&&) noexcept = default;
OutputFile& OutputFile::operator=(OutputFile&&) noexcept = default;

OutputFile::~OutputFile() {
    if (m_impl && !m_impl->published) {
        m_impl->discard();
    }
}

OutputFile OutputFile::create(const OutputTarget& target, Creation creation) {
    auto impl = std::make_unique<Impl>();
    impl->target = target;
    impl->place = resolve_write_place(target.path);
    check_target(target, impl->place);
    impl->create_file(creation);
    return OutputFile(std::move(impl));
}

std::ostream& OutputFile::stream() {
    return *m_impl->stream;
}

int OutputFile::descriptor() const {
    return m_impl->file.get();
}

const fs::path& OutputFile::path() const {
    return m_impl->target.path;
}

const fs::path& OutputFile::final_path() const {
    return m_impl->place.shown;
}

void OutputFile::finish() {
    Impl& impl = *m_impl;
    impl.stream->flush();
    if (!*impl.stream || impl.buffer->error() != 0) {
        cannot_write(impl.target.path,
                     fmt::format("write failed ({})",
                                 std::strerror(impl.buffer->error() ? impl.buffer->error() : EIO)));
    }
    if (::fsync(impl.file.get()) != 0) {
        cannot_write(impl.target.path, fmt::format("sync failed ({})", std::strerror(errno)));
    }
    impl.finished = true;
}

void OutputFile::publish() {
    Impl& impl = *m_impl;
    if (!impl.finished) {
        throw std::logic_error("OutputFile::publish before finish");
    }
    // Checked again: the target may have changed since create(). Twice at most, should a file
    // appear at a free name between the check and the link.
    for (int attempt = 0; attempt < 2 && !impl.published; ++attempt) {
        impl.place.existing = entry_at(impl.place.directory.get(), impl.place.name);
        check_target(impl.target, impl.place);
        bool exists = impl.place.existing.has_value();
        bool named =
            impl.private_directory.empty() ? impl.name_unnamed(exists) : impl.name_private(exists);
        if (named) {
            impl.published = true;
        } else if (errno != EEXIST) {
            cannot_write(impl.target.path,
                         fmt::format("cannot give it its name ({})", std::strerror(errno)));
        }
    }
    if (!impl.published) {
        cannot_write(impl.target.path, "files kept appearing at its name");
    }
    // The name itself survives a power cut only once its directory is synced.
    UniqueFd directory(
        ::openat(impl.place.directory.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!directory.valid() || ::fsync(directory.get()) != 0) {
        throw Error(ErrorKind::io,
                    fmt::format("{} was written, but its directory could not be synced ({}): a "
                                "power cut now could still lose it.",
                                impl.target.path.string(), std::strerror(errno)));
    }
}

void write_output_file(const OutputTarget& target, const std::function<void(std::ostream&)>& write,
                       const RecordOutput& record) {
    OutputFile file = OutputFile::create(target);
    write(file.stream());
    file.finish();
    if (!record) {
        file.publish();
        return;
    }
    record();
    try {
        file.publish();
    } catch (const Error& error) {
        throw Error(error.kind(),
                    fmt::format("{} The journal's audit trail records it all the same: an output "
                                "counted that was not written, never one written that it does "
                                "not know of.",
                                error.what()));
    }
}

} // namespace peerlog
