// Scratch files removed when peerlog ends, even by SIGINT, SIGTERM or SIGHUP.
#include "peerlog/scratch.hpp"

#include "descriptor_buffer.hpp"
#include "peerlog/error.hpp"
#include "unique_fd.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <optional>
#include <pthread.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace peerlog {
namespace fs = std::filesystem;

std::string temporary_directory() {
    const char* tmp = std::getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
}

namespace {

// One registered path. `state` is written last on registration and first on removal, so the
// handler never reads a slot half filled in.
struct Slot {
    std::atomic<int> state{0}; // 0 free, 1 a file, 2 a directory
    char path[PATH_MAX] = {};
};

constexpr std::size_t k_slots = 32;
std::array<Slot, k_slots> g_slots;
constexpr std::array<int, 3> k_signals = {SIGINT, SIGTERM, SIGHUP};

static_assert(std::atomic<int>::is_always_lock_free, "the handler reads slots lock-free");

// Runs in the signal handler: only async-signal-safe calls (unlink, rmdir, sigaction, raise).
void remove_registered(int signal) {
    for (int pass = 1; pass <= 2; ++pass) { // files, then the directories that held them
        for (std::size_t i = k_slots; i-- > 0;) {
            if (g_slots[i].state.load() != pass) {
                continue;
            }
            if (pass == 1) {
                ::unlink(g_slots[i].path);
            } else {
                ::rmdir(g_slots[i].path);
            }
        }
    }
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigemptyset(&default_action.sa_mask);
    ::sigaction(signal, &default_action, nullptr);
    ::raise(signal); // delivered with its default action once the handler returns
}

// Checked at every registration (three sigaction calls), so a disposition the program set back
// to the default since (as run_editor does) gets the handler again.
void install_handlers() {
    for (int signal : k_signals) {
        struct sigaction current {};
        ::sigaction(signal, nullptr, &current);
        bool default_action = current.sa_handler == SIG_DFL && (current.sa_flags & SA_SIGINFO) == 0;
        if (!default_action) {
            continue; // ours already, ignored (nohup), or handled by the embedding program
        }
        struct sigaction action {};
        action.sa_handler = remove_registered;
        ::sigemptyset(&action.sa_mask);
        for (int other : k_signals) {
            ::sigaddset(&action.sa_mask, other); // one handler run at a time
        }
        ::sigaction(signal, &action, nullptr);
    }
}

// PREFIX.PID.XXXXXX: the process that made it.
std::optional<pid_t> maker_of(std::string_view name, std::string_view prefix) {
    if (name.size() <= prefix.size() + 8 || name.substr(0, prefix.size()) != prefix ||
        name[prefix.size()] != '.' || name[name.size() - 7] != '.') {
        return std::nullopt;
    }
    std::string_view digits = name.substr(prefix.size() + 1, name.size() - prefix.size() - 8);
    pid_t pid = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
    if (error != std::errc{} || end != digits.data() + digits.size() || pid <= 0) {
        return std::nullopt;
    }
    return pid;
}

// The names in the directory `fd`, but . and ..
std::vector<std::string> names_in(int fd) {
    std::vector<std::string> names;
    int listed = ::dup(fd);
    DIR* listing = listed < 0 ? nullptr : ::fdopendir(listed);
    if (listing == nullptr) {
        if (listed >= 0) {
            ::close(listed);
        }
        return names;
    }
    while (const dirent* entry = ::readdir(listing)) {
        std::string_view name = entry->d_name;
        if (name != "." && name != "..") {
            names.emplace_back(name);
        }
    }
    ::closedir(listing);
    return names;
}

// The scratch directories of `prefix` that a killed peerlog left: this user's, private, their
// process gone and their lock free (a live one holds it, even in another pid namespace).
void remove_abandoned(std::string_view prefix) {
    UniqueFd root(::open(temporary_directory().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root.valid()) {
        return;
    }
    for (const auto& name : names_in(root.get())) {
        auto maker = maker_of(name, prefix);
        if (!maker || (::kill(*maker, 0) == 0 || errno == EPERM)) {
            continue; // not one of ours, or its process still runs
        }
        UniqueFd fd(
            ::openat(root.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        struct stat info {};
        if (fd.valid() && ::fstat(fd.get(), &info) == 0 && info.st_uid == ::geteuid() &&
            (info.st_mode & 0777) == 0700 && ::flock(fd.get(), LOCK_EX | LOCK_NB) == 0) {
            for (const auto& file : names_in(fd.get())) {
                ::unlinkat(fd.get(), file.c_str(), 0); // never a link's target; a directory stays
            }
            ::unlinkat(root.get(), name.c_str(), AT_REMOVEDIR); // stays should anything be left
        }
    }
}

// The directory's absolute path is found before it is made: after mkdtemp nothing may fail
// (a relative $TMPDIR under a working directory that is gone fails here instead).
fs::path make_private_directory(std::string_view prefix) {
    std::string pattern =
        fs::absolute(fmt::format("{}/{}.{}.XXXXXX", temporary_directory(), prefix, ::getpid()))
            .string();
    if (!::mkdtemp(pattern.data())) { // mode 0700
        throw Error(ErrorKind::io, fmt::format("cannot make a private directory in {}: {}.",
                                               temporary_directory(), std::strerror(errno)));
    }
    return pattern;
}

} // namespace

RemovedOnSignal::RemovedOnSignal(const fs::path& path, EntryKind kind) {
    std::string text = fs::absolute(path).string(); // the handler must not depend on the cwd
    if (text.size() >= PATH_MAX) {
        throw Error(ErrorKind::io, fmt::format("the path {} is too long.", text));
    }
    install_handlers();
    for (std::size_t i = 0; i < k_slots; ++i) {
        int expected = 0;
        // -1 reserves the slot while its path is written; the handler skips it meanwhile.
        if (g_slots[i].state.compare_exchange_strong(expected, -1)) {
            std::memcpy(g_slots[i].path, text.c_str(), text.size() + 1);
            g_slots[i].state.store(kind == EntryKind::file ? 1 : 2);
            m_slot = static_cast<int>(i);
            return;
        }
    }
    throw Error(ErrorKind::io, "too many scratch files at once.");
}

RemovedOnSignal::RemovedOnSignal(RemovedOnSignal&& other) noexcept
    : m_slot(std::exchange(other.m_slot, -1)) {}

RemovedOnSignal::~RemovedOnSignal() {
    if (m_slot >= 0) {
        g_slots[static_cast<std::size_t>(m_slot)].state.store(0);
    }
}

SignalsHeld::SignalsHeld() {
    sigset_t held;
    ::sigemptyset(&held);
    for (int signal : k_signals) {
        ::sigaddset(&held, signal);
    }
    ::pthread_sigmask(SIG_BLOCK, &held, &m_previous);
}

SignalsHeld::~SignalsHeld() {
    ::pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
}

ScratchDirectory::ScratchDirectory(std::string_view prefix, Abandoned abandoned) {
    if (abandoned == Abandoned::removed) {
        remove_abandoned(prefix); // before the signals are held: it may take a while
    }
    {
        // A signal after mkdtemp but before the guard is registered would leave the directory
        // behind: it waits until the guard can remove it.
        SignalsHeld held;
        m_path = make_private_directory(prefix);
        try {
            m_directory_guard.emplace(m_path, EntryKind::directory);
        } catch (...) {
            ::rmdir(m_path.c_str());
            throw;
        }
    }
    m_lock_fd = ::open(m_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_lock_fd >= 0) {
        ::flock(m_lock_fd, LOCK_EX | LOCK_NB); // new: free; without it, the pid still tells
    }
}

fs::path ScratchDirectory::file(std::string_view name) {
    fs::path file = m_path / name;
    m_file_guards.emplace_back(file, EntryKind::file);
    return file;
}

ScratchDirectory::~ScratchDirectory() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored); // ours alone (0700): whatever a program left in it goes too
    if (m_lock_fd >= 0) {
        ::close(m_lock_fd);
    }
}

namespace {

// An unnamed private file in the temporary directory.
UniqueFd open_unnamed_scratch() {
    std::string root = temporary_directory();
    UniqueFd fd(::open(root.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
    if (fd.valid()) {
        return fd;
    }
    std::string pattern = root + "/peerlog-scratch.XXXXXX";
    fd.reset(::mkostemp(pattern.data(), O_CLOEXEC)); // 0600
    if (fd.valid()) {
        ::unlink(pattern.c_str()); // named for an instant only
        return fd;
    }
    throw Error(ErrorKind::io, fmt::format("cannot make a scratch file in {}: {}. Nothing was "
                                           "written.",
                                           root, std::strerror(errno)));
}

[[noreturn]] void scratch_failed(int error) {
    throw Error(ErrorKind::io, fmt::format("cannot write a scratch file in {}: {}. Nothing was "
                                           "written.",
                                           temporary_directory(), std::strerror(error)));
}

} // namespace

struct ScratchFile::Impl {
    UniqueFd fd = open_unnamed_scratch();
    DescriptorBuffer buffer{fd.get()};
    std::ostream stream{&buffer};
};

ScratchFile::ScratchFile() : m_impl(std::make_unique<Impl>()) {}
ScratchFile::~ScratchFile() = default;

std::ostream& ScratchFile::stream() {
    return m_impl->stream;
}

std::string ScratchFile::reopening_path() const {
    std::string path = fmt::format("/proc/self/fd/{}", m_impl->fd.get());
    return ::access(path.c_str(), R_OK | W_OK) == 0 ? path : "";
}

void ScratchFile::copy_to(std::ostream& out) {
    m_impl->stream.flush();
    if (!m_impl->stream || m_impl->buffer.error() != 0) {
        scratch_failed(m_impl->buffer.error() ? m_impl->buffer.error() : EIO);
    }
    char chunk[1 << 16];
    for (off_t at = 0;;) {
        ssize_t got = ::pread(m_impl->fd.get(), chunk, sizeof chunk, at);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            scratch_failed(errno);
        }
        if (got == 0) {
            return;
        }
        out.write(chunk, got);
        at += got;
    }
}

} // namespace peerlog
