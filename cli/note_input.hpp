// Getting a session note from the user without ever losing it: argument, stdin or editor.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "peerlog/error.hpp"

namespace peerlog::cli {

/// Where a note came from; only typed-in notes (stdin, editor) need a draft when saving fails.
enum class NoteSource { none, argument, standard_input, editor };

struct NoteInput {
    std::string text;
    NoteSource source = NoteSource::none;
};

/// Reads all of stdin (for `--note -`).
std::string read_standard_input();

/// Opens $VISUAL or $EDITOR (else vi) on a private temporary file holding `initial` under a
/// commented `header`; returns the text with '#' lines removed and trimmed. Throws
/// Error(cancelled) when the editor fails, after saving what was typed as a draft.
std::string edit_in_editor(const std::string& header, const std::string& initial);

/// The flag that takes a piece of free text ("--note", "--comment") and whether `-` after it
/// means stdin; a draft of that text is given back with it.
struct TextFlag {
    std::string name;
    bool reads_stdin = false;
};

inline const TextFlag k_session_note{"--note", true};       ///< session add|edit: `-` is stdin
inline const TextFlag k_checkin_note{"--note", false};      ///< checkin add
inline const TextFlag k_review_comment{"--comment", false}; ///< session review

/// The free-text flag of a command by its full name ("peerlog session add"), or nullptr.
const TextFlag* text_flag_of(std::string_view command);

/// Keeps `text` as a draft and returns the sentence to add to an error: where the draft is and
/// how to give it back with `flag`, or, when even the draft cannot be written, that it could
/// not be kept.
std::string keep_as_draft(const std::string& text, const TextFlag& flag);

/// What was typed for `flag` on a command line CLI11 refused (`--note TEXT`, `--note=TEXT`, each
/// time it is given, also as one of the `misspellings`): `-` reads stdin when the flag reads it
/// and stdin is not a terminal. "" when nothing was typed.
std::string typed_on_command_line(const TextFlag& flag, const std::vector<std::string>& args,
                                  const std::vector<std::string>& misspellings = {});

/// Runs `save`; if it fails once the user gave some text (typed, piped or as an argument),
/// keeps the text in a draft file and says where, with the same error kind (and so exit code).
/// `note` may be filled while `save` runs (the editor).
template <class Save>
void keeping_note(const NoteInput& note, Save save, const TextFlag& flag = k_session_note) {
    try {
        save();
    } catch (const Error& error) {
        if (note.source == NoteSource::none || note.text.empty()) {
            throw;
        }
        throw Error(error.kind(),
                    std::string(error.what()) + "\n" + keep_as_draft(note.text, flag));
    }
}

} // namespace peerlog::cli
