// Writing a command's output to stdout or, atomically and privately, to a file.
#include "output_file.hpp"
#include "pager.hpp"

#include "peerlog/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace peerlog::cli {
namespace {

enum class Recorded { no, yes };

// An Error(io) naming `path`, what failed and errno.
Error write_error(const std::string& path, const char* what) {
    return Error(ErrorKind::io, fmt::format("cannot write {}: {} ({}). Nothing was written.", path,
                                            what, std::strerror(errno ? errno : EIO)));
}

// Where the output goes: through a symbolic link to the file it names, so the link stays a link.
std::filesystem::path resolved(const std::string& path) {
    std::error_code error;
    std::filesystem::path target(path);
    for (int links = 0; links < 40 && std::filesystem::is_symlink(target, error); ++links) {
        std::filesystem::path next = std::filesystem::read_symlink(target, error);
        target = next.is_absolute() ? next : target.parent_path() / next;
    }
    return target;
}

// A device or a pipe (`-o /dev/null`, `-o fifo`, `-o /dev/stdout`) is written into: replacing
// it by a file, as a rename would, breaks it (as root even /dev/null). What goes into it cannot
// be taken back, so, as for stdout, it is recorded first; and the journal's lock is not held
// while a pipe waits for its reader.
void write_into_special(const std::filesystem::path& target, const RecordOutput& record,
                        const std::function<void(std::ostream&)>& write) {
    record({});
    errno = 0;
    std::ofstream file(target, std::ios::binary);
    write(file);
    file.flush();
    if (!file) {
        throw write_error(target.string(), "write failed");
    }
}

void write_to(const std::string& path, Recorded recorded, const RecordOutput& record,
              const std::function<void(std::ostream&)>& write) {
    if (path == "-") {
        record({}); // stdout cannot be taken back: recorded first
        write_paged(write);
        return;
    }
    std::error_code ignored;
    // Through every link: /dev/stdout names a pipe:[N] that no path reaches, so it is opened
    // as given.
    auto status = std::filesystem::status(path, ignored);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
        !std::filesystem::is_directory(status)) {
        write_into_special(path, record, write);
        return;
    }
    std::filesystem::path target = resolved(path);
    if (std::filesystem::is_directory(target, ignored)) {
        // Refused before anything is recorded: a rename onto a directory fails after the commit.
        throw Error(ErrorKind::io, fmt::format("cannot write {}: it is a directory; give a file "
                                               "name. Nothing was written.",
                                               path));
    }
    std::filesystem::path directory =
        target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
    if (!std::filesystem::is_directory(directory, ignored)) {
        throw Error(ErrorKind::io, fmt::format("cannot write {}: the directory {} does not exist; "
                                               "create it first (mkdir -p {}). Nothing was "
                                               "written.",
                                               path, directory.string(), directory.string()));
    }
    std::string temporary = directory.string() + "/.peerlog-output-XXXXXX";
    int fd = ::mkstemp(temporary.data()); // mode 0600
    if (fd < 0) {
        throw write_error(path, "cannot create a file beside it");
    }
    // Written straight into the private temporary file (an export can be large) and synced
    // inside the record's transaction: a write that fails rolls the record back.
    auto produce = [&] {
        errno = 0;
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        write(file);
        file.flush();
        if (!file) {
            throw write_error(path, "write failed");
        }
        if (::fsync(fd) != 0) {
            throw write_error(path, "sync failed");
        }
    };
    try {
        record(produce);
    } catch (...) {
        ::close(fd);
        ::unlink(temporary.c_str());
        throw;
    }
    ::close(fd);
    if (std::rename(temporary.c_str(), target.c_str()) != 0) {
        int saved = errno;
        if (recorded == Recorded::yes) {
            // The record is committed and names this output: keep it rather than lose it.
            throw Error(ErrorKind::io,
                        fmt::format("cannot replace {}: {}. The output was recorded and is "
                                    "complete in {} (mode 0600): move it to {} yourself.",
                                    path, std::strerror(saved), temporary, path));
        }
        ::unlink(temporary.c_str());
        throw Error(ErrorKind::io,
                    fmt::format("cannot replace {}: {}.", path, std::strerror(saved)));
    }
}

} // namespace

void write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
    write_to(
        path, Recorded::no,
        [](const std::function<void()>& produce) {
            if (produce) {
                produce();
            }
        },
        write);
}

void write_recorded_output(const std::string& path, const RecordOutput& record,
                           const std::function<void(std::ostream&)>& write) {
    write_to(path, Recorded::yes, record, write);
}

} // namespace peerlog::cli
