// Reaching the place a file is to be written without following a link another user controls.
#include "safe_path.hpp"

#include "peerlog/error.hpp"

#include <cerrno>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

// As many links as the kernel follows in one path before ELOOP.
constexpr int k_max_links = 40;

[[noreturn]] void cannot_write(const fs::path& path, const std::string& why) {
    throw Error(ErrorKind::io,
                fmt::format("cannot write {}: {}. Nothing was written.", path.string(), why));
}

// The non-empty components of `text`, in order.
std::deque<std::string> components(const std::string& text) {
    std::deque<std::string> parts;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t slash = text.find('/', at);
        std::size_t end = slash == std::string::npos ? text.size() : slash;
        if (end > at) {
            parts.push_back(text.substr(at, end - at));
        }
        at = end + 1;
    }
    return parts;
}

UniqueFd open_directory(int at, const char* name, const fs::path& path) {
    UniqueFd fd(::openat(at, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid()) {
        cannot_write(path,
                     fmt::format("cannot open the directory {} ({})", name, std::strerror(errno)));
    }
    return fd;
}

std::string read_link(int directory, const std::string& name, const fs::path& path) {
    std::string target(4096, '\0');
    ssize_t length = ::readlinkat(directory, name.c_str(), target.data(), target.size());
    if (length < 0 || static_cast<std::size_t>(length) >= target.size()) {
        cannot_write(path, fmt::format("cannot read the link {} ({})", name,
                                       std::strerror(length < 0 ? errno : ENAMETOOLONG)));
    }
    target.resize(static_cast<std::size_t>(length));
    return target;
}

[[noreturn]] void refuse_link(const fs::path& path, const fs::path& link, const struct stat& info,
                              const fs::path& directory) {
    std::string why =
        info.st_uid != ::geteuid() && info.st_uid != 0
            ? fmt::format("is a symbolic link owned by another user (uid {})", info.st_uid)
            : fmt::format("is a symbolic link in {}, a directory anyone may write "
                          "to (sticky, world-writable)",
                          directory.empty() ? "." : directory.string());
    cannot_write(path, fmt::format("{} {}; peerlog does not follow it, since whoever planted it "
                                   "chooses the file that would be written (give the real file's "
                                   "path instead)",
                                   link.string(), why));
}

} // namespace

bool trusted_link(const struct stat& link, const struct stat& directory) {
    bool ours = link.st_uid == ::geteuid() || link.st_uid == 0;
    bool open_to_all = (directory.st_mode & S_ISVTX) != 0 && (directory.st_mode & S_IWOTH) != 0;
    return ours && !open_to_all;
}

std::optional<struct stat> entry_at(int directory, const std::string& name) {
    struct stat info {};
    if (::fstatat(directory, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        return std::nullopt;
    }
    return info;
}

std::string kind_of(const struct stat& info) {
    switch (info.st_mode & S_IFMT) {
    case S_IFIFO:
        return "a named pipe (FIFO)";
    case S_IFSOCK:
        return "a socket";
    case S_IFCHR:
    case S_IFBLK:
        return "a device";
    case S_IFDIR:
        return "a directory";
    case S_IFLNK:
        return "a symbolic link";
    default:
        return "a file";
    }
}

WritePlace resolve_write_place(const fs::path& path) {
    const std::string text = path.string();
    if (text.empty()) {
        cannot_write(path, "the file name is empty");
    }
    std::deque<std::string> rest = components(text);
    bool names_directory = text.back() == '/';
    bool absolute = text.front() == '/';
    UniqueFd directory = open_directory(AT_FDCWD, absolute ? "/" : ".", path);
    fs::path shown = absolute ? fs::path("/") : fs::path();
    int links = 0;
    while (!rest.empty()) {
        std::string name = std::move(rest.front());
        rest.pop_front();
        bool last = rest.empty() && !names_directory;
        if (name == "." || name == "..") {
            if (name == "..") {
                directory = open_directory(directory.get(), "..", path);
                shown = shown.empty() || shown == shown.root_path() ? shown / ".."
                                                                    : shown.parent_path();
            }
            names_directory = names_directory || rest.empty();
            continue;
        }
        auto info = entry_at(directory.get(), name);
        if (!info) {
            if (errno == ENOENT && last) {
                return {std::move(directory), name, shown / name, std::nullopt};
            }
            fs::path missing = shown / name;
            if (errno == ENOENT) {
                cannot_write(path, fmt::format("the directory {} does not exist; create it "
                                               "first (mkdir -p {})",
                                               missing.string(), missing.string()));
            }
            cannot_write(path, fmt::format("cannot look at {} ({})", missing.string(),
                                           std::strerror(errno)));
        }
        if (S_ISLNK(info->st_mode)) {
            struct stat holder {};
            ::fstat(directory.get(), &holder);
            if (!trusted_link(*info, holder)) {
                refuse_link(path, shown / name, *info, shown);
            }
            if (++links > k_max_links) {
                cannot_write(path, "too many symbolic links (a loop?)");
            }
            std::string target = read_link(directory.get(), name, path);
            auto parts = components(target);
            rest.insert(rest.begin(), parts.begin(), parts.end());
            names_directory = names_directory || (!target.empty() && target.back() == '/' &&
                                                  rest.size() == parts.size());
            if (!target.empty() && target.front() == '/') {
                directory = open_directory(AT_FDCWD, "/", path);
                shown = "/";
            }
            continue;
        }
        if (last) {
            return {std::move(directory), name, shown / name, info};
        }
        if (!S_ISDIR(info->st_mode)) {
            cannot_write(path, fmt::format("{} is {}, not a directory", (shown / name).string(),
                                           kind_of(*info)));
        }
        directory = open_directory(directory.get(), name.c_str(), path);
        shown /= name;
    }
    cannot_write(path, "it is a directory; give a file name");
}

} // namespace peerlog
