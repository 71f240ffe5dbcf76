// A watching process that removes a named temporary file should peerlog be killed (even by
// SIGKILL, which no handler sees) while the file has a name it must not keep.
#pragma once

#include <string>
#include <sys/types.h>

namespace peerlog {

/// While it lives, a child process waits on a socket; when peerlog dies before release(), its
/// end closes and the child removes `file` and then the directory `directory` (each
/// relative to `at`; an empty name is skipped) before it exits. It ignores SIGINT, SIGTERM and
/// SIGHUP, so a signal sent to the whole process group still leaves it to clean up; only a kill
/// of both processes at once (kill -9 of the group, a power cut) leaves the names behind.
class LeftoverWatch {
  public:
    /// Starts the watching process. Throws Error(io) when it cannot (no process or socket left).
    LeftoverWatch(int at, std::string file, std::string directory);
    LeftoverWatch(const LeftoverWatch&) = delete;
    LeftoverWatch& operator=(const LeftoverWatch&) = delete;
    ~LeftoverWatch(); ///< release()

    /// The names are gone or given their final place: the child exits removing nothing.
    void release();

  private:
    pid_t m_child = -1;
    int m_socket = -1; ///< our end of the socket, to send "done" on
};

} // namespace peerlog
