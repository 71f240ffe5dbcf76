// The journal's side of drafts, for the library's stores: its draft key pair, a peer's drafts.
#pragma once

#include "peerlog/draft.hpp"
#include "peerlog/journal.hpp"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <string_view>
#include <vector>

namespace peerlog {

/// Gives an encrypted journal its draft key pair, inside the caller's write transaction with the
/// journal unlocked: the public half in the clear (drafts are sealed to it without the
/// passphrase), the secret half sealed under the data key. Nothing when it has one.
void create_draft_key(Journal& journal, SQLite::Database& db);

/// Error(corrupt) unless the stored public half is the secret half's (a replaced public key
/// would seal drafts to someone else). Needs the journal unlocked; nothing when it has no pair.
void check_draft_key(Journal& journal);

/// This journal's drafts about the peer (and drafts of no journal): those that name its id, or
/// its code without an id (a code the journal did not know when the draft was kept).
std::vector<Draft> peer_drafts(SQLite::Database& db, std::int64_t peer_id, std::string_view code);

/// Deletes the drafts' files; returns how many were deleted (one that cannot be is left).
long long remove_drafts(const std::vector<Draft>& drafts);

} // namespace peerlog
