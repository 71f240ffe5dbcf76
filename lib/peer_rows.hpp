// Peer queries that run inside a transaction the caller already holds.
#pragma once

#include "peerlog/journal.hpp"
#include "peerlog/peer.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <optional>
#include <string_view>

namespace peerlog {

/// The peer with this code (case-insensitive), or nothing.
std::optional<Peer> find_peer_row(SQLite::Database& db, std::string_view code);

/// find_peer_row with its query prepared once, for the many lookups of one transaction (an
/// import naming 100k attendees).
class PeerRowFinder {
  public:
    explicit PeerRowFinder(SQLite::Database& db);
    std::optional<Peer> find(std::string_view code);

  private:
    SQLite::Statement m_query;
};

/// Inserts a peer (already validated, code free) on an open connection; returns its id. Its
/// referral source is sealed in an encrypted journal (load the key before the transaction).
std::int64_t insert_peer_row(Journal& journal, SQLite::Database& db, const Peer& peer,
                             std::string_view how = "imported");

} // namespace peerlog
