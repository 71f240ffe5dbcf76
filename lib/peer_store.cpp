// Storing, finding and changing peers in the journal.
#include "peerlog/peer_store.hpp"

#include "journal_db.hpp"
#include "peerlog/error.hpp"
#include "row_codec.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace peerlog {
namespace {

constexpr const char* k_peer_columns =
    "id, code, pathway, stage, status, since, closed_on, referred_by";

Peer read_peer(SQLite::Statement& row) {
    Peer peer;
    peer.id = row.getColumn(0).getInt64();
    peer.code = row.getColumn(1).getString();
    if (!row.getColumn(2).isNull()) {
        peer.pathway = parse_pathway(row.getColumn(2).getString());
    }
    if (!row.getColumn(3).isNull()) {
        peer.stage = parse_stage(row.getColumn(3).getString());
    }
    peer.status = parse_peer_status(row.getColumn(4).getString());
    peer.since = stored_date(row.getColumn(5));
    peer.closed_on = stored_optional_date(row.getColumn(6));
    peer.referred_by = row.getColumn(7).getString();
    return peer;
}

void bind_optional_name(SQLite::Statement& statement, int index,
                        std::optional<std::string_view> name) {
    if (name) {
        statement.bind(index, std::string(*name));
    } else {
        statement.bind(index);
    }
}

template <class Enum> std::optional<std::string_view> name_or_null(std::optional<Enum> value) {
    return value ? std::optional<std::string_view>(to_string(*value)) : std::nullopt;
}

Error unknown_peer(std::string_view code) {
    return Error(ErrorKind::not_found,
                 fmt::format("no peer with code '{}' in the journal. Add one with `peerlog peer "
                             "add {}`, or see the codes with `peerlog peer list --all`.",
                             code, code));
}

std::optional<Peer> find_peer(SQLite::Database& db, std::string_view code) {
    SQLite::Statement query(db, fmt::format("SELECT {} FROM peer WHERE code = ?", k_peer_columns));
    query.bind(1, std::string(code));
    if (!query.executeStep()) {
        return std::nullopt;
    }
    return read_peer(query);
}

Peer require_peer(SQLite::Database& db, std::string_view code) {
    auto peer = find_peer(db, code);
    if (!peer) {
        throw unknown_peer(code);
    }
    return *peer;
}

void check_code_free(SQLite::Database& db, std::string_view code, std::int64_t own_id) {
    auto existing = find_peer(db, code);
    if (existing && existing->id != own_id) {
        throw Error(ErrorKind::conflict,
                    fmt::format("the code '{}' is already used by a peer (stored as '{}'). Pick "
                                "another code; codes compare without regard to case.",
                                code, existing->code));
    }
}

void store_peer(SQLite::Database& db, const Peer& peer) {
    SQLite::Statement update(db, "UPDATE peer SET code = ?, pathway = ?, stage = ?, status = ?, "
                                 "since = ?, closed_on = ?, referred_by = ?, updated_at = ? "
                                 "WHERE id = ?");
    update.bind(1, peer.code);
    bind_optional_name(update, 2, name_or_null(peer.pathway));
    bind_optional_name(update, 3, name_or_null(peer.stage));
    update.bind(4, std::string(to_string(peer.status)));
    bind_date(update, 5, peer.since);
    bind_date(update, 6, peer.closed_on);
    update.bind(7, peer.referred_by);
    update.bind(8, utc_timestamp());
    update.bind(9, peer.id);
    update.exec();
}

// Reads the peer, lets `change` modify it, validates and stores it, all in one transaction.
template <class Change> Peer change_peer(Journal& journal, std::string_view code, Change change) {
    Peer result;
    write_transaction(journal, [&](SQLite::Database& db) {
        result = require_peer(db, code);
        change(db, result);
        validate(result);
        store_peer(db, result);
    });
    return result;
}

// Each session a peer took part in: their own, and the group sessions they attended (a group
// session's minutes count once for each attendee's record).
constexpr const char* k_peer_contacts =
    "SELECT id, peer_id, date, minutes FROM session WHERE peer_id IS NOT NULL UNION ALL "
    "SELECT s.id, a.peer_id, s.date, s.minutes FROM session_attendee a JOIN session s ON "
    "s.id = a.session_id";

PeerOverview read_overview(SQLite::Statement& row) {
    PeerOverview overview{read_peer(row), row.getColumn(8).getInt64(), row.getColumn(9).getInt64(),
                          stored_optional_date(row.getColumn(10))};
    return overview;
}

std::string overview_query(std::string_view where) {
    return fmt::format("SELECT p.id, p.code, p.pathway, p.stage, p.status, p.since, p.closed_on, "
                       "p.referred_by, count(s.id), coalesce(sum(s.minutes), 0), max(s.date) "
                       "FROM peer p LEFT JOIN ({}) s ON s.peer_id = p.id {} "
                       "GROUP BY p.id ORDER BY p.code COLLATE NOCASE",
                       k_peer_contacts, where);
}

} // namespace

