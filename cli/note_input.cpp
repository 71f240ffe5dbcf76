// Getting a session note from the user without ever losing it.
#include "note_input.hpp"

#include "peerlog/draft.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"
#include "peerlog/scratch.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace peerlog::cli {
namespace fs = std::filesystem;
namespace {

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The note without comment lines and surrounding blank space.
std::string strip_comments(const std::string& text) {
    std::istringstream lines(text);
    std::string line, kept;
    while (std::getline(lines, line)) {
        if (!line.starts_with("#")) {
            kept += line + "\n";
        }
    }
    auto first = kept.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return "";
    }
    return kept.substr(first, kept.find_last_not_of(" \t\r\n") - first + 1);
}

// Runs the user's editor through the shell, so VISUAL="code --wait" works; the file name is
// passed as an argument, never pasted into the command. While it runs, ^C and ^\ belong to the
// editor (as git and system() do it): peerlog ignores them, so a ^C in vi does not end peerlog
// behind the editor's back. SIGTERM and SIGHUP still end peerlog, removing the note file.
int run_editor(const fs::path& file) {
    const char* visual = std::getenv("VISUAL");
    const char* editor = std::getenv("EDITOR");
    std::string command = visual && *visual ? visual : editor && *editor ? editor : "vi";
    struct sigaction ignore {
    }, saved_interrupt{}, saved_quit{};
    ignore.sa_handler = SIG_IGN;
    ::sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGINT, &ignore, &saved_interrupt);
    ::sigaction(SIGQUIT, &ignore, &saved_quit);
    pid_t child = ::fork();
    if (child == 0) {
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGQUIT, SIG_DFL);
        std::string script = command + " \"$1\"";
        ::execl("/bin/sh", "sh", "-c", script.c_str(), "sh", file.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    bool waited = child > 0;
    while (waited && ::waitpid(child, &status, 0) < 0) {
        waited = errno == EINTR;
    }
    ::sigaction(SIGINT, &saved_interrupt, nullptr);
    ::sigaction(SIGQUIT, &saved_quit, nullptr);
    if (!waited) {
        return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

std::string read_standard_input() {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

std::string edit_in_editor(const std::string& header, const std::string& initial,
                           const DraftTarget& target) {
    // A private directory of its own: removed, with the note, when peerlog ends, even by
    // SIGTERM or SIGHUP; the names common editors keep beside a file go with it on a signal.
    ScratchDirectory scratch("peerlog-note");
    fs::path file = scratch.file("note.txt");
    for (const char* beside : {".note.txt.swp", ".note.txt.swx", "note.txt~", "#note.txt#"}) {
        scratch.file(beside);
    }
    write_new_private_file(file, header + initial);
    int status = run_editor(file);
    std::string text = strip_comments(read_file(file));
    if (status != 0) {
        std::string where = text.empty() ? "" : " " + keep_as_draft(text, k_session_note, target);
        throw Error(
            ErrorKind::cancelled,
            fmt::format("the editor exited with status {}; nothing was saved.{}", status, where));
    }
    return text;
}

void unlock_before_editor(Journal& journal) {
    if (encrypted(journal)) {
        unlock_with_source(journal);
    }
}

const TextFlag* text_flag_of(std::string_view command) {
    if (command == "peerlog session add" || command == "peerlog session edit") {
        return &k_session_note;
    }
    if (command == "peerlog checkin add" || command == "peerlog checkin edit") {
        return &k_checkin_note;
    }
    if (command == "peerlog session review") {
        return &k_review_comment;
    }
    return nullptr;
}

std::string keep_as_draft(const std::string& text, const TextFlag& flag,
                          const DraftTarget& target) {
    std::string noun = flag.name.substr(flag.name.find_first_not_of('-'));
    std::filesystem::path draft;
    bool sealed = false;
    try {
        // Sealed to an encrypted journal's draft key, which needs no passphrase: a wrong one
        // leaves no plaintext anywhere.
        DraftContext how = draft_context(target.context.journal_path(), flag.kind, target.subject);
        sealed = !how.seal_key.empty();
        draft = save_draft(text, how);
    } catch (const Error& draft_error) {
        // The disk that refused the journal may refuse the draft too: say so.
        return fmt::format("Your {} could not be kept as a draft either ({}); it is only where "
                           "you typed or piped it from.",
                           noun, draft_error.what());
    }
    std::string id = draft.stem().string();
    if (sealed) {
        return fmt::format("Your {} was kept in {}, sealed: only the journal's passphrase opens "
                           "it (`peerlog draft show {}`; `peerlog draft rm {}` deletes it once it "
                           "is saved); once the problem is fixed, add it with {} \"$(peerlog "
                           "draft show {})\"",
                           noun, draft.string(), id, id, flag.name, id);
    }
    std::string give_back = flag.reads_stdin
                                ? fmt::format("{} - < {}", flag.name, draft.string())
                                : fmt::format("{} \"$(cat {})\"", flag.name, draft.string());
    // The journal is not encrypted, so neither is the draft: a private file, to delete once saved.
    return fmt::format("Your {} was kept in {} (a private file, not encrypted, like the journal: "
                       "`peerlog draft rm {}` deletes it once it is saved); once the problem is "
                       "fixed, add it with {}",
                       noun, draft.string(), id, give_back);
}

std::string typed_on_command_line(const TextFlag& flag, const std::vector<std::string>& args,
                                  const std::vector<std::string>& misspellings) {
    std::vector<std::string> names = misspellings;
    names.push_back(flag.name);
    std::vector<std::string> values;
    for (std::size_t i = 0; i < args.size(); ++i) {
        for (const auto& name : names) {
            if (args[i] == name && i + 1 < args.size()) {
                values.push_back(args[++i]);
                break;
            }
            if (args[i].starts_with(name + "=")) {
                values.push_back(args[i].substr(name.size() + 1));
                break;
            }
        }
    }
    std::string text;
    bool stdin_read = false;
    for (std::string value : values) {
        if (value == "-" && flag.reads_stdin) {
            if (stdin_read || ::isatty(STDIN_FILENO) == 1) {
                continue; // a terminal: nothing was piped, and reading would wait for typing
            }
            stdin_read = true;
            value = read_standard_input();
            value.erase(value.find_last_not_of("\r\n") + 1);
        }
        if (!value.empty()) {
            text += (text.empty() ? "" : "\n\n") + value;
        }
    }
    return text;
}

} // namespace peerlog::cli
