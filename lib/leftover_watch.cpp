// A watching process that removes a named temporary file should peerlog be killed.
#include "leftover_watch.hpp"

#include "peerlog/error.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace peerlog {
namespace {

constexpr char k_done = 'd';

// The child: only async-signal-safe calls, since it runs in a copy of a process that may hold
// locks (malloc's, SQLite's) in any state.
[[noreturn]] void watch(int channel, int at, const char* file, const char* directory) {
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
        ::signal(signal, SIG_IGN);
    }
    for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
        ::close(fd); // never keep a caller's pipe open (a `$(peerlog ...)` waits for its end)
    }
    char word = 0;
    ssize_t got = 0;
    do {
        got = ::read(channel, &word, 1);
    } while (got < 0 && errno == EINTR);
    if (got != 1 || word != k_done) {
        if (*file) {
            ::unlinkat(at, file, 0);
        }
        if (*directory) {
            ::unlinkat(at, directory, AT_REMOVEDIR);
        }
    }
    ::_exit(0);
}

} // namespace

LeftoverWatch::LeftoverWatch(int at, std::string file, std::string directory) {
    // A socket rather than a pipe: send() with MSG_NOSIGNAL cannot raise SIGPIPE in peerlog
    // should the child be gone.
    int ends[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
        throw Error(ErrorKind::io, fmt::format("cannot start watching a temporary file ({}); "
                                               "nothing was written.",
                                               std::strerror(errno)));
    }
    pid_t child = ::fork();
    if (child < 0) {
        int saved = errno;
        ::close(ends[0]);
        ::close(ends[1]);
        throw Error(ErrorKind::io, fmt::format("cannot start watching a temporary file ({}); "
                                               "nothing was written.",
                                               std::strerror(saved)));
    }
    if (child == 0) {
        ::close(ends[1]);
        watch(ends[0], at, file.c_str(), directory.c_str());
    }
    ::close(ends[0]);
    m_child = child;
    m_socket = ends[1];
}

LeftoverWatch::~LeftoverWatch() {
    release();
}

void LeftoverWatch::release() {
    if (m_child < 0) {
        return;
    }
    // A failed write (the child gone) changes nothing: it then has nothing left to remove.
    [[maybe_unused]] ssize_t sent = ::send(m_socket, &k_done, 1, MSG_NOSIGNAL);
    ::close(m_socket);
    while (::waitpid(m_child, nullptr, 0) < 0 && errno == EINTR) {
    }
    m_child = -1;
    m_socket = -1;
}

} // namespace peerlog
