// Unit tests of OutputFile: the one way peerlog writes a file. Nothing is named until it is
// whole, nothing is left when it is not, and the journal, drafts, foreign links and special
// files are never written.
#include "leftover_watch.hpp"
#include "peerlog/draft.hpp"
#include "peerlog/output_file.hpp"
#include "test_journal.hpp"

#include <cstring>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace peerlog;
using peerlog::testing::failure_of;
using peerlog::testing::message_of;
using peerlog::testing::TempDir;
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// The names in `directory`, sorted.
std::vector<std::string> names_in(const fs::path& directory) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

void write_file(const OutputTarget& target, const std::string& text) {
    write_output_file(target, [&](std::ostream& out) { out << text; });
}

// A directory holding a journal (with its -wal and -shm, as a journal in use has them) and a
// place for outputs; drafts live under its state/ (XDG_STATE_HOME).
struct Workspace {
    TempDir dir;
    fs::path journal = dir.path() / "data" / "journal.db";
    fs::path out = dir.path() / "out";
    std::string journal_bytes = "journal bytes that must never change";
    Workspace() {
        fs::create_directories(journal.parent_path());
        fs::create_directories(out);
        write_text(journal, journal_bytes);
        write_text(journal.string() + "-shm", "shm");
        ::setenv("XDG_STATE_HOME", (dir.path() / "state").c_str(), 1);
    }
    ~Workspace() { ::unsetenv("XDG_STATE_HOME"); }
    OutputTarget target(const fs::path& path) const { return {path, journal}; }
};

} // namespace

