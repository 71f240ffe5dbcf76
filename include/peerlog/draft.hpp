// Drafts: text the user typed that could not be saved, kept in private files so it is never lost.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// Which text a draft holds.
enum class DraftKind { session_note, checkin_note, review_comment };

/// "session note", "check-in note", "review comment".
std::string_view to_string(DraftKind kind);
/// The inverse of to_string; Error(invalid_data) for another name.
DraftKind parse_draft_kind(std::string_view text);

/// A peer a draft is about: the code (as stored, or as typed when the journal had no such
/// peer) and the peer's id when the journal knew it.
struct DraftPeer {
    std::string code;
    std::optional<std::int64_t> id;
};

/// How a new draft is kept: what it is, whom it is about, which journal it belongs to and, for
/// an encrypted journal, the public key it is sealed to.
struct DraftContext {
    DraftKind kind = DraftKind::session_note;
    std::vector<DraftPeer> peers;
    std::string journal_id; ///< the journal's draft_key.journal_id; empty when there is none
    std::string seal_key;   ///< the journal's draft public key; empty: the draft is plain text
};

/// A draft as draft list shows it: everything but its text.
struct Draft {
    std::string id;      ///< the file name without its extension, e.g. note-20261118-143000-4242
    std::string created; ///< UTC timestamp ("" for a draft of an earlier peerlog)
    DraftKind kind = DraftKind::session_note;
    std::vector<DraftPeer> peers;
    std::string journal_id; ///< "" for a draft of an earlier peerlog or made with no journal
    bool sealed = false;
    std::filesystem::path text_file;  ///< the text: plain (.txt) or sealed (.sealed)
    std::filesystem::path about_file; ///< what it is, whom it is about (.json; may be absent)
};

/// $XDG_STATE_HOME/peerlog/drafts, or ~/.local/state/peerlog/drafts when it is unset.
std::filesystem::path drafts_directory();

/// Saves `text` as a plain draft tied to no journal and returns its text file's path.
std::filesystem::path save_draft(const std::string& text);

/// Saves `text` as a new draft in drafts_directory() (created 0700): a private (0600) text file,
/// sealed to `context.seal_key` (crypto_box_seal) when it is set, and beside it a private .json
/// file saying what it is, whom it is about and for which journal (never the text). Returns the
/// text file's path. Throws Error(io) when it cannot be written; no half of it is left behind.
std::filesystem::path save_draft(const std::string& text, const DraftContext& context);

/// Creates `path` (which must not exist) with mode 0600 and writes `text` into it, through
/// OutputFile: the file appears only whole. Throws Error(io) when it cannot (Error(conflict) when
/// it exists); nothing half written is ever left.
void write_new_private_file(const std::filesystem::path& path, const std::string& text);

/// Every draft in drafts_directory(), oldest first (by id).
std::vector<Draft> list_draft_files();

/// The draft named `id`. Error(not_found) when there is none.
Draft find_draft_file(std::string_view id);

/// The bytes of a draft's text file (sealed bytes for a sealed draft).
std::string read_draft_text_file(const Draft& draft);

/// Deletes a draft's files. Error(io) when its text file cannot be deleted.
void remove_draft_files(const Draft& draft);

} // namespace peerlog
