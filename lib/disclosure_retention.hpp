// What of the accounting of disclosures outlives a forget, and for how long: inside the
// caller's transaction.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <string_view>

namespace peerlog {

/// How many disclosures included the peer (by id, or by code in a row of an older peerlog).
long long disclosures_of_peer(SQLite::Database& db, std::int64_t peer_id, std::string_view code);

/// Takes the peer's identity out of its rows of the accounting of disclosures: each row stays
/// (the disclosure's date, recipient, purpose, what was disclosed, and how many people,
/// HIPAA 45 CFR 164.528) with neither the peer's code nor its id, so it is shown as "a
/// forgotten peer". In an encrypted journal (unlocked) the peer's sealed purposes are resealed
/// under the row's new address. Returns how many disclosures included the peer. Call after
/// redact_peer_events, which finds the disclosures' events through these rows.
long long forget_in_accounting(Journal& journal, SQLite::Database& db, std::int64_t peer_id,
                               std::string_view code);

/// How many disclosures were made before `cutoff` (UTC day).
long long count_disclosures_before(SQLite::Database& db, Date cutoff);

/// Deletes the disclosures made before `cutoff` (their rows go by cascade), appending one
/// "disclosure.expire" audit event that counts them and says `why`; returns how many.
long long expire_disclosures_before(SQLite::Database& db, Date cutoff, std::string_view why);

} // namespace peerlog
