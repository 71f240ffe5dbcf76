// Storing, finding and changing peers in the journal.
#include "peerlog/peer_store.hpp"

#include "audit_log.hpp"
#include "backup_copies.hpp"
#include "disclosure_retention.hpp"
#include "draft_rows.hpp"
#include "journal_db.hpp"
#include "peer_rows.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/session.hpp"
#include "record_ids.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

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
    // The referral source as a listing shows it without the passphrase: sealed, "(encrypted)"
    // (peer_overview opens it).
    peer.referred_by = shown_without_key(stored_text(row.getColumn(7)));
    return peer;
}

// The referral source is typed text about the peer's past (a court, a hospital): sealed in an
// encrypted journal, with the peer's id as its address.
constexpr FieldAddress referral_source_address(std::int64_t peer_id) {
    return {"peer", "referred_by", peer_id};
}

// Writes the referral source inside the caller's transaction (the key loaded when sealed).
void store_referral_source(Journal& journal, SQLite::Database& db, std::int64_t peer_id,
                           const std::string& text) {
    SQLite::Statement update(db, "UPDATE peer SET referred_by = ? WHERE id = ?");
    bind_sensitive(journal, update, 1, referral_source_address(peer_id), text);
    update.bind(2, peer_id);
    update.exec();
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

// Binds the stored fields of a peer to parameters 1..6: code, pathway, stage, status, since,
// closed_on. The referral source is written apart (store_referral_source), sealed once the id
// is known.
void bind_peer_fields(SQLite::Statement& statement, const Peer& peer) {
    statement.bind(1, peer.code);
    bind_optional_name(statement, 2, name_or_null(peer.pathway));
    bind_optional_name(statement, 3, name_or_null(peer.stage));
    statement.bind(4, std::string(to_string(peer.status)));
    bind_date(statement, 5, peer.since);
    bind_date(statement, 6, peer.closed_on);
}

void store_peer(SQLite::Database& db, const Peer& peer) {
    SQLite::Statement update(db, "UPDATE peer SET code = ?, pathway = ?, stage = ?, status = ?, "
                                 "since = ?, closed_on = ?, updated_at = ? WHERE id = ?");
    bind_peer_fields(update, peer);
    update.bind(7, utc_timestamp());
    update.bind(8, peer.id);
    update.exec();
}

template <class Enum> std::string name_or_none(std::optional<Enum> value) {
    return value ? std::string(to_string(*value)) : "none";
}

std::string date_or_none(std::optional<Date> date) {
    return date ? format_date(*date) : "none";
}

// The fields that changed from `before` to `after`, for the audit trail: the new value of each
// coded field and date; only that the code and the referral source changed (the code is a
// pseudonym the trail never names, the referral source typed text).
std::string describe_change(const Peer& before, const Peer& after) {
    std::vector<std::string> changes;
    if (before.code != after.code) {
        changes.emplace_back("code changed");
    }
    if (before.pathway != after.pathway) {
        changes.push_back("pathway " + name_or_none(after.pathway));
    }
    if (before.stage != after.stage) {
        changes.push_back("stage " + name_or_none(after.stage));
    }
    if (before.status != after.status) {
        changes.push_back(fmt::format("status {}", to_string(after.status)));
    }
    if (before.since != after.since) {
        changes.push_back("since " + format_date(after.since));
    }
    if (before.closed_on != after.closed_on) {
        changes.push_back("closed_on " + date_or_none(after.closed_on));
    }
    if (before.referred_by != after.referred_by) {
        changes.emplace_back("referred_by changed");
    }
    return changes.empty() ? "nothing changed" : fmt::format("{}", fmt::join(changes, ", "));
}

// Reads the peer, lets `change` modify it, validates, stores and audits it as `action` (naming
// what changed), all in one transaction.
template <class Change>
Peer change_peer(Journal& journal, std::string_view code, std::string_view action, Change change) {
    Peer result;
    write_transaction(journal, [&](SQLite::Database& db) {
        result = require_peer(db, code);
        Peer before = result;
        change(db, result);
        validate(result);
        store_peer(db, result);
        append_audit(db, action, fmt::format("peer #{}", result.id),
                     describe_change(before, result));
    });
    return result;
}

// Each session a peer took part in: their own, and the group sessions they attended (a group
// session's minutes count once for each attendee's record).
constexpr const char* k_peer_contacts =
    "SELECT id, peer_id, date, minutes FROM session WHERE peer_id IS NOT NULL UNION ALL "
    "SELECT s.id, a.peer_id, s.date, s.minutes FROM session_attendee a JOIN session s ON "
    "s.id = a.session_id";

// The day of the peer's first contact (a session of their own or a group session attended).
std::optional<Date> first_contact(SQLite::Database& db, std::int64_t peer_id) {
    SQLite::Statement query(
        db, fmt::format("SELECT min(date) FROM ({}) WHERE peer_id = ?", k_peer_contacts));
    query.bind(1, peer_id);
    query.executeStep();
    return stored_optional_date(query.getColumn(0));
}

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

// Writes the given identity fields of a peer inside the caller's transaction (audited).
void store_identity(Journal& journal, SQLite::Database& db, std::int64_t peer_id,
                    const std::optional<std::string>& name,
                    const std::optional<std::string>& contact) {
    if (!name && !contact) {
        return;
    }
    SQLite::Statement ensure(db, "INSERT OR IGNORE INTO peer_identity (peer_id) VALUES (?)");
    ensure.bind(1, peer_id);
    ensure.exec();
    for (const auto& [column, value] : {std::pair{"name", name}, std::pair{"contact", contact}}) {
        if (!value) {
            continue;
        }
        SQLite::Statement update(
            db, fmt::format("UPDATE peer_identity SET {} = ? WHERE peer_id = ?", column));
        bind_sensitive(journal, update, 1, {"peer_identity", column, peer_id}, *value);
        update.bind(2, peer_id);
        update.exec();
    }
    append_audit(db, "peer.identity", fmt::format("peer #{}", peer_id), "identity fields changed");
}

// A peer is on the caseload from their first contact at the latest: a later `since` would take
// them out of the caseload of the months they were seen in.
void check_since_before_contact(SQLite::Database& db, const Peer& peer, Date since) {
    auto first = first_contact(db, peer.id);
    if (first && since > *first) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the start date (--since) {} is after peer {}'s first contact on "
                                "{}: give --since {} or an earlier day.",
                                format_date(since), peer.code, format_date(*first),
                                format_date(*first)));
    }
}

