// Unit tests of scratch files: private, removed when they go and when a signal ends the process,
// which still ends by that signal.
#include "peerlog/scratch.hpp"
#include "test_journal.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <fstream>
#include <functional>
#include <sstream>
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

TEST_CASE("a scratch directory a SIGKILL left is removed by the next one that asks, not before") {
    TempDir tmp;
    // A peerlog killed by SIGKILL mid-write: its directory (named after its pid) and a file in it.
    int status = in_child(tmp.path(), [] {
        ScratchDirectory scratch("peerlog-test", Abandoned::removed);
        std::ofstream(scratch.path() / "tmp.abc123") << "half a workbook";
        ::raise(SIGKILL);
    });
    REQUIRE(WTERMSIG(status) == SIGKILL);
    REQUIRE(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()) == 1);
    fs::path abandoned = fs::directory_iterator(tmp.path())->path();
    CHECK(abandoned.filename().string().starts_with("peerlog-test."));
    // Another prefix, or one that keeps abandoned directories, leaves it.
    ::setenv("TMPDIR", tmp.path().c_str(), 1);
    { ScratchDirectory other("peerlog-other", Abandoned::removed); }
    { ScratchDirectory kept("peerlog-test", Abandoned::kept); }
    CHECK(fs::exists(abandoned / "tmp.abc123"));
    // The next one of its prefix removes it.
    {
        ScratchDirectory next("peerlog-test", Abandoned::removed);
        CHECK_FALSE(fs::exists(abandoned));
        CHECK(fs::exists(next.path()));
    }
    CHECK(fs::is_empty(tmp.path()));
    ::unsetenv("TMPDIR");
}

TEST_CASE("a live peerlog's scratch directory, and ones not its own, are never removed") {
    TempDir tmp;
    ::setenv("TMPDIR", tmp.path().c_str(), 1);
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    pid_t live = ::fork();
    REQUIRE(live >= 0);
    if (live == 0) { // holds its directory until killed
        ScratchDirectory scratch("peerlog-test", Abandoned::removed);
        std::ofstream(scratch.path() / "in-use") << "being written";
        char done = 'r';
        [[maybe_unused]] auto written = ::write(ready[1], &done, 1);
        ::pause();
        ::_exit(0);
    }
    char done = 0;
    REQUIRE(::read(ready[0], &done, 1) == 1);
    // Names that only look like one: a link, a directory of another mode, a pid that never ran.
    fs::create_directory_symlink(tmp.path(), tmp.path() / "peerlog-test.999999999.AAAAAA");
    fs::create_directory(tmp.path() / "peerlog-test.999999998.BBBBBB");
    fs::permissions(tmp.path() / "peerlog-test.999999998.BBBBBB", fs::perms(0755));
    fs::create_directory(tmp.path() / "peerlog-test.x.CCCCCC");
    fs::permissions(tmp.path() / "peerlog-test.x.CCCCCC", fs::perms(0700));
    {
        ScratchDirectory next("peerlog-test", Abandoned::removed);
        // The live one, the link, the 0755 directory and the pid that is no number: 4 + next.
        CHECK(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()) == 5);
    }
    ::kill(live, SIGKILL);
    ::waitpid(live, nullptr, 0);
    ::close(ready[0]);
    ::close(ready[1]);
    { ScratchDirectory after("peerlog-test", Abandoned::removed); } // its process is gone now
    CHECK(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()) == 3);
    ::unsetenv("TMPDIR");
}

TEST_CASE("a scratch file can be reopened by path, and still has no name") {
    ScratchFile file;
    std::string path = file.reopening_path();
    REQUIRE_FALSE(path.empty()); // /proc is mounted here
    CHECK(fs::read_symlink(path).string().ends_with("(deleted)")); // no name in any directory
    std::ofstream(path, std::ios::binary) << "written by path";
    std::ostringstream copied;
    file.copy_to(copied);
    CHECK(copied.str() == "written by path");
}
