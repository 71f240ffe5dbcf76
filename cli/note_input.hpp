// Getting a session note from the user without ever losing it: argument, stdin or editor.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "context.hpp"
#include "peerlog/draft_store.hpp"
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

/// The flag that takes a piece of free text ("--note", "--comment"), whether `-` after it means
/// stdin, and the kind of draft its text is kept as.
struct TextFlag {
    std::string name;
    bool reads_stdin = false;
    DraftKind kind = DraftKind::session_note;
};

inline const TextFlag k_session_note{"--note", true, DraftKind::session_note}; ///< `-` is stdin
inline const TextFlag k_checkin_note{"--note", false, DraftKind::checkin_note};
inline const TextFlag k_review_comment{"--comment", false, DraftKind::review_comment};

/// Where a draft of typed text goes: the journal it was meant for (read to seal the draft when
/// it is encrypted) and whom the text is about (so `peer forget` deletes it).
struct DraftTarget {
    Context& context;
    DraftSubject subject;
};

/// Opens $VISUAL or $EDITOR (else vi) on a private temporary file holding `initial` under a
/// commented `header`; returns the text with '#' lines removed and trimmed. Throws
/// Error(cancelled) when the editor fails, after keeping what was typed as a draft for `target`.
std::string edit_in_editor(const std::string& header, const std::string& initial,
                           const DraftTarget& target);

/// Asks an encrypted journal's passphrase now (as every command asks it), before the editor
/// opens: a wrong one then costs no typing. Nothing for a plain journal.
void unlock_before_editor(Journal& journal);

/// The free-text flag of a command by its full name ("peerlog session add"), or nullptr.
const TextFlag* text_flag_of(std::string_view command);

/// Keeps `text` as a draft for `target` (sealed for an encrypted journal) and returns the
/// sentence to add to an error: where the draft is and how to give it back with `flag`, or,
/// when even the draft cannot be kept, that it could not be and why.
std::string keep_as_draft(const std::string& text, const TextFlag& flag, const DraftTarget& target);

/// What was typed for `flag` on a command line CLI11 refused (`--note TEXT`, `--note=TEXT`, each
/// time it is given, also as one of the `misspellings`): `-` reads stdin when the flag reads it
/// and stdin is not a terminal. "" when nothing was typed.
std::string typed_on_command_line(const TextFlag& flag, const std::vector<std::string>& args,
                                  const std::vector<std::string>& misspellings = {});

/// Runs `save`; if it fails once the user gave some text (typed, piped or as an argument),
/// keeps the text in a draft for `target` and says where, with the same error kind (and so
/// exit code). `note` may be filled while `save` runs (the editor).
template <class Save>
void keeping_note(const NoteInput& note, Save save, const TextFlag& flag,
                  const DraftTarget& target) {
    try {
        save();
    } catch (const Error& error) {
        if (note.source == NoteSource::none || note.text.empty()) {
            throw;
        }
        throw Error(error.kind(),
                    std::string(error.what()) + "\n" + keep_as_draft(note.text, flag, target));
    }
}

} // namespace peerlog::cli
