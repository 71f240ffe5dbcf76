// Unit tests of scratch files: private, removed when they go and when a signal ends the process,
// which still ends by that signal.
#include "peerlog/scratch.hpp"
#include "test_journal.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <fstream>
#include <functional>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace peerlog;
using peerlog::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// Runs `body` in a child process with TMPDIR set to `tmp`, and returns its wait status.
int in_child(const fs::path& tmp, const std::function<void()>& body) {
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::setenv("TMPDIR", tmp.c_str(), 1);
        for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
            ::signal(signal, SIG_DFL); // as in peerlog, not doctest's crash handlers
        }
        body();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return status;
}

} // namespace

TEST_CASE("a scratch directory is private and goes with everything in it") {
    TempDir tmp;
    ::setenv("TMPDIR", tmp.path().c_str(), 1);
    fs::path kept;
    {
        ScratchDirectory scratch("peerlog-test");
        kept = scratch.path();
        struct stat info {};
        ::stat(kept.c_str(), &info);
        CHECK((info.st_mode & 0777) == 0700);
        CHECK(kept.parent_path() == tmp.path());
        std::ofstream(scratch.file("note.txt")) << "a note";
        std::ofstream(kept / "undeclared~") << "an editor's backup";
    }
    CHECK_FALSE(fs::exists(kept));
    ::unsetenv("TMPDIR");
}

TEST_CASE("SIGTERM, SIGINT and SIGHUP remove the scratch files, and still end the process") {
    for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
        CAPTURE(signal);
        TempDir tmp;
        int status = in_child(tmp.path(), [signal] {
            ScratchDirectory scratch("peerlog-test");
            std::ofstream(scratch.file("journal.db")) << "scratch";
            scratch.file("journal.db-wal"); // declared, never made
            ::raise(signal);
        });
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == signal);
        CHECK(fs::is_empty(tmp.path()));
    }
}

TEST_CASE("a file removed on a signal is no longer removed once its guard goes") {
    TempDir tmp;
    fs::path kept = tmp.path() / "kept";
    int status = in_child(tmp.path(), [&] {
        std::ofstream(kept) << "kept";
        { RemovedOnSignal guard(kept, EntryKind::file); }
        RemovedOnSignal other(tmp.path() / "other", EntryKind::file);
        ::raise(SIGTERM);
    });
    CHECK(WTERMSIG(status) == SIGTERM);
    CHECK(fs::exists(kept));
}

TEST_CASE("a signal ignored before (nohup) stays ignored") {
    TempDir tmp;
    int status = in_child(tmp.path(), [] {
        ::signal(SIGHUP, SIG_IGN);
        ScratchDirectory scratch("peerlog-test");
        std::ofstream(scratch.file("note.txt")) << "kept while peerlog runs";
        ::raise(SIGHUP); // ignored: the process goes on and removes it on its way out
    });
    CHECK(WIFEXITED(status));
    CHECK(fs::is_empty(tmp.path()));
}
