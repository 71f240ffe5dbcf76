// Long output on a terminal goes through $PAGER; anything else is written as it is.
#include "pager.hpp"

#include "peerlog/error.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>

namespace peerlog::cli {
namespace {

std::size_t terminal_rows() {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0) {
        return size.ws_row;
    }
    const char* lines = std::getenv("LINES");
    int rows = lines ? std::atoi(lines) : 0;
    return rows > 0 ? static_cast<std::size_t>(rows) : 24;
}

// The pager command, or "" when output should not be paged.
std::string pager_command() {
    if (::isatty(STDOUT_FILENO) != 1) {
        return "";
    }
    const char* pager = std::getenv("PAGER");
    std::string command = pager ? pager : "less";
    return command == "cat" ? "" : command;
}

// Writes `text` into the pager; false when the pager could not be started.
bool write_to_pager(const std::string& command, const std::string& text) {
    ::setenv("LESS", "FRX", 0); // quit if one screen, keep colours, leave the screen as it is
    std::FILE* pipe = ::popen(command.c_str(), "w");
    if (!pipe) {
        return false;
    }
    // Quitting the pager early closes the pipe: that is not an error worth dying of.
    auto previous = std::signal(SIGPIPE, SIG_IGN);
    std::fwrite(text.data(), 1, text.size(), pipe);
    ::pclose(pipe);
    std::signal(SIGPIPE, previous);
    return true;
}

} // namespace

void write_paged(const std::function<void(std::ostream&)>& write) {
    std::string command = pager_command();
    if (command.empty()) {
        write(std::cout);
    } else {
        std::ostringstream buffer;
        write(buffer);
        const std::string text = buffer.str();
        auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
        std::cout.flush();
        if (lines < terminal_rows() || !write_to_pager(command, text)) {
            std::cout << text;
        }
    }
    std::cout.flush();
    if (!std::cout) {
        throw Error(ErrorKind::io, "cannot write to standard output.");
    }
}

} // namespace peerlog::cli