TEST_CASE("a new file has no name until it is published, then appears whole and private") {
    Workspace w;
    OutputFile file = OutputFile::create(w.target(w.out / "export.json"));
    file.stream() << "{\"whole\": true}\n";
    CHECK(names_in(w.out).empty()); // written, but nowhere to be found
    file.finish();
    CHECK(names_in(w.out).empty());
    file.publish();
    CHECK(names_in(w.out) == std::vector<std::string>{"export.json"});
    CHECK(read_all(w.out / "export.json") == "{\"whole\": true}\n");
    CHECK((fs::status(w.out / "export.json").permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("a file never published leaves nothing behind") {
    Workspace w;
    {
        OutputFile file = OutputFile::create(w.target(w.out / "export.json"));
        file.stream() << std::string(1 << 20, 'x');
        file.finish();
    }
    CHECK(names_in(w.out).empty());
}

TEST_CASE("an existing file is replaced at once, and no temporary name is left") {
    Workspace w;
    write_text(w.out / "export.csv", "old\n");
    ::chmod((w.out / "export.csv").c_str(), 0644);
    write_file(w.target(w.out / "export.csv"), "new\n");
    CHECK(read_all(w.out / "export.csv") == "new\n");
    CHECK(names_in(w.out) == std::vector<std::string>{"export.csv"});
    struct stat info {};
    ::stat((w.out / "export.csv").c_str(), &info);
    CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("ReplaceExisting::no refuses a file that exists, before anything is written") {
    Workspace w;
    write_text(w.out / "copy.db", "old");
    OutputTarget target = w.target(w.out / "copy.db");
    target.replace = ReplaceExisting::no;
    CHECK(failure_of([&] { OutputFile::create(target); }) == ErrorKind::conflict);
    CHECK(read_all(w.out / "copy.db") == "old");
}

TEST_CASE("the journal is refused however it is named, and stays as it was") {
    Workspace w;
    fs::create_directories(w.dir.path() / "data" / "sub");
    fs::create_symlink(w.journal, w.out / "link.json");
    fs::create_hard_link(w.journal, w.out / "hard.json");
    fs::create_directory_symlink(w.journal.parent_path(), w.out / "data-link");
    fs::path relative = fs::relative(w.journal, fs::current_path());
    for (const fs::path& name :
         {w.journal, relative, w.journal.parent_path() / "sub" / ".." / "journal.db",
          w.journal.parent_path() / "." / "journal.db", w.out / "link.json", w.out / "hard.json",
          w.out / "data-link" / "journal.db", fs::path(w.journal.string() + "-wal"),
          fs::path(w.journal.string() + "-shm"), fs::path(w.journal.string() + "-journal"),
          w.out / "data-link" / "journal.db-wal"}) {
        CAPTURE(name);
        std::string message = message_of([&] { write_file(w.target(name), "export"); });
        CHECK(message.find(w.journal.string()) != std::string::npos);
        CHECK(failure_of([&] { write_file(w.target(name), "export"); }) == ErrorKind::usage);
    }
    CHECK(read_all(w.journal) == w.journal_bytes);
    CHECK(read_all(w.journal.string() + "-shm") == "shm");
    CHECK_FALSE(fs::exists(w.journal.string() + "-wal"));
    CHECK(fs::is_symlink(w.out / "link.json"));
}

TEST_CASE("outputs never go among the drafts; a new draft does, an existing one is kept") {
    Workspace w;
    fs::path draft = save_draft("a note that could not be saved");
    CHECK(draft.parent_path() == drafts_directory());
    fs::create_hard_link(draft, w.out / "hard-draft.txt");
    CHECK(failure_of([&] { write_file(w.target(draft), "x"); }) == ErrorKind::usage);
    CHECK(failure_of([&] { write_file(w.target(drafts_directory() / "new.json"), "x"); }) ==
          ErrorKind::usage);
    CHECK(failure_of([&] { write_file(w.target(w.out / "hard-draft.txt"), "x"); }) ==
          ErrorKind::usage);
    CHECK(read_all(draft) == "a note that could not be saved");
    OutputTarget again{draft, {}, ReplaceExisting::no, FileRole::draft};
    CHECK(failure_of([&] { write_file(again, "x"); }) == ErrorKind::conflict);
}

TEST_CASE("our own link in our own directory is followed, and stays a link") {
    Workspace w;
    write_text(w.out / "target.json", "old");
    fs::create_symlink("target.json", w.out / "link.json");
    write_file(w.target(w.out / "link.json"), "new");
    CHECK(fs::is_symlink(w.out / "link.json"));
    CHECK(read_all(w.out / "target.json") == "new");
    // A dangling link of ours names the file to create.
    fs::create_symlink("created.json", w.out / "dangling.json");
    write_file(w.target(w.out / "dangling.json"), "made");
    CHECK(read_all(w.out / "created.json") == "made");
}

TEST_CASE("a link in a sticky world-writable directory is never followed, at any component") {
    Workspace w;
    fs::path shared = w.dir.path() / "shared";
    fs::create_directory(shared);
    ::chmod(shared.c_str(), 01777);
    write_text(w.out / "mine.json", "mine");
    fs::create_symlink(w.out / "mine.json", shared / "export.json");
    fs::create_directory_symlink(w.out, shared / "exports");
    auto message = message_of([&] { write_file(w.target(shared / "export.json"), "new"); });
    CHECK(message.find("does not follow") != std::string::npos);
    CHECK(failure_of([&] { write_file(w.target(shared / "export.json"), "new"); }) ==
          ErrorKind::io);
    CHECK(failure_of([&] { write_file(w.target(shared / "exports" / "e.json"), "new"); }) ==
          ErrorKind::io);
    CHECK(read_all(w.out / "mine.json") == "mine");
    CHECK_FALSE(fs::exists(w.out / "e.json"));
}

TEST_CASE("a link another user owns is never followed, even in our own directory") {
    if (::geteuid() != 0) {
        MESSAGE("skipped: giving a link to another user needs root");
        return;
    }
    Workspace w;
    write_text(w.out / "mine.json", "mine");
    fs::create_symlink(w.out / "mine.json", w.out / "planted.json");
    REQUIRE(::lchown((w.out / "planted.json").c_str(), 65534, 65534) == 0);
    fs::create_directory_symlink(w.out, w.dir.path() / "planted-dir");
    REQUIRE(::lchown((w.dir.path() / "planted-dir").c_str(), 65534, 65534) == 0);
    auto message = message_of([&] { write_file(w.target(w.out / "planted.json"), "new"); });
    CHECK(message.find("owned by another user (uid 65534)") != std::string::npos);
    CHECK(failure_of([&] { write_file(w.target(w.dir.path() / "planted-dir" / "x"), "n"); }) ==
          ErrorKind::io);
    CHECK(read_all(w.out / "mine.json") == "mine");
    CHECK(fs::is_symlink(w.out / "planted.json"));
}

TEST_CASE("a FIFO, a socket, a device or a directory is refused and never opened") {
    Workspace w;
    fs::path fifo = w.out / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // A reader already waiting: were the FIFO opened for writing, it would see a writer.
    int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    CHECK(failure_of([&] { write_file(w.target(fifo), "secret"); }) == ErrorKind::io);
    char byte = 0;
    CHECK(::read(reader, &byte, 1) == 0); // no writer ever came, nothing arrived
    ::close(reader);
    CHECK(fs::is_fifo(fifo));

    fs::path socket_path = w.out / "socket";
    int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, socket_path.c_str(), sizeof address.sun_path - 1);
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    CHECK(failure_of([&] { write_file(w.target(socket_path), "secret"); }) == ErrorKind::io);
    CHECK(fs::is_socket(socket_path));
    ::close(listener);

    if (::mknod((w.out / "null").c_str(), S_IFCHR | 0600, makedev(1, 3)) == 0) {
        CHECK(failure_of([&] { write_file(w.target(w.out / "null"), "x"); }) == ErrorKind::io);
        CHECK(fs::is_character_file(w.out / "null"));
    }
    auto message = message_of([&] { write_file(w.target(w.out), "x"); });
    CHECK(message.find("is a directory") != std::string::npos);
    CHECK(failure_of([&] { write_file(w.target(w.out.string() + "/"), "x"); }) == ErrorKind::io);
}

TEST_CASE("a missing directory is named in the refusal") {
    Workspace w;
    auto message = message_of([&] { write_file(w.target(w.out / "missing" / "e.json"), "x"); });
    CHECK(message.find("the directory " + (w.out / "missing").string() + " does not exist") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(w.out / "missing"));
}

TEST_CASE("the record runs once the file is whole and before it is named") {
    Workspace w;
    fs::path target = w.out / "export.json";
    bool recorded = false;
    write_output_file(
        w.target(target), [](std::ostream& out) { out << "whole"; },
        [&] {
            CHECK_FALSE(fs::exists(target));
            recorded = true;
        });
    CHECK(recorded);
    CHECK(read_all(target) == "whole");
    // A write that fails: never recorded, nothing named.
    recorded = false;
    CHECK(failure_of([&] {
              write_output_file(
                  w.target(w.out / "failed.json"),
                  [](std::ostream&) { throw Error(ErrorKind::io, "disk full"); },
                  [&] { recorded = true; });
          }) == ErrorKind::io);
    CHECK_FALSE(recorded);
    // A record that fails (a busy journal): nothing named.
    CHECK(failure_of([&] {
              write_output_file(
                  w.target(w.out / "unrecorded.json"), [](std::ostream& out) { out << "x"; },
                  [] { throw Error(ErrorKind::busy, "busy"); });
          }) == ErrorKind::busy);
    CHECK(names_in(w.out) == std::vector<std::string>{"export.json"});
}

TEST_CASE("without O_TMPFILE: a 0600 file in a 0700 private directory, gone once named") {
    Workspace w;
    write_text(w.out / "export.json", "old");
    {
        OutputFile file =
            OutputFile::create(w.target(w.out / "export.json"), Creation::private_directory);
        auto names = names_in(w.out);
        REQUIRE(names.size() == 2);
        fs::path private_directory = w.out / names.front(); // ".peerlog-…" sorts first
        CHECK(names.front().starts_with(".peerlog-"));
        struct stat info {};
        ::stat(private_directory.c_str(), &info);
        CHECK((info.st_mode & 0777) == 0700);
        ::stat((private_directory / "output").c_str(), &info);
        CHECK((info.st_mode & 0777) == 0600);
        file.stream() << "new";
        file.finish();
        file.publish();
    }
    CHECK(names_in(w.out) == std::vector<std::string>{"export.json"});
    CHECK(read_all(w.out / "export.json") == "new");
    {
        OutputFile unpublished =
            OutputFile::create(w.target(w.out / "other.json"), Creation::private_directory);
        unpublished.stream() << "never named";
    }
    CHECK(names_in(w.out) == std::vector<std::string>{"export.json"});
    OutputTarget fresh = w.target(w.out / "fresh.json");
    fresh.replace = ReplaceExisting::no;
    OutputFile file = OutputFile::create(fresh, Creation::private_directory);
    file.stream() << "fresh";
    file.finish();
    file.publish();
    CHECK(read_all(w.out / "fresh.json") == "fresh");
}

TEST_CASE("a SIGKILL while a temporary name exists: the watching process removes it") {
    TempDir dir;
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int directory = ::open(dir.path().c_str(), O_PATH | O_DIRECTORY);
        ::mkdirat(directory, ".peerlog-private", 0700);
        int fd = ::openat(directory, ".peerlog-private/output", O_CREAT | O_WRONLY, 0600);
        [[maybe_unused]] auto written = ::write(fd, "secret", 6);
        LeftoverWatch watch(directory, ".peerlog-private/output", ".peerlog-private");
        ::kill(::getpid(), SIGKILL); // no handler, no destructor runs
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    // The watching process notices at once; give a loaded machine a few seconds.
    for (int i = 0; i < 300 && !fs::is_empty(dir.path()); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("a released watch removes nothing") {
    TempDir dir;
    write_text(dir.path() / "kept", "kept");
    {
        int directory = ::open(dir.path().c_str(), O_PATH | O_DIRECTORY);
        LeftoverWatch watch(directory, "kept", "");
        watch.release();
        ::close(directory);
    }
    CHECK(read_all(dir.path() / "kept") == "kept");
}
