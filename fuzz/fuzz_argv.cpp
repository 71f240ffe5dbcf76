// Fuzz target: the whole command line, in-process. The input is split into argv words (at
// newlines and NULs) and run by run_peerlog on a fresh copy of a small journal. Any exit code
// peerlog documents is fine; an internal error (1) or a crash is a finding.
#include "run_peerlog.hpp"

#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

fs::path g_root;           // a private temp directory for everything the runs touch
int g_home_fd = -1;        // libFuzzer's working directory: its corpus paths may be relative
std::ostringstream g_sink; // peerlog's std::cerr, kept quiet

int run_words(std::vector<std::string> words) {
    words.insert(words.begin(), "peerlog");
    std::vector<char*> argv;
    for (auto& word : words) {
        argv.push_back(word.data());
    }
    argv.push_back(nullptr);
    return run_peerlog(static_cast<int>(words.size()), argv.data());
}

// A journal with two peers and a few sessions, copied afresh for every input.
void make_template() {
    fs::path journal = g_root / "template.db";
    std::string path = journal.string();
    std::vector<std::vector<std::string>> setup = {
        {"--journal", path, "peer", "add", "P1", "--stage", "early"},
        {"--journal", path, "peer", "add", "P2", "--referred-by", "court"},
        {"--journal", path, "session", "add", "--peer", "P1", "--support", "emotional",
         "--duration", "45m", "--note", "first", "--follow-up", "+1w"},
        {"--journal", path, "session", "add", "--peer", "P2", "--support",
         "instrumental,affiliational", "--duration", "1h30m", "--date", "-9d", "--start", "10:00"},
        {"--journal", path, "peer", "close", "P2"},
    };
    for (auto& words : setup) {
        if (run_words(words) != 0) {
            std::abort();
        }
    }
}

void redirect(int fd, int flags) {
    int null_fd = ::open("/dev/null", flags);
    if (null_fd < 0 || ::dup2(null_fd, fd) < 0) {
        std::abort();
    }
    ::close(null_fd);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    std::string pattern = (fs::temp_directory_path() / "peerlog-fuzz-argv-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
        std::abort();
    }
    g_root = pattern;
    std::atexit([] { std::filesystem::remove_all(g_root); }); // libFuzzer ends with exit()
    for (const char* dir : {"home", "config", "data", "state", "tmp", "work"}) {
        fs::create_directories(g_root / dir);
    }
    ::setenv("HOME", (g_root / "home").c_str(), 1);
    ::setenv("XDG_CONFIG_HOME", (g_root / "config").c_str(), 1);
    ::setenv("XDG_DATA_HOME", (g_root / "data").c_str(), 1);
    ::setenv("XDG_STATE_HOME", (g_root / "state").c_str(), 1);
    ::setenv("TMPDIR", (g_root / "tmp").c_str(), 1);
    ::setenv("PEERLOG_TODAY", "2026-11-18", 1);
    ::setenv("VISUAL", "true", 1); // --editor runs `true`: an empty note, no terminal needed
    ::unsetenv("PEERLOG_CONFIG");
    ::unsetenv("NO_COLOR");
    g_home_fd = ::open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    redirect(STDIN_FILENO, O_RDONLY);
    redirect(STDOUT_FILENO, O_WRONLY);
    std::cerr.rdbuf(g_sink.rdbuf());
    make_template();
    ::setenv("PEERLOG_JOURNAL", (g_root / "work" / "journal.db").c_str(), 1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> words(1);
    for (std::size_t i = 0; i < size && words.size() <= 64; ++i) {
        char c = static_cast<char>(data[i]);
        if (c == '\n' || c == '\0') {
            words.emplace_back();
        } else {
            words.back() += c;
        }
    }
    for (const auto& word : words) {
        if (word.find('/') != std::string::npos) {
            return -1; // paths could reach files outside the sandbox: not part of the corpus
        }
    }
    fs::path work = g_root / "work";
    fs::remove_all(work);
    fs::create_directories(work);
    fs::copy_file(g_root / "template.db", work / "journal.db");
    if (::chdir(work.c_str()) != 0) {
        std::abort();
    }
    std::cin.clear();
    std::cout.clear();
    g_sink.str("");
    int code = run_words(words);
    if (::fchdir(g_home_fd) != 0) {
        std::abort();
    }
    if (code == 1 || code < 0 || code > 11) {
        std::abort(); // 1 is "internal error: a bug"; codes above 11 are undocumented
    }
    return 0;
}
