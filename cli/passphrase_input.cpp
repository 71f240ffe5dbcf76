// Reading a passphrase from a private file or a no-echo terminal prompt, never from argv.
#include "passphrase_input.hpp"

#include "peerlog/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <memory>
#include <sodium.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace peerlog::cli {
namespace {

constexpr std::size_t k_max_passphrase = 1024;

// Closes a file descriptor when it goes out of scope.
struct FileCloser {
    int fd;
    ~FileCloser() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

// Reads one line (without its newline or a trailing \r) from `fd` into secret memory.
SecretBuffer read_line(int fd) {
    SecretBuffer line(k_max_passphrase);
    unsigned char byte = 0;
    while (true) {
        ssize_t got = ::read(fd, &byte, 1);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0 || byte == '\n') {
            break;
        }
        line.push_back(byte);
    }
    byte = 0;
    if (!line.empty() && line.data()[line.size() - 1] == '\r') {
        line.resize(line.size() - 1);
    }
    return line;
}

// Writes `message` on the terminal, where the prompts are (stderr may be redirected).
void tell_terminal(const std::string& message) {
    FileCloser tty{::open("/dev/tty", O_WRONLY | O_CLOEXEC)};
    if (tty.fd >= 0) {
        [[maybe_unused]] auto written = ::write(tty.fd, message.data(), message.size());
    }
}

} // namespace

SecretBuffer read_passphrase_file(const std::string& path) {
    if (path == "-") { // the first line of stdin, e.g. from a password manager's pipe
        SecretBuffer passphrase = read_line(STDIN_FILENO);
        if (passphrase.empty()) {
            throw Error(ErrorKind::invalid_data, "standard input gave an empty passphrase.");
        }
        return passphrase;
    }
    FileCloser file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) {
        throw Error(ErrorKind::io, fmt::format("cannot read the passphrase file {}: {}.", path,
                                               std::strerror(errno)));
    }
    struct stat info {};
    if (::fstat(file.fd, &info) == 0 && (info.st_mode & 077) != 0) {
        throw Error(ErrorKind::privacy,
                    fmt::format("the passphrase file {} can be read by other users (mode {:o}); "
                                "run `chmod 600 {}` first. It was not used.",
                                path, info.st_mode & 0777, path));
    }
    SecretBuffer passphrase = read_line(file.fd);
    if (passphrase.empty()) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the passphrase file {} has an empty first line; the passphrase "
                                "is its first line.",
                                path));
    }
    return passphrase;
}

bool can_prompt() {
    if (::isatty(STDIN_FILENO) != 1) {
        return false;
    }
    FileCloser tty{::open("/dev/tty", O_RDWR | O_CLOEXEC)};
    return tty.fd >= 0;
}

SecretBuffer prompt_passphrase(const std::string& prompt) {
    FileCloser tty{can_prompt() ? ::open("/dev/tty", O_RDWR | O_CLOEXEC) : -1};
    if (tty.fd < 0) {
        throw Error(ErrorKind::privacy, "no terminal to type the passphrase on; give "
                                        "--passphrase-file PATH (or PEERLOG_PASSPHRASE_FILE).");
    }
    termios saved{};
    bool restore = ::tcgetattr(tty.fd, &saved) == 0;
    if (restore) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        ::tcsetattr(tty.fd, TCSAFLUSH, &quiet);
    }
    [[maybe_unused]] auto written = ::write(tty.fd, prompt.data(), prompt.size());
    SecretBuffer passphrase = read_line(tty.fd);
    if (restore) {
        ::tcsetattr(tty.fd, TCSAFLUSH, &saved);
    }
    return passphrase;
}

SecretBuffer new_passphrase(const std::string& file, const std::string& what) {
    if (!file.empty()) {
        SecretBuffer passphrase = read_passphrase_file(file);
        check_new_passphrase(passphrase); // before init creates anything
        return passphrase;
    }
    // On the terminal a too short or mistyped passphrase is asked again, up to k_prompt_attempts.
    for (int attempt = 1;; ++attempt) {
        try {
            SecretBuffer first = prompt_passphrase(fmt::format("{}: ", what));
            check_new_passphrase(first);
            SecretBuffer again = prompt_passphrase(fmt::format("{} (again): ", what));
            if (first.size() != again.size() ||
                sodium_memcmp(first.data(), again.data(), first.size()) != 0) {
                throw Error(ErrorKind::invalid_data,
                            "the two passphrases differ; nothing was changed. Try again.");
            }
            return first;
        } catch (const Error& error) {
            if (error.kind() != ErrorKind::invalid_data || attempt >= k_prompt_attempts) {
                throw;
            }
            tell_terminal(
                fmt::format("{} ({} of {} attempts)\n", error.what(), attempt, k_prompt_attempts));
        }
    }
}

SecretBuffer unlock_passphrase(const GlobalOptions& options, int attempt, const char* prompt) {
    if (!options.passphrase_file.empty()) {
        return read_passphrase_file(options.passphrase_file);
    }
    if (!can_prompt()) {
        throw Error(ErrorKind::privacy,
                    "this journal is encrypted: reading its private text (notes, identities, "
                    "goals, comments) or changing a record needs the passphrase. Give "
                    "--passphrase-file PATH (or set PEERLOG_PASSPHRASE_FILE to its path) or run "
                    "peerlog on a terminal to type it.");
    }
    if (attempt > 1) {
        tell_terminal(fmt::format("That passphrase does not unlock the journal ({} of {} "
                                  "attempts).\n",
                                  attempt - 1, k_prompt_attempts));
    }
    return prompt_passphrase(prompt);
}

void use_passphrase_source(Journal& journal, const GlobalOptions& options, const char* prompt) {
    // A file or stdin gives the same passphrase again: only a terminal gets more attempts.
    bool typed = options.passphrase_file.empty() && can_prompt();
    auto asked = std::make_shared<int>(0);
    set_passphrase_source(
        journal, [&options, asked, prompt] { return unlock_passphrase(options, ++*asked, prompt); },
        typed ? k_prompt_attempts : 1);
}

} // namespace peerlog::cli