std::optional<std::string> given(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

} // namespace

std::int64_t add_peer(Journal& journal, const Peer& peer) {
    return add_peer(journal, peer, {});
}

std::int64_t add_peer(Journal& journal, const Peer& peer, const PeerIdentity& identity,
                      std::optional<Date> today) {
    validate(peer);
    if (today) {
        validate_since(peer.since, *today);
    }
    // Before the write lock.
    unlock_to_seal(journal, identity.name + identity.contact + peer.referred_by);
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        check_code_free(db, peer.code, 0);
        id = insert_peer_row(journal, db, peer, "added to the caseload");
        store_identity(journal, db, id, given(identity.name), given(identity.contact));
    });
    return id;
}

Peer get_peer(Journal& journal, std::string_view code) {
    Peer peer;
    read_transaction(journal, [&](SQLite::Database& db) { peer = require_peer(db, code); });
    return peer;
}

Peer edit_peer(Journal& journal, std::string_view code, const PeerEdit& edit,
               std::optional<Date> today) {
    if (edit.since && today) {
        validate_since(*edit.since, *today);
    }
    unlock_to_seal(journal, edit.name.value_or("") + edit.contact.value_or("") +
                                edit.referred_by.value_or(""));
    if (!edit.code && !edit.pathway && !edit.stage && !edit.since && !edit.referred_by) {
        Peer peer; // identity only: the pseudonymous record is unchanged
        write_transaction(journal, [&](SQLite::Database& db) {
            peer = require_peer(db, code);
            store_identity(journal, db, peer.id, edit.name, edit.contact);
        });
        return peer;
    }
    return change_peer(journal, code, "peer.edit", [&](SQLite::Database& db, Peer& peer) {
        if (edit.since) { // before a rename, so the message names the peer as the user did
            check_since_before_contact(db, peer, *edit.since);
            peer.since = *edit.since;
        }
        store_identity(journal, db, peer.id, edit.name, edit.contact);
        if (edit.code) {
            validate_peer_code(*edit.code);
            check_code_free(db, *edit.code, peer.id);
            peer.code = *edit.code;
        }
        peer.pathway = edit.pathway.value_or(peer.pathway);
        peer.stage = edit.stage.value_or(peer.stage);
        if (edit.referred_by) {
            peer.referred_by = *edit.referred_by;
            store_referral_source(journal, db, peer.id, peer.referred_by);
        }
    });
}

