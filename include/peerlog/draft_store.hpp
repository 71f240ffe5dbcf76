// Drafts and their journal: how a draft is kept (sealed for an encrypted journal, even without
// its passphrase), which drafts are a journal's, and opening a sealed one with the passphrase.
#pragma once

#include "peerlog/draft.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/output_format.hpp"

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// Whom a draft is about, as the failed command named them: peer codes (--peer, --attendee)
/// and session ids (session edit, session review).
struct DraftSubject {
    std::vector<std::string> codes;
    std::vector<std::int64_t> session_ids;
};

/// How a draft of `kind` about `subject` is kept for the journal at `journal_path`, read
/// straight from the file (no passphrase, no migration, nothing written): the journal's id, its
/// draft public key when it is encrypted, and the peers (by id where the journal knows them).
/// Error(privacy) when the journal is encrypted but its draft cannot be sealed (no draft key
/// yet: an earlier peerlog's journal not unlocked since) or the file cannot be read to tell:
/// a note meant for an encrypted journal is never written in the clear. No journal at the path:
/// a plain draft of no journal.
DraftContext draft_context(const std::filesystem::path& journal_path, DraftKind kind,
                           const DraftSubject& subject);

/// The drafts of this journal, and those of no journal (an earlier peerlog's, or made with no
/// journal), oldest first. `others` (when given) is set to how many drafts of other journals
/// there are.
std::vector<Draft> list_drafts(Journal& journal, long long* others = nullptr);

/// The text of this journal's draft `id`: a sealed one opened with the journal's draft secret
/// key (so the passphrase is asked through its source). Error(not_found) for no such draft,
/// Error(conflict) for another journal's, Error(corrupt) for a sealed one that does not open.
std::string open_draft(Journal& journal, std::string_view id);

/// Deletes this journal's draft `id` (as open_draft finds it).
void delete_draft(Journal& journal, std::string_view id);

/// Renders drafts (never their text) as a table (ID, CREATED, KIND, PEERS, SEALED) or json.
void write_draft_list(std::ostream& out, const std::vector<Draft>& drafts, OutputFormat format,
                      const RenderStyle& style);

} // namespace peerlog
