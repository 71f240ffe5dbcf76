// Drafts: text the user typed that could not be saved, kept in private files.
#include "peerlog/draft.hpp"

#include "peerlog/output_file.hpp"

#include <cstdlib>
#include <ctime>
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
    // Through the one safe writer: no link another user planted is followed, and the file
    // appears only whole (a kill leaves no half of a private note behind).
    write_output_file({path, {}, ReplaceExisting::no, FileRole::draft},
                      [&](std::ostream& out) { out << text; });
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