Peer close_peer(Journal& journal, std::string_view code, Date date, std::optional<Date> today) {
    if (today && date > *today) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the closing date {} is in the future (today is {}): close the "
                                "record on the day it closes.",
                                format_date(date), format_date(*today)));
    }
    return change_peer(journal, code, "peer.close", [&](SQLite::Database&, Peer& peer) {
        if (peer.status == PeerStatus::closed) {
            throw Error(ErrorKind::conflict, fmt::format("peer '{}' was already closed on {}.",
                                                         peer.code, format_date(*peer.closed_on)));
        }
        peer.status = PeerStatus::closed;
        peer.closed_on = date;
    });
}

Peer pause_peer(Journal& journal, std::string_view code) {
    return change_peer(journal, code, "peer.pause", [&](SQLite::Database&, Peer& peer) {
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
    return change_peer(journal, code, "peer.reopen", [&](SQLite::Database&, Peer& peer) {
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
    StoredText referral_source;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(db, overview_query("WHERE p.code = ?"));
        query.bind(1, std::string(code));
        if (query.executeStep()) {
            overview = read_overview(query);
            referral_source = stored_text(query.getColumn(7));
        }
    });
    if (!overview) {
        throw unknown_peer(code);
    }
    // Opened after the read, so a passphrase prompt never holds a transaction open.
    overview->peer.referred_by =
        reveal_stored(journal, referral_source_address(overview->peer.id), referral_source);
    return *overview;
}

void set_identity(Journal& journal, std::string_view code, const std::optional<std::string>& name,
                  const std::optional<std::string>& contact) {
    PeerEdit edit;
    edit.name = name;
    edit.contact = contact;
    edit_peer(journal, code, edit);
}

PeerIdentity get_identity(Journal& journal, std::string_view code) {
    PeerIdentity identity;
    std::int64_t peer_id = 0;
    std::string stored_name, stored_contact;
    read_transaction(journal, [&](SQLite::Database& db) {
        peer_id = require_peer(db, code).id;
        SQLite::Statement query(db, "SELECT name, contact FROM peer_identity WHERE peer_id = ?");
        query.bind(1, peer_id);
        if (query.executeStep()) {
            stored_name = query.getColumn(0).getString();
            stored_contact = query.getColumn(1).getString();
        }
    });
    identity.name = reveal_sensitive(journal, {"peer_identity", "name", peer_id}, stored_name);
    identity.contact =
        reveal_sensitive(journal, {"peer_identity", "contact", peer_id}, stored_contact);
    return identity;
}

namespace {

// The rows a peer owns, each counted in a ForgetResult field: forget deletes them and
// preview_forget counts them, from this one list. In deletion order: a peer's place in a group
// session goes before its own sessions; session_flag, session_goal and session_review rows go
// with their sessions (ON DELETE CASCADE).
struct OwnedRows {
    const char* table;
    long long ForgetResult::*count;
};
constexpr OwnedRows k_owned_rows[] = {
    {"consent", &ForgetResult::consents},
    {"goal", &ForgetResult::goals},
    {"referral", &ForgetResult::referrals},
    {"assessment", &ForgetResult::assessments},
    {"session_attendee", &ForgetResult::group_sessions},
    {"session", &ForgetResult::sessions},
};

// When the peer's first record was written (UTC): the backups taken since may hold them.
std::string first_record_at(SQLite::Database& db, std::int64_t peer_id) {
    SQLite::Statement query(db, "SELECT created_at FROM peer WHERE id = ?");
    query.bind(1, peer_id);
    query.executeStep();
    return query.getColumn(0).getString();
}

// Deletes everything about the peer and redacts the events about it, inside the caller's
// transaction; the forget event names the code alone and says `why`. The peer's drafts are
// found here (counted in the event) and put in `drafts`, deleted once the transaction commits.
ForgetResult forget_in(Journal& journal, SQLite::Database& db, const Peer& peer,
                       std::string_view why, std::vector<Draft>& drafts) {
    ForgetResult result;
    result.peer_code = peer.code;
    std::vector<Draft> peers_drafts = peer_drafts(db, peer.id, peer.code);
    result.drafts = static_cast<long long>(peers_drafts.size());
    drafts.insert(drafts.end(), peers_drafts.begin(), peers_drafts.end());
    auto remove = [&](const std::string& sql) {
        SQLite::Statement statement(db, sql);
        statement.bind(1, peer.id);
        return statement.exec();
    };
    // First, while disclosure_peer and session_attendee still name the peer's disclosures and
    // group sessions: the records it changes or deletes, and the events about them.
    std::vector<std::string> touched = records_of_peer(db, peer.id, peer.code);
    long long redacted_before = redacted_state_events(db);
    result.redacted_events = redact_peer_events(db, peer.id, peer.code);
    // A session (of any peer or group) may be linked to one of the peer's goals: unlink it.
    remove("DELETE FROM session_goal WHERE goal_id IN (SELECT id FROM goal WHERE peer_id = ?)");
    // The peer still came to each group session they are taken off: they count as unnamed
    // there, so its headcount (and attendance figures) stay true. Capped at the schema's limit
    // (k_max_unnamed_attendees, 10000): a session already at it undercounts by one rather than
    // making every forget (and every purge) of its attendees fail the CHECK.
    remove(fmt::format("UPDATE session SET unnamed_count = min(unnamed_count + 1, {}) WHERE id IN "
                       "(SELECT session_id FROM session_attendee WHERE peer_id = ?)",
                       k_max_unnamed_attendees));
    result.backups = backup_copies_since(db, first_record_at(db, peer.id));
    for (const auto& owned : k_owned_rows) {
        result.*owned.count = remove(fmt::format("DELETE FROM {} WHERE peer_id = ?", owned.table));
    }
    remove("DELETE FROM peer_identity WHERE peer_id = ?");
    remove("DELETE FROM peer WHERE id = ?");
    // The accounting of disclosures is kept for its retention period (HIPAA): each disclosure
    // that included the peer keeps its row, without their code or id.
    result.disclosures = forget_in_accounting(journal, db, peer.id, peer.code);
    // Each record still stored gets an event with its new state (a group session's headcount, a
    // disclosure's peers); the event of the forget commits to how many it deleted and redacted.
    ForgetSeal seal = seal_forgotten_records(db, touched);
    result.redacted_events += seal.events_redacted;
    // Neither the code nor the internal id: the code is the peer's pseudonym, and the id would
    // tie the event to the redacted ones.
    append_forget_audit(db, "peer.forget", k_forgotten_peer,
                        fmt::format("{}: {}", why, describe(result)), seal.records_deleted,
                        redacted_state_events(db) - redacted_before);
    mark_scrub_pending(db); // committed with the deletion; scrub_deleted clears it
    return result;
}

} // namespace

std::string describe(const ForgetResult& result) {
    std::string kept = result.disclosures > 0
                           ? fmt::format("; kept in the accounting of {} as a forgotten peer",
                                         counted(result.disclosures, "disclosure"))
                           : "";
    std::string drafts =
        result.drafts > 0 ? fmt::format("; {} deleted", counted(result.drafts, "draft")) : "";
    return fmt::format("{}, {}, {}, {} and {} deleted; removed from {}{}; {} redacted{}{}",
                       counted(result.sessions, "session"), counted(result.consents, "consent"),
                       counted(result.goals, "goal"), counted(result.referrals, "referral"),
                       counted(result.assessments, "assessment"),
                       counted(result.group_sessions, "group session"),
                       result.group_sessions > 0 ? " (now counted there as unnamed)" : "",
                       counted(result.redacted_events, "audit event"), kept, drafts);
}

ForgetResult forget_peer(Journal& journal, std::string_view code) {
    ForgetResult result;
    std::vector<Draft> drafts;
    write_transaction(journal, [&](SQLite::Database& db) {
        result = forget_in(journal, db, require_peer(db, code), "forgotten on request", drafts);
    });
    result.scrub = scrub_deleted(journal, ReaderWait::busy_timeout);
    remove_drafts(drafts);
    return result;
}

namespace {

// The backups that may hold any of `peers`: those taken since the first one's first record.
std::vector<BackupCopy> backups_holding(SQLite::Database& db, const std::vector<Peer>& peers) {
    std::string earliest;
    for (const Peer& peer : peers) {
        std::string at = first_record_at(db, peer.id);
        earliest = earliest.empty() ? at : std::min(earliest, at);
    }
    return peers.empty() ? std::vector<BackupCopy>{} : backup_copies_since(db, earliest);
}

std::vector<Peer> closed_before(SQLite::Database& db, Date day) {
    std::vector<Peer> peers;
    SQLite::Statement query(db, fmt::format("SELECT {} FROM peer WHERE status = 'closed' AND "
                                            "closed_on < ? ORDER BY closed_on, code",
                                            k_peer_columns));
    bind_date(query, 1, day);
    while (query.executeStep()) {
        peers.push_back(read_peer(query));
    }
    return peers;
}

} // namespace

PurgeResult purge_closed_before(Journal& journal, const PurgeCutoffs& cutoffs,
                                std::vector<std::string> confirmed_codes) {
    PurgeResult result;
    std::string why =
        fmt::format("purged by retention (closed before {})", format_date(cutoffs.closed_before));
    std::sort(confirmed_codes.begin(), confirmed_codes.end());
    std::vector<Draft> drafts;
    write_transaction(journal, [&](SQLite::Database& db) {
        std::vector<Peer> peers = closed_before(db, cutoffs.closed_before);
        std::vector<std::string> codes;
        for (const Peer& peer : peers) {
            codes.push_back(peer.code);
        }
        std::sort(codes.begin(), codes.end());
        // A peer closed (or reopened, or renamed) since the list was shown must not be forgotten
        // unseen: the whole purge is refused.
        if (codes != confirmed_codes) {
            throw Error(ErrorKind::conflict,
                        fmt::format("the peers closed before {} changed since you were asked; "
                                    "nothing was forgotten: run purge again.",
                                    format_date(cutoffs.closed_before)));
        }
        result.backups = backups_holding(db, peers);
        for (Peer& peer : peers) {
            ForgetResult forgotten = forget_in(journal, db, peer, why, drafts);
            result.peers.push_back({std::move(peer), std::move(forgotten)});
        }
        result.disclosures_expired = expire_disclosures_before(
            db, cutoffs.disclosures_before,
            fmt::format("the accounting of disclosures is kept {}",
                        counted(cutoffs.disclosure_retention_years, "year")));
        if (result.disclosures_expired > 0) {
            mark_scrub_pending(db);
        }
    });
    if (!result.peers.empty() || result.disclosures_expired > 0) {
        result.scrub = scrub_deleted(journal, ReaderWait::busy_timeout);
    }
    remove_drafts(drafts);
    return result;
}

PurgeResult preview_purge(Journal& journal, const PurgeCutoffs& cutoffs) {
    PurgeResult result;
    read_transaction(journal, [&](SQLite::Database& db) {
        std::vector<Peer> peers = closed_before(db, cutoffs.closed_before);
        result.backups = backups_holding(db, peers);
        for (Peer& peer : peers) {
            ForgetResult preview; // only the drafts: the plan lists peers, not their records
            preview.drafts = static_cast<long long>(peer_drafts(db, peer.id, peer.code).size());
            result.peers.push_back({std::move(peer), std::move(preview)});
        }
        result.disclosures_expired = count_disclosures_before(db, cutoffs.disclosures_before);
    });
    return result;
}

PurgeCutoffs purge_cutoffs(const Config& config, Date today, std::optional<Date> closed_before) {
    PurgeCutoffs cutoffs;
    cutoffs.closed_before = closed_before.value_or(add_days(today, -365 * config.retention_years));
    cutoffs.disclosure_retention_years = config.disclosure_retention_years;
    cutoffs.disclosures_before = years_before(today, config.disclosure_retention_years);
    return cutoffs;
}

std::vector<Peer> peers_closed_before(Journal& journal, Date day) {
    std::vector<Peer> peers;
    read_transaction(journal, [&](SQLite::Database& db) { peers = closed_before(db, day); });
    return peers;
}

std::optional<Peer> find_peer_row(SQLite::Database& db, std::string_view code) {
    return find_peer(db, code);
}

PeerRowFinder::PeerRowFinder(SQLite::Database& db)
    : m_query(db, fmt::format("SELECT {} FROM peer WHERE code = ?", k_peer_columns)) {}

std::optional<Peer> PeerRowFinder::find(std::string_view code) {
    m_query.reset();
    m_query.bind(1, std::string(code));
    if (!m_query.executeStep()) {
        return std::nullopt;
    }
    return read_peer(m_query);
}

std::int64_t insert_peer_row(Journal& journal, SQLite::Database& db, const Peer& peer,
                             std::string_view how) {
    // The id explicitly, past every id ever deleted: one is never reused.
    SQLite::Statement insert(db, fmt::format("INSERT INTO peer (id, code, pathway, stage, status, "
                                             "since, closed_on, created_at, updated_at) VALUES "
                                             "({}, ?, ?, ?, ?, ?, ?, ?, ?)",
                                             next_id_sql(NumberedTable::peer)));
    std::string now = utc_timestamp();
    bind_peer_fields(insert, peer);
    insert.bind(7, now);
    insert.bind(8, now);
    insert.exec();
    std::int64_t id = db.getLastInsertRowid();
    if (!peer.referred_by.empty()) {
        store_referral_source(journal, db, id, peer.referred_by);
    }
    append_audit(db, "peer.add", fmt::format("peer #{}", id), how);
    return id;
}

ForgetResult preview_forget(Journal& journal, std::string_view code) {
    ForgetResult result;
    read_transaction(journal, [&](SQLite::Database& db) {
        Peer peer = require_peer(db, code);
        result.peer_code = peer.code;
        for (const auto& owned : k_owned_rows) {
            SQLite::Statement query(
                db, fmt::format("SELECT count(*) FROM {} WHERE peer_id = ?", owned.table));
            query.bind(1, peer.id);
            query.executeStep();
            result.*owned.count = query.getColumn(0).getInt64();
        }
        result.redacted_events = count_peer_events(db, peer.id, peer.code);
        result.disclosures = disclosures_of_peer(db, peer.id, peer.code);
        result.backups = backup_copies_since(db, first_record_at(db, peer.id));
        result.drafts = static_cast<long long>(peer_drafts(db, peer.id, peer.code).size());
    });
    return result;
}

} // namespace peerlog
