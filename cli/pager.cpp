// Long output on a terminal goes through $PAGER; anything else is written as it is.
#include "pager.hpp"

#include "peerlog/error.hpp"
#include "peerlog/safe_text.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <sys/ioctl.h>
#include <sys/wait.h>
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

// The pager command, or "" when output should not be paged: off a terminal, on a dumb one
// (less cannot draw there), with PAGER empty or cat.
std::string pager_command() {
    if (::isatty(STDOUT_FILENO) != 1) {
        return "";
    }
    const char* term = std::getenv("TERM");
    if (term && std::string_view(term) == "dumb") {
        return "";
    }
    const char* pager = std::getenv("PAGER");
    std::string command = pager ? pager : "less";
    bool blank = command.find_first_not_of(" \t") == std::string::npos;
    return blank || command == "cat" ? "" : command;
}

// Writes `text` into the pager; false when the pager could not be started (the shell says
// 127 for a command it cannot find and 126 for one it cannot run), so the caller prints it.
bool write_to_pager(const std::string& command, const std::string& text) {
    ::setenv("LESS", "FRX", 0); // quit if one screen, keep colours, leave the screen as it is
    std::FILE* pipe = ::popen(command.c_str(), "w");
    if (!pipe) {
        return false;
    }
    // Quitting the pager early closes the pipe: that is not an error worth dying of.
    auto previous = std::signal(SIGPIPE, SIG_IGN);
    std::fwrite(text.data(), 1, text.size(), pipe);
    int status = ::pclose(pipe);
    std::signal(SIGPIPE, previous);
    bool not_started = status == -1 || (WIFEXITED(status) &&
                                        (WEXITSTATUS(status) == 127 || WEXITSTATUS(status) == 126));
    return !not_started;
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
        if (lines < terminal_rows()) {
            std::cout << text;
        } else if (!write_to_pager(command, text)) {
            std::cerr << "peerlog: warning: the pager '"
                      << terminal_safe(command, LineBreaks::flatten)
                      << "' could not be started; the output follows unpaged (set PAGER to a "
                         "pager you have, or PAGER=cat to turn paging off).\n";
            std::cout << text;
        }
    }
    std::cout.flush();
    if (!std::cout) {
        throw Error(ErrorKind::io, "cannot write to standard output.");
    }
}

} // namespace peerlog::cli