std::int64_t add_peer(Journal& journal, const Peer& peer) {
    validate(peer);
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        check_code_free(db, peer.code, 0);
        SQLite::Statement insert(db, "INSERT INTO peer (code, pathway, stage, status, since, "
                                     "closed_on, referred_by, created_at, updated_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        std::string now = utc_timestamp();
        insert.bind(1, peer.code);
        bind_optional_name(insert, 2, name_or_null(peer.pathway));
        bind_optional_name(insert, 3, name_or_null(peer.stage));
        insert.bind(4, std::string(to_string(peer.status)));
        bind_date(insert, 5, peer.since);
        bind_date(insert, 6, peer.closed_on);
        insert.bind(7, peer.referred_by);
        insert.bind(8, now);
        insert.bind(9, now);
        insert.exec();
        id = db.getLastInsertRowid();
    });
    return id;
}

Peer get_peer(Journal& journal, std::string_view code) {
    Peer peer;
    read_transaction(journal, [&](SQLite::Database& db) { peer = require_peer(db, code); });
    return peer;
}

Peer edit_peer(Journal& journal, std::string_view code, const PeerEdit& edit) {
    return change_peer(journal, code, [&](SQLite::Database& db, Peer& peer) {
        if (edit.code) {
            validate_peer_code(*edit.code);
            check_code_free(db, *edit.code, peer.id);
            peer.code = *edit.code;
        }
        peer.pathway = edit.pathway.value_or(peer.pathway);
        peer.stage = edit.stage.value_or(peer.stage);
        peer.since = edit.since.value_or(peer.since);
        peer.referred_by = edit.referred_by.value_or(peer.referred_by);
    });
}

Peer close_peer(Journal& journal, std::string_view code, Date date) {
    return change_peer(journal, code, [&](SQLite::Database&, Peer& peer) {
        if (peer.status == PeerStatus::closed) {
            throw Error(ErrorKind::conflict, fmt::format("peer '{}' was already closed on {}.",
                                                         peer.code, format_date(*peer.closed_on)));
        }
        peer.status = PeerStatus::closed;
        peer.closed_on = date;
    });
}

Peer pause_peer(Journal& journal, std::string_view code) {
    return change_peer(journal, code, [&](SQLite::Database&, Peer& peer) {
        if (peer.status != PeerStatus::active) {
            throw Error(ErrorKind::conflict,
                        fmt::format("peer '{}' is {}, not active; only an active peer can be "
                                    "paused.",
                                    peer.code, to_string(peer.status)));
        }
        peer.status = PeerStatus::paused;
    });
}

Peer reopen_peer(Journal& journal, std::string_view code) {
    return change_peer(journal, code, [&](SQLite::Database&, Peer& peer) {
        if (peer.status == PeerStatus::active) {
            throw Error(ErrorKind::conflict,
                        fmt::format("peer '{}' is already active.", peer.code));
        }
        peer.status = PeerStatus::active;
        peer.closed_on.reset();
    });
}

std::vector<PeerOverview> list_peers(Journal& journal, bool include_closed) {
    std::vector<PeerOverview> peers;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(db,
                                overview_query(include_closed ? "" : "WHERE p.status <> 'closed'"));
        while (query.executeStep()) {
            peers.push_back(read_overview(query));
        }
    });
    return peers;
}

PeerOverview peer_overview(Journal& journal, std::string_view code) {
    std::optional<PeerOverview> overview;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(db, overview_query("WHERE p.code = ?"));
        query.bind(1, std::string(code));
        if (query.executeStep()) {
            overview = read_overview(query);
        }
    });
    if (!overview) {
        throw unknown_peer(code);
    }
    return *overview;
}

} // namespace peerlog
