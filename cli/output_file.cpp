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

void write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
    write_output(
        path, [] {}, write);
}

void write_output(const std::string& path, const std::function<void()>& ready,
                  const std::function<void(std::ostream&)>& write) {
    if (path == "-") {
        ready();
        write_paged(write);
        return;
    }
    std::filesystem::path target(path);
    std::string temporary =
        (target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path())
            .string() +
        "/.peerlog-output-XXXXXX";
    int fd = ::mkstemp(temporary.data()); // mode 0600
    auto fail = [&](const char* what) {
        int saved = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        ::unlink(temporary.c_str());
        return Error(ErrorKind::io, fmt::format("cannot write {}: {} ({}). Nothing was written.",
                                                path, what, std::strerror(saved)));
    };
    if (fd < 0) {
        throw fail("cannot create a file beside it");
    }
    // Written straight into the private temporary file (an export can be large), which
    // replaces `path` only once complete and synced.
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        try {
            ready();
            write(file);
        } catch (...) {
            ::close(fd);
            ::unlink(temporary.c_str());
            throw;
        }
        file.flush();
        if (!file) {
            errno = errno ? errno : EIO;
            throw fail("write failed");
        }
    }
    if (::fsync(fd) != 0) {
        throw fail("sync failed");
    }
    ::close(fd);
    fd = -1;
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        int saved = errno;
        ::unlink(temporary.c_str());
        throw Error(ErrorKind::io,
                    fmt::format("cannot replace {}: {}.", path, std::strerror(saved)));
    }
}

} // namespace peerlog::cli
