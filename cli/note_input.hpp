// Getting a session note from the user without ever losing it: argument, stdin or editor.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

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

/// Saves `text` to a new private draft file under $XDG_STATE_HOME/peerlog/drafts and returns
/// its path.
std::filesystem::path save_draft(const std::string& text);

} // namespace peerlog::cli
