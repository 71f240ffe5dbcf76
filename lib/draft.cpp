// Drafts: text the user typed that could not be saved, kept in private files.
#include "peerlog/draft.hpp"

#include "peerlog/error.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

fs::path state_directory() {
    const char* state_home = std::getenv("XDG_STATE_HOME");
    if (state_home && *state_home == '/') {
        return fs::path(state_home) / "peerlog";
    }
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : "/tmp") / ".local" / "state" / "peerlog";
}

} // namespace

fs::path drafts_directory() {
    return state_directory() / "drafts";
}

void write_new_private_file(const fs::path& path, const std::string& text) {
    int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw Error(ErrorKind::io, fmt::format("cannot create {}.", path.string()));
    }
    std::size_t written = 0;
    while (written < text.size()) {
        ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n <= 0) {
            int saved = errno;
            ::close(fd);
            ::unlink(path.c_str()); // no half of a private note left behind
            throw Error(ErrorKind::io,
                        fmt::format("cannot write {}: {}.", path.string(), std::strerror(saved)));
        }
        written += static_cast<std::size_t>(n);
    }
    ::close(fd);
}

fs::path save_draft(const std::string& text) {
    fs::path directory = drafts_directory();
    fs::create_directories(directory);
    ::chmod(directory.c_str(), 0700);
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    fs::path file = directory / fmt::format("note-{}-{}.txt", stamp, ::getpid());
    write_new_private_file(file, text);
    return file;
}

} // namespace peerlog
