// Storing, finding and changing sessions in the journal.
#include "peerlog/session_store.hpp"

#include "audit_log.hpp"
#include "journal_db.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"
#include "peerlog/peer_store.hpp"
#include "record_ids.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"
#include "session_rows.hpp"
#include "text_util.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <stdexcept>

namespace peerlog {
namespace {

// Group sessions have no peer; their attendees and goals come as comma lists, code order.
constexpr const char* k_session_select =
    "SELECT s.id, coalesce(p.code, ''), s.date, s.start_time, s.minutes, s.modality, s.setting, "
    "s.support_mask, s.note, s.disclosure, s.follow_up, s.disclosed, s.gift_direction, "
    "s.gift_value, s.money, s.transport, s.social_media, s.dual_relationship, "
    "(SELECT group_concat(f.rule) FROM session_flag f WHERE f.session_id = s.id), "
    "coalesce(g.name, ''), s.unnamed_count, "
    "(SELECT group_concat(code, ',') FROM (SELECT ap.code FROM session_attendee a JOIN peer ap "
    "ON ap.id = a.peer_id WHERE a.session_id = s.id ORDER BY ap.code COLLATE NOCASE)), "
    "(SELECT group_concat(goal_id, ',') FROM (SELECT goal_id FROM session_goal WHERE "
    "session_id = s.id ORDER BY goal_id)), "
    "EXISTS (SELECT 1 FROM session_review r WHERE r.session_id = s.id AND r.stale = 0) "
    "FROM session s LEFT JOIN peer p ON p.id = s.peer_id LEFT JOIN peer_group g "
    "ON g.id = s.group_id";

// A listing's order: by day, then start time (sessions without one last), then id.
constexpr const char* k_session_order =
    " ORDER BY s.date, s.start_time IS NULL, s.start_time, s.id";

// A comma list column (NULL when the list is empty).
std::vector<std::string> stored_list(const SQLite::Column& column) {
    return column.isNull() ? std::vector<std::string>{} : split(column.getString(), ',');
}

// A session as read, before its private text is revealed: which text columns hold sealed bytes.
// Text in the clear reads as it is: a plain journal, or a disclosure purpose or dual relationship
// written by a peerlog that did not seal them yet.
struct StoredSession {
    Session session;
    bool note_opened = false; ///< session.note holds the note's text already (a search opened it)
    bool disclosure_sealed = false;
    bool dual_relationship_sealed = false;
    std::vector<StoredText> override_reasons; ///< of session.flags, in order, as stored
};

StoredSession read_stored_session(SQLite::Statement& row) {
    StoredSession stored;
    Session& session = stored.session;
    session.id = row.getColumn(0).getInt64();
    session.peer_code = row.getColumn(1).getString();
    session.date = stored_date(row.getColumn(2));
    session.start = stored_optional_time(row.getColumn(3));
    session.minutes = row.getColumn(4).getInt();
    session.modality = parse_modality(row.getColumn(5).getString());
    session.setting = parse_setting(row.getColumn(6).getString());
    session.support = SupportSet::from_mask(static_cast<unsigned>(row.getColumn(7).getInt()));
    session.note = row.getColumn(8).getString();
    session.disclosure = row.getColumn(9).getString();
    session.follow_up = stored_optional_date(row.getColumn(10));
    session.disclosed = row.getColumn(11).getInt() != 0;
    if (!row.getColumn(12).isNull()) {
        session.facts.gift = Gift{parse_gift_direction(row.getColumn(12).getString()),
                                  row.getColumn(13).getDouble()};
    }
    session.facts.money = row.getColumn(14).getInt() != 0;
    session.facts.transport = row.getColumn(15).getInt() != 0;
    session.facts.social_media = row.getColumn(16).getInt() != 0;
    session.facts.dual_relationship = row.getColumn(17).getString();
    for (const auto& rule : stored_list(row.getColumn(18))) {
        session.flags.push_back({parse_boundary_rule(rule), Severity::warn, "", ""});
    }
    session.group = row.getColumn(19).getString();
    session.unnamed = row.getColumn(20).getInt();
    session.attendees = stored_list(row.getColumn(21));
    for (const auto& id : stored_list(row.getColumn(22))) {
        session.goals.push_back(std::stoll(id));
    }
    session.reviewed = row.getColumn(23).getInt() != 0;
    stored.disclosure_sealed = row.getColumn(9).isBlob();
    stored.dual_relationship_sealed = row.getColumn(17).isBlob();
    return stored;
}

Error unknown_session(std::int64_t id) {
    return Error(
        ErrorKind::not_found,
        fmt::format("no session with id {}. See the ids with `peerlog session list`.", id));
}

// The id of the peer a session may be logged for: it must exist and not be closed.
constexpr const char* k_peer_by_code = "SELECT id, code, status FROM peer WHERE code = ?";

// `query` is k_peer_by_code, prepared once for all of a group's attendees. `stored_code`, when
// given, receives the code as the journal spells it.
std::int64_t peer_for_session(SQLite::Statement& query, std::string_view code,
                              std::string* stored_code = nullptr) {
    query.reset();
    query.bind(1, std::string(code));
    if (!query.executeStep()) {
        throw Error(ErrorKind::not_found,
                    fmt::format("no peer with code '{}' in the journal. Add the peer first with "
                                "`peerlog peer add {}`, or see the codes with `peerlog peer list "
                                "--all`.",
                                code, code));
    }
    std::string code_stored = query.getColumn(1).getString();
    if (query.getColumn(2).getString() == "closed") {
        throw Error(ErrorKind::conflict,
                    fmt::format("peer '{}' is closed. Reopen the record with `peerlog peer reopen "
                                "{}` before logging a session.",
                                code_stored, code_stored));
    }
    if (stored_code) {
        *stored_code = std::move(code_stored);
    }
    return query.getColumn(0).getInt64();
}

// The id of the group a session names; `stored_name`, when given, receives the name as the
// journal spells it. Throws Error(not_found) with a hint.
std::int64_t group_for_session(SQLite::Database& db, const std::string& name,
                               std::string* stored_name = nullptr) {
    SQLite::Statement query(db, "SELECT id, name FROM peer_group WHERE name = ?");
    query.bind(1, name);
    if (!query.executeStep()) {
        throw Error(ErrorKind::not_found,
                    fmt::format("no group named '{}'. Add it first with `peerlog group add "
                                "\"{}\"`, or see the groups with `peerlog group list`.",
                                name, name));
    }
    if (stored_name) {
        *stored_name = query.getColumn(1).getString();
    }
    return query.getColumn(0).getInt64();
}

// Links the goals a session addressed; each must belong to one of the session's peers.
void link_goals(SQLite::Database& db, std::int64_t session_id, const Session& session) {
    for (auto goal_id : session.goals) {
        SQLite::Statement goal(db, "SELECT p.code FROM goal g JOIN peer p ON p.id = g.peer_id "
                                   "WHERE g.id = ?");
        goal.bind(1, goal_id);
        if (!goal.executeStep()) {
            throw Error(
                ErrorKind::not_found,
                fmt::format("no goal with id {}. See the ids with `peerlog goal list`.", goal_id));
        }
        std::string owner = goal.getColumn(0).getString();
        bool present = session.is_group()
                           ? std::any_of(session.attendees.begin(), session.attendees.end(),
                                         [&](const std::string& code) {
                                             return to_lower(code) == to_lower(owner);
                                         })
                           : to_lower(session.peer_code) == to_lower(owner);
        if (!present) {
            throw Error(ErrorKind::conflict,
                        fmt::format("goal {} is {}'s, who is not in this session: link a goal "
                                    "only to a session its peer took part in.",
                                    goal_id, owner));
        }
        SQLite::Statement link(db, "INSERT OR IGNORE INTO session_goal (session_id, goal_id) "
                                   "VALUES (?, ?)");
        link.bind(1, session_id);
        link.bind(2, goal_id);
        link.exec();
    }
}

// Who a session was with: a peer (one-on-one) or a group and the ids of its named attendees.
struct SessionOwner {
    std::optional<std::int64_t> peer_id;
    std::optional<std::int64_t> group_id;
    std::vector<std::int64_t> attendee_ids;
    std::string stored_name; ///< the peer's code or the group's name as the journal spells it
};

void add_attendees(SQLite::Database& db, std::int64_t session_id, const SessionOwner& owner) {
    SQLite::Statement insert(db, "INSERT OR IGNORE INTO session_attendee (session_id, "
                                 "peer_id) VALUES (?, ?)");
    insert.bind(1, session_id);
    for (auto peer_id : owner.attendee_ids) { // prepared once: a group may have 100k attendees
        insert.bind(2, peer_id);
        insert.exec();
        insert.reset();
    }
}

// Resolves the session's peer or group and attendees; each must exist (and a peer must not be
// closed).
SessionOwner owner_of(SQLite::Database& db, const Session& session) {
    SessionOwner owner;
    if (session.is_group()) {
        owner.group_id = group_for_session(db, session.group, &owner.stored_name);
        SQLite::Statement query(db, k_peer_by_code);
        for (const auto& code : session.attendees) {
            owner.attendee_ids.push_back(peer_for_session(query, code));
        }
        return owner;
    }
    SQLite::Statement query(db, k_peer_by_code);
    owner.peer_id = peer_for_session(query, session.peer_code, &owner.stored_name);
    return owner;
}

void bind_optional_id(SQLite::Statement& statement, int index, std::optional<std::int64_t> id) {
    if (id) {
        statement.bind(index, *id);
    } else {
        statement.bind(index);
    }
}

// The columns bind_session_fields fills, in its parameter order. The private text (note,
// disclosure purpose, dual relationship) is stored apart, by store_text, once the row has an id.
constexpr const char* k_session_fields =
    "peer_id, date, start_time, minutes, modality, setting, support_mask, follow_up, disclosed, "
    "gift_direction, gift_value, money, transport, social_media, group_id, unnamed_count";
constexpr int k_session_field_count = 16;

// Binds every stored field but the private text to parameters 1..16 in k_session_fields order.
void bind_session_fields(SQLite::Statement& statement, const Session& session,
                         const SessionOwner& owner) {
    bind_optional_id(statement, 1, owner.peer_id);
    bind_date(statement, 2, session.date);
    bind_time(statement, 3, session.start);
    statement.bind(4, session.minutes);
    statement.bind(5, std::string(to_string(session.modality)));
    statement.bind(6, std::string(to_string(session.setting)));
    statement.bind(7, static_cast<int>(session.support.mask()));
    bind_date(statement, 8, session.follow_up);
    statement.bind(9, session.disclosed || !session.disclosure.empty() ? 1 : 0);
    const auto& facts = session.facts;
    if (facts.gift) {
        statement.bind(10, std::string(to_string(facts.gift->direction)));
        statement.bind(11, facts.gift->value);
    } else {
        statement.bind(10);
        statement.bind(11);
    }
    statement.bind(12, facts.money ? 1 : 0);
    statement.bind(13, facts.transport ? 1 : 0);
    statement.bind(14, facts.social_media ? 1 : 0);
    bind_optional_id(statement, 15, owner.group_id);
    statement.bind(16, session.unnamed);
}

// "?, ?, ... ": `count` SQL parameter marks, each followed by a comma.
std::string parameter_marks(int count) {
    std::string text;
    for (int i = 0; i < count; ++i) {
        text += "?, ";
    }
    return text;
}

// The session's flags, each override reason as a listing shows it without the passphrase (a
// sealed one as "(encrypted)": it is opened by revealed_session), into `stored`.
void read_stored_flags(SQLite::Database& db, StoredSession& stored) {
    SQLite::Statement query(db, "SELECT rule, severity, message, override_reason FROM "
                                "session_flag WHERE session_id = ? ORDER BY rule");
    query.bind(1, stored.session.id);
    stored.session.flags.clear(); // the rules the session query listed: here in full
    while (query.executeStep()) {
        StoredText reason = stored_text(query.getColumn(3));
        stored.session.flags.push_back({parse_boundary_rule(query.getColumn(0).getString()),
                                        parse_severity(query.getColumn(1).getString()),
                                        query.getColumn(2).getString(), shown_without_key(reason)});
        stored.override_reasons.push_back(std::move(reason));
    }
}

std::optional<StoredSession> find_session(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement query(db, fmt::format("{} WHERE s.id = ?", k_session_select));
    query.bind(1, id);
    if (!query.executeStep()) {
        return std::nullopt;
    }
    StoredSession stored = read_stored_session(query);
    read_stored_flags(db, stored);
    return stored;
}

// A review as read, its comment not yet revealed.
struct ReadReview {
    StoredReview review;
    bool comment_sealed = false;
};

std::vector<ReadReview> stored_reviews(SQLite::Database& db, std::int64_t session_id) {
    SQLite::Statement query(db, "SELECT id, reviewer, reviewed_on, comment, stale FROM "
                                "session_review WHERE session_id = ? ORDER BY reviewed_on, id");
    query.bind(1, session_id);
    std::vector<ReadReview> reviews;
    while (query.executeStep()) {
        reviews.push_back({{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                            stored_date(query.getColumn(2)), query.getColumn(3).getString(),
                            query.getColumn(4).getInt() != 0},
                           query.getColumn(3).isBlob()});
    }
    return reviews;
}

// The peer's one-on-one sessions in the ISO week of `session`, counting `session` itself
// once. A group session is a scheduled programme activity, not individual contact: it neither
// counts nor is counted (0).
int contacts_in_week(SQLite::Database& db, const Session& session, const SessionOwner& owner) {
    if (!owner.peer_id) {
        return 0;
    }
    std::int64_t peer_id = *owner.peer_id;
    Period week = period_of_week(iso_week_of(session.date));
    SQLite::Statement count(db, "SELECT count(*) FROM session WHERE peer_id = ? AND date "
                                "BETWEEN ? AND ? AND id <> ?");
    count.bind(1, peer_id);
    bind_date(count, 2, week.from);
    bind_date(count, 3, week.to);
    count.bind(4, session.id);
    count.executeStep();
    return count.getColumn(0).getInt() + 1;
}

// How the boundary rules are checked for one save.
struct RuleCheck {
    const BoundaryPolicy& policy;
    std::string_view override_reason;      ///< given now; empty when none
    std::vector<BoundaryFlag> stood;       ///< an edited session's stored flags
    std::optional<std::int64_t> edited_id; ///< set for an edit, for the refusal's wording
};

// Evaluates the rules. A blocking flag takes the override reason given now, else the one the
// session was saved with before for the same rule (an override stands until the rule stops
// blocking); a blocking flag left without a reason refuses the save. A reason nothing needed is
// not stored (`override_unused`).
std::vector<BoundaryFlag> checked_flags(SQLite::Database& db, const Session& session,
                                        const SessionOwner& owner, const RuleCheck& check,
                                        bool& override_unused) {
    auto flags = evaluate_boundaries(session, check.policy, contacts_in_week(db, session, owner));
    bool unreasoned = false;
    for (auto& flag : flags) {
        if (flag.severity != Severity::block) {
            continue;
        }
        if (!check.override_reason.empty()) {
            flag.override_reason = check.override_reason;
        } else {
            for (const auto& before : check.stood) {
                if (before.rule == flag.rule) {
                    flag.override_reason = before.override_reason;
                }
            }
        }
        unreasoned = unreasoned || flag.override_reason.empty();
    }
    if (unreasoned) {
        throw blocked_by_rules(flags, check.edited_id);
    }
    override_unused = !check.override_reason.empty() && !any_blocking(flags);
    return flags;
}

// An override reason is typed text (who called, why): sealed in an encrypted journal, addressed
// by its session and rule, so a flag deleted and stored again keeps the same address.
FieldAddress override_address(std::int64_t session_id, BoundaryRule rule) {
    return {"session_flag", "override_reason", session_id, to_string(rule)};
}

// Whether `flag` is overridden by the reason given now (`override_reason`).
bool overridden_now(const BoundaryFlag& flag, std::string_view override_reason) {
    return flag.severity == Severity::block && !override_reason.empty();
}

// Whether the session may have flags stored already (an edit), or is new (an add).
enum class FlagsBefore { none, stored };

// Replaces the session's stored flags. An override given now (`override_reason`) is stored
// (sealed in an encrypted journal); one that stands from before keeps its stored bytes (sealed
// ones are not opened to be stored again). A new session has none to read or delete.
void store_flags(Journal& journal, SQLite::Database& db, std::int64_t session_id,
                 const std::vector<BoundaryFlag>& flags, std::string_view override_reason,
                 FlagsBefore before_now) {
    // The reasons stored now, by rule: their bytes and whether they are sealed.
    std::map<std::string, std::pair<std::string, bool>> standing;
    if (before_now == FlagsBefore::stored) {
        SQLite::Statement query(db, "SELECT rule, override_reason, typeof(override_reason) = "
                                    "'blob' FROM session_flag WHERE session_id = ?");
        query.bind(1, session_id);
        while (query.executeStep()) {
            standing[query.getColumn(0).getString()] = {query.getColumn(1).getString(),
                                                        query.getColumn(2).getInt() != 0};
        }
        SQLite::Statement clear(db, "DELETE FROM session_flag WHERE session_id = ?");
        clear.bind(1, session_id);
        clear.exec();
    }
    if (flags.empty()) {
        return;
    }
    SQLite::Statement insert(db, "INSERT INTO session_flag (session_id, rule, severity, message, "
                                 "override_reason) VALUES (?, ?, ?, ?, ?)");
    for (const auto& flag : flags) {
        insert.reset();
        insert.clearBindings();
        std::string rule(to_string(flag.rule));
        insert.bind(1, session_id);
        insert.bind(2, rule);
        insert.bind(3, std::string(to_string(flag.severity)));
        insert.bind(4, flag.message);
        bool given_now = overridden_now(flag, override_reason);
        auto before = standing.find(rule);
        if (!given_now && !flag.override_reason.empty() && before != standing.end()) {
            const auto& [bytes, sealed] = before->second;
            if (sealed) {
                insert.bind(5, bytes.data(), static_cast<int>(bytes.size()));
            } else {
                insert.bind(5, bytes);
            }
        } else {
            bind_sensitive(journal, insert, 5, override_address(session_id, flag.rule),
                           flag.override_reason);
        }
        insert.exec();
    }
}

// Audits each override given now (`override_reason`), after the session's own event; an
// override that stands from before was audited when it was given. In an encrypted journal the
// event does not quote the reason (it is sealed in the session).
void audit_overrides(Journal& journal, SQLite::Database& db, std::int64_t session_id,
                     const std::vector<BoundaryFlag>& flags, std::string_view override_reason) {
    for (const auto& flag : flags) {
        if (overridden_now(flag, override_reason)) {
            std::string_view rule = to_string(flag.rule);
            append_audit(db, "session.override", fmt::format("session {}", session_id),
                         encrypted(journal)
                             ? fmt::format("rule {} overridden; the reason is sealed in the "
                                           "session",
                                           rule)
                             : fmt::format("rule {} overridden: {}", rule, flag.override_reason));
        }
    }
}

// The session's private text columns, each sealed in an encrypted journal with its own address.
constexpr std::string_view k_note = "note";
constexpr std::string_view k_disclosure = "disclosure";
constexpr std::string_view k_dual_relationship = "dual_relationship";

// The self-disclosure purpose as stored: trimmed, so a blank one is no purpose (the
// disclosure_purpose rule flags it; the disclosed bit, set from the text as given, stays).
std::string stated_purpose(std::string_view disclosure) {
    return std::string(trim(disclosure));
}

constexpr FieldAddress text_address(std::int64_t session_id, std::string_view column) {
    return {"session", column, session_id};
}

constexpr FieldAddress comment_address(std::int64_t review_id) {
    return {"session_review", "comment", review_id};
}

// Writes one private text column (one of the k_ names above) through the sensitive-text seam.
void store_text(Journal& journal, SQLite::Database& db, std::int64_t id, std::string_view column,
                const std::string& text) {
    store_sensitive(journal, db, text_address(id, column), text);
}

// Stored bytes of a private column as text: sealed ones are opened, text in the clear is kept.
std::string revealed(Journal& journal, const FieldAddress& where, const std::string& stored,
                     bool sealed) {
    return sealed ? reveal_sensitive(journal, where, stored) : stored;
}

// The session with its note, disclosure purpose and dual relationship revealed.
Session revealed_session(Journal& journal, const StoredSession& stored) {
    Session session = stored.session;
    if (!stored.note_opened) {
        session.note = reveal_sensitive(journal, text_address(session.id, k_note), session.note);
    }
    session.disclosure = revealed(journal, text_address(session.id, k_disclosure),
                                  session.disclosure, stored.disclosure_sealed);
    session.facts.dual_relationship =
        revealed(journal, text_address(session.id, k_dual_relationship),
                 session.facts.dual_relationship, stored.dual_relationship_sealed);
    for (std::size_t i = 0; i < stored.override_reasons.size(); ++i) {
        BoundaryFlag& flag = session.flags[i];
        flag.override_reason = reveal_stored(journal, override_address(session.id, flag.rule),
                                             stored.override_reasons[i]);
    }
    return session;
}

// The session's private text and an override reason given now: sealed in an encrypted journal.
std::string sealed_text_of(const Session& session, std::string_view override_reason) {
    return session.note + session.disclosure + session.facts.dual_relationship +
           std::string(override_reason);
}

// Loads the key before a write transaction when any of the session's private text (or an
// override reason given now) will be sealed.
void unlock_for(Journal& journal, const Session& session, std::string_view override_reason) {
    unlock_to_seal(journal, sealed_text_of(session, override_reason));
}

// True when saving the session needs the journal's key: it has text to seal in an encrypted
// journal.
bool needs_unlock(Journal& journal, const Session& session, std::string_view override_reason) {
    return !sealed_text_of(session, override_reason).empty() && encrypted(journal);
}

// Contact puts a peer on the caseload: each peer whose `since` is after the session's date gets
// that date (audited), so the week of the session counts them.
void start_caseloads(SQLite::Database& db, std::int64_t session_id, Date date,
                     const std::vector<std::int64_t>& peer_ids, SaveEffects* effects) {
    SQLite::Statement peer(db, "SELECT code, since FROM peer WHERE id = ?");
    for (auto peer_id : peer_ids) { // prepared once: a group may have 100k attendees
        peer.reset();
        peer.bind(1, peer_id);
        if (!peer.executeStep() || !(date < stored_date(peer.getColumn(1)))) {
            continue;
        }
        std::string code = peer.getColumn(0).getString();
        SQLite::Statement update(db, "UPDATE peer SET since = ?, updated_at = ? WHERE id = ?");
        bind_date(update, 1, date);
        update.bind(2, utc_timestamp());
        update.bind(3, peer_id);
        update.exec();
        append_audit(db, "peer.edit", fmt::format("peer #{}", peer_id),
                     fmt::format("since moved back to {}, the date of session {}",
                                 format_date(date), session_id));
        if (effects) {
            effects->caseload_starts.push_back({code, date});
        }
    }
}

// The peers a session is contact with: its peer, or a group session's named attendees.
std::vector<std::int64_t> peers_in(SQLite::Database& db, std::int64_t session_id,
                                   const SessionOwner& owner) {
    if (owner.peer_id) {
        return {*owner.peer_id};
    }
    if (!owner.attendee_ids.empty()) {
        return owner.attendee_ids;
    }
    SQLite::Statement query(db, "SELECT peer_id FROM session_attendee WHERE session_id = ?");
    query.bind(1, session_id);
    std::vector<std::int64_t> ids;
    while (query.executeStep()) {
        ids.push_back(query.getColumn(0).getInt64());
    }
    return ids;
}

// Audit summaries name peers by internal id, never by code: after `peer forget` only the
// forget event may still carry the code.
std::string describe_for_audit(const Session& session, const SessionOwner& owner) {
    std::string who =
        owner.peer_id ? fmt::format("peer #{}", *owner.peer_id)
                      : fmt::format("group #{} ({} named, {} unnamed)", owner.group_id.value_or(0),
                                    session.attendees.size(), session.unnamed);
    return fmt::format("{} on {}, {} min, {}", who, format_date(session.date), session.minutes,
                       session.support.to_string());
}

// The session as given to insert_session with what storing it settled: its id, who it was with
// as the journal spells them, its flags (by rule, as a read back lists them).
Session saved_as(const Session& session, std::int64_t id, const SessionOwner& owner,
                 std::vector<BoundaryFlag> flags) {
    Session saved = session;
    saved.id = id;
    (saved.is_group() ? saved.group : saved.peer_code) = owner.stored_name;
    std::sort(flags.begin(), flags.end(), [](const BoundaryFlag& a, const BoundaryFlag& b) {
        return to_string(a.rule) < to_string(b.rule);
    });
    saved.flags = std::move(flags);
    return saved;
}

template <class T> void apply(std::optional<T> change, T& field) {
    if (change) {
        field = *change;
    }
}

// Inserts the session for `owner` inside the caller's write transaction (see insert_session_row).
std::int64_t insert_session(Journal& journal, SQLite::Database& db, const Session& session,
                            const SessionOwner& owner, const BoundaryPolicy& policy,
                            std::string_view override_reason, SaveEffects* effects = nullptr) {
    if (!override_reason.empty()) {
        require_override_reason(override_reason);
    }
    bool override_unused = false;
    auto flags =
        checked_flags(db, session, owner, {policy, override_reason, {}, {}}, override_unused);
    // The id explicitly, past every id ever deleted: one is never reused.
    SQLite::Statement insert(
        db, fmt::format("INSERT INTO session (id, {}, created_at, updated_at) VALUES ({}, {}?, ?)",
                        k_session_fields, next_id_sql(NumberedTable::session),
                        parameter_marks(k_session_field_count)));
    bind_session_fields(insert, session, owner);
    std::string now = utc_timestamp();
    insert.bind(k_session_field_count + 1, now);
    insert.bind(k_session_field_count + 2, now);
    insert.exec();
    std::int64_t id = db.getLastInsertRowid();
    add_attendees(db, id, owner);
    link_goals(db, id, session);
    std::string purpose = stated_purpose(session.disclosure);
    for (auto [column, text] : {std::pair{k_note, &session.note},
                                {k_disclosure, &purpose},
                                {k_dual_relationship, &session.facts.dual_relationship}}) {
        if (!text->empty()) {
            store_text(journal, db, id, column, *text);
        }
    }
    std::string_view override_given = override_unused ? std::string_view() : override_reason;
    store_flags(journal, db, id, flags, override_given, FlagsBefore::none);
    append_audit(db, "session.add", fmt::format("session {}", id),
                 describe_for_audit(session, owner));
    audit_overrides(journal, db, id, flags, override_given);
    start_caseloads(db, id, session.date, peers_in(db, id, owner), effects);
    if (effects) {
        effects->override_unused = override_unused;
        effects->saved = saved_as(session, id, owner, flags);
    }
    return id;
}

// An edit checked against the stored session, ready to be written (or only checked).
struct PreparedEdit {
    Session session; ///< the edited session; its private text as stored unless the edit sets it
    SessionOwner owner;
    std::vector<BoundaryFlag> flags;
    bool override_unused = false;
};

// Rewrites a group session's attendees when the edit names them, and its goals when the edit
// gives them or the attendees change (a goal must stay one of a peer in the session).
void relink_people(SQLite::Database& db, std::int64_t id, const SessionEdit& edit,
                   const PreparedEdit& prepared) {
    if (edit.attendees) {
        SQLite::Statement clear(db, "DELETE FROM session_attendee WHERE session_id = ?");
        clear.bind(1, id);
        clear.exec();
        add_attendees(db, id, prepared.owner);
    }
    if (edit.goals || edit.attendees || edit.peer_code) {
        SQLite::Statement clear(db, "DELETE FROM session_goal WHERE session_id = ?");
        clear.bind(1, id);
        clear.exec();
        link_goals(db, id, prepared.session);
    }
}

PreparedEdit prepare_edit(SQLite::Database& db, std::int64_t id, const SessionEdit& edit,
                          Date today, const BoundaryPolicy& policy,
                          std::string_view override_reason) {
    if (!override_reason.empty()) {
        require_override_reason(override_reason);
    }
    auto stored = find_session(db, id);
    if (!stored) {
        throw unknown_session(id);
    }
    if (stored->session.is_group() && edit.peer_code) {
        throw Error(ErrorKind::conflict,
                    fmt::format("session {} is a group session of '{}': it has attendees, "
                                "not one peer. Delete it and log it again to change who "
                                "was there.",
                                id, stored->session.group));
    }
    if (!stored->session.is_group() && (edit.attendees || edit.unnamed)) {
        throw Error(ErrorKind::conflict,
                    fmt::format("session {} is a one-on-one session with {}: it has no attendees. "
                                "Change its peer with --peer.",
                                id, stored->session.peer_code));
    }
    PreparedEdit prepared;
    prepared.session = edited(stored->session, edit);
    validate(prepared.session, today);
    // A group session keeps its attendees, even one closed since: only the group is looked up,
    // unless the edit names the attendees anew.
    prepared.owner =
        prepared.session.is_group() && !edit.attendees
            ? SessionOwner{std::nullopt, group_for_session(db, prepared.session.group), {}, {}}
            : owner_of(db, prepared.session);
    prepared.flags = checked_flags(db, prepared.session, prepared.owner,
                                   {policy, override_reason, stored->session.flags, id},
                                   prepared.override_unused);
    return prepared;
}

} // namespace

std::int64_t insert_session_row(Journal& journal, SQLite::Database& db, const Session& session,
                                std::int64_t peer_id, const BoundaryPolicy& policy,
                                std::string_view override_reason) {
    return insert_session(journal, db, session, {peer_id, std::nullopt, {}, {}}, policy,
                          override_reason);
}

std::int64_t insert_group_session_row(Journal& journal, SQLite::Database& db,
                                      const Session& session, std::int64_t group_id,
                                      std::vector<std::int64_t> attendee_ids,
                                      const BoundaryPolicy& policy) {
    return insert_session(journal, db, session,
                          {std::nullopt, group_id, std::move(attendee_ids), {}}, policy, {});
}

bool SessionEdit::empty() const {
    return !peer_code && !date && !start && !minutes && !modality && !setting && !support &&
           !note && !disclosure && !follow_up && !disclosed && !facts && !attendees && !unnamed &&
           !goals;
}

Session edited(Session session, const SessionEdit& edit) {
    apply(edit.peer_code, session.peer_code);
    apply(edit.date, session.date);
    apply(edit.start, session.start);
    apply(edit.minutes, session.minutes);
    apply(edit.modality, session.modality);
    apply(edit.setting, session.setting);
    apply(edit.support, session.support);
    apply(edit.note, session.note);
    apply(edit.disclosure, session.disclosure);
    apply(edit.follow_up, session.follow_up);
    apply(edit.disclosed, session.disclosed);
    apply(edit.facts, session.facts);
    apply(edit.attendees, session.attendees);
    apply(edit.unnamed, session.unnamed);
    apply(edit.goals, session.goals);
    return session;
}

void check_session_add(Journal& journal, const Session& session, Date today,
                       const BoundaryPolicy& policy, std::string_view override_reason) {
    validate(session, today);
    read_transaction(journal, [&](SQLite::Database& db) {
        bool override_unused = false;
        checked_flags(db, session, owner_of(db, session), {policy, override_reason, {}, {}},
                      override_unused);
    });
}

std::int64_t add_session(Journal& journal, const Session& session, Date today,
                         const BoundaryPolicy& policy, std::string_view override_reason,
                         SaveEffects* effects) {
    if (needs_unlock(journal, session, override_reason)) {
        // Nobody types a passphrase for a session the rules refuse.
        check_session_add(journal, session, today, policy, override_reason);
        unlock_for(journal, session, override_reason);
    } else {
        validate(session, today); // the write below checks the rules in the same transaction
    }
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        id = insert_session(journal, db, session, owner_of(db, session), policy, override_reason,
                            effects);
    });
    return id;
}

Session get_session(Journal& journal, std::int64_t id) {
    std::optional<StoredSession> stored;
    std::vector<ReadReview> reviews;
    read_transaction(journal, [&](SQLite::Database& db) {
        stored = find_session(db, id);
        reviews = stored_reviews(db, id);
    });
    if (!stored) {
        throw unknown_session(id);
    }
    Session session = revealed_session(journal, *stored);
    for (auto& [review, sealed] : reviews) {
        review.comment = revealed(journal, comment_address(review.id), review.comment, sealed);
        session.reviews.push_back(std::move(review));
    }
    return session;
}

Session edit_session(Journal& journal, std::int64_t id, const SessionEdit& edit, Date today,
                     const BoundaryPolicy& policy, std::string_view override_reason,
                     SaveEffects* effects) {
    unlock_to_seal(journal, edit.note.value_or("") + edit.disclosure.value_or("") +
                                (edit.facts ? edit.facts->dual_relationship : "") +
                                std::string(override_reason));
    write_transaction(journal, [&](SQLite::Database& db) {
        PreparedEdit prepared = prepare_edit(db, id, edit, today, policy, override_reason);
        if (edit.empty() && prepared.override_unused) {
            // --override alone, with no blocking rule to give the reason to: no change at all.
            throw Error(ErrorKind::usage,
                        fmt::format("nothing to change: session {} breaks no boundary rule set to "
                                    "block, so there is no override reason to replace.",
                                    id));
        }
        const Session& session = prepared.session;
        SQLite::Statement update(
            db, fmt::format("UPDATE session SET ({}, updated_at) = ({}?) WHERE id = ?",
                            k_session_fields, parameter_marks(k_session_field_count)));
        bind_session_fields(update, session, prepared.owner);
        update.bind(k_session_field_count + 1, utc_timestamp());
        update.bind(k_session_field_count + 2, id);
        update.exec();
        // Private text is rewritten only when the edit sets it; else its stored bytes stay.
        if (edit.note) {
            store_text(journal, db, id, k_note, *edit.note);
        }
        if (edit.disclosure) {
            store_text(journal, db, id, k_disclosure, stated_purpose(*edit.disclosure));
        }
        if (edit.facts) {
            store_text(journal, db, id, k_dual_relationship, edit.facts->dual_relationship);
        }
        // A supervisor's co-sign covers the session as it was: it goes back to the review queue.
        SQLite::Statement stale(db, "UPDATE session_review SET stale = 1 WHERE session_id = ?");
        stale.bind(1, id);
        stale.exec();
        relink_people(db, id, edit, prepared);
        std::string_view override_given =
            prepared.override_unused ? std::string_view() : override_reason;
        store_flags(journal, db, id, prepared.flags, override_given, FlagsBefore::stored);
        append_audit(db, "session.edit", fmt::format("session {}", id),
                     describe_for_audit(session, prepared.owner));
        audit_overrides(journal, db, id, prepared.flags, override_given);
        start_caseloads(db, id, session.date, peers_in(db, id, prepared.owner), effects);
        if (effects) {
            effects->override_unused = prepared.override_unused;
        }
    });
    return get_session(journal, id);
}

void check_session_edit(Journal& journal, std::int64_t id, const SessionEdit& edit, Date today,
                        const BoundaryPolicy& policy, std::string_view override_reason) {
    read_transaction(journal, [&](SQLite::Database& db) {
        prepare_edit(db, id, edit, today, policy, override_reason);
    });
}

void remove_session(Journal& journal, std::int64_t id) {
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement remove(db, "DELETE FROM session WHERE id = ?");
        remove.bind(1, id);
        if (remove.exec() == 0) {
            throw unknown_session(id);
        }
        append_audit(db, "session.remove", fmt::format("session {}", id), "deleted");
    });
}

namespace {

// The WHERE clause of a listing's filter (over session s, peer p and peer_group g), once the
// peer and the group it names are known to exist.
struct FilterClause {
    std::string sql;
    std::int64_t peer_id = 0;
};

FilterClause filter_clause(SQLite::Database& db, const SessionFilter& filter) {
    FilterClause where{" WHERE 1 = 1"};
    if (filter.peer_code) {
        SQLite::Statement known(db, "SELECT id FROM peer WHERE code = ?");
        known.bind(1, *filter.peer_code);
        if (!known.executeStep()) {
            throw Error(ErrorKind::not_found,
                        fmt::format("no peer with code '{}' in the journal. See the codes "
                                    "with `peerlog peer list --all`.",
                                    *filter.peer_code));
        }
        where.peer_id = known.getColumn(0).getInt64();
        // Two indexed terms, so SQLite can search both indexes (a MULTI-INDEX OR).
        where.sql += " AND (s.peer_id = :peer OR s.id IN (SELECT session_id FROM "
                     "session_attendee WHERE peer_id = :peer))";
    }
    if (filter.group) {
        group_for_session(db, *filter.group);
        where.sql += " AND g.name = :group";
    }
    if (filter.unreviewed_only) {
        where.sql += " AND NOT EXISTS (SELECT 1 FROM session_review r WHERE r.session_id = s.id "
                     "AND r.stale = 0)";
    }
    if (filter.period) {
        where.sql += " AND s.date BETWEEN :from AND :to";
    }
    if (filter.support) {
        where.sql += " AND (s.support_mask & :support) <> 0";
    }
    if (filter.flagged_only) {
        where.sql += " AND EXISTS (SELECT 1 FROM session_flag f WHERE f.session_id = s.id)";
    }
    return where;
}

// Binds the parameters filter_clause named in `query`.
void bind_filter(SQLite::Statement& query, const SessionFilter& filter, const FilterClause& where) {
    if (filter.peer_code) {
        query.bind(":peer", where.peer_id);
    }
    if (filter.group) {
        query.bind(":group", *filter.group);
    }
    if (filter.period) {
        bind_date(query, query.getIndex(":from"), filter.period->from);
        bind_date(query, query.getIndex(":to"), filter.period->to);
    }
    if (filter.support) {
        query.bind(":support", static_cast<int>(SupportSet::bit(*filter.support)));
    }
}

// Each session `filter` lets through, read in full, in listing order.
void visit_stored_sessions(SQLite::Database& db, const SessionFilter& filter,
                           const std::function<void(const StoredSession&)>& visit) {
    FilterClause where = filter_clause(db, filter);
    SQLite::Statement query(db, std::string(k_session_select) + where.sql + k_session_order);
    bind_filter(query, filter, where);
    while (query.executeStep()) {
        visit(read_stored_session(query));
    }
}

// Each note of the sessions `filter` lets through, as stored (text, or sealed bytes), in
// listing order; empty notes are left out (they hold no text). Only the id and the note are
// read here: the rest of a session is read for the ones whose note matches.
void visit_filtered_notes(SQLite::Database& db, const SessionFilter& filter,
                          const std::function<void(std::int64_t, const std::string&)>& visit) {
    FilterClause where = filter_clause(db, filter);
    SQLite::Statement query(db, "SELECT s.id, s.note FROM session s LEFT JOIN peer p ON p.id = "
                                "s.peer_id LEFT JOIN peer_group g ON g.id = s.group_id" +
                                    where.sql + " AND s.note <> ''" + k_session_order);
    bind_filter(query, filter, where);
    while (query.executeStep()) {
        visit(query.getColumn(0).getInt64(), query.getColumn(1).getString());
    }
}

// Opens notes for a search: text as stored in a plain journal; in an encrypted one, opened into
// one piece of secret memory (wiped before the next note), the passphrase asked for the first.
class NoteOpener {
  public:
    explicit NoteOpener(Journal& journal) : m_journal(journal), m_encrypted(encrypted(journal)) {}

    std::string_view open(std::int64_t session_id, const std::string& stored) {
        if (!m_encrypted) {
            return stored;
        }
        open_sealed_into(m_journal, text_address(session_id, k_note), stored, m_opened);
        return {reinterpret_cast<const char*>(m_opened.data()), m_opened.size()};
    }

  private:
    Journal& m_journal;
    bool m_encrypted = false;
    SecretBuffer m_opened;
};

// A listed session's private text: revealed when the filter asks for notes, else emptied.
Session shown_session(Journal& journal, const StoredSession& stored, const SessionFilter& filter) {
    if (filter.include_notes) {
        return revealed_session(journal, stored);
    }
    Session session = stored.session;
    session.note.clear();
    session.disclosure.clear();
    session.facts.dual_relationship.clear();
    return session;
}

// The sessions whose note holds the filter's text: each note is opened and searched, and only
// a matching session is read in full (one indexed lookup by id).
void visit_found_sessions(Journal& journal, SQLite::Database& db, const SessionFilter& filter,
                          const std::function<void(ListedSession&&)>& visit) {
    NoteOpener notes(journal);
    SQLite::Statement by_id(db, fmt::format("{} WHERE s.id = ?", k_session_select));
    visit_filtered_notes(db, filter, [&](std::int64_t id, const std::string& stored_note) {
        std::string_view note = notes.open(id, stored_note);
        std::optional<NoteMatch> match = filter.note_search->find(note);
        if (!match) {
            return;
        }
        by_id.reset();
        by_id.bind(1, id);
        if (!by_id.executeStep()) {
            return; // cannot happen: the same snapshot listed it
        }
        StoredSession stored = read_stored_session(by_id);
        if (filter.include_notes) {
            stored.session.note = note; // opened already: revealed_session keeps it
            stored.note_opened = true;
        }
        visit({shown_session(journal, stored, filter), std::move(match)});
    });
}

// The listing of `filter` in one read snapshot: searched, or read in full.
void visit_listed_sessions(Journal& journal, const SessionFilter& filter,
                           const std::function<void(ListedSession&&)>& visit) {
    read_transaction(journal, [&](SQLite::Database& db) {
        if (filter.note_search) {
            visit_found_sessions(journal, db, filter, visit);
            return;
        }
        visit_stored_sessions(db, filter, [&](const StoredSession& stored) {
            visit({shown_session(journal, stored, filter), std::nullopt});
        });
    });
}

} // namespace

void visit_sessions(SQLite::Database& db, const SessionFilter& filter,
                    const std::function<void(const Session&)>& visit) {
    if (filter.note_search) { // notes are opened with the journal's key: for_each_session
        throw std::logic_error("visit_sessions cannot search notes");
    }
    visit_stored_sessions(db, filter, [&](const StoredSession& stored) { visit(stored.session); });
}

void for_each_session(Journal& journal, const SessionFilter& filter,
                      const std::function<void(const Session&)>& visit) {
    visit_listed_sessions(journal, filter, [&](ListedSession&& listed) { visit(listed.session); });
}

std::vector<Session> list_sessions(Journal& journal, const SessionFilter& filter) {
    std::vector<Session> sessions;
    for_each_session(journal, filter, [&](const Session& session) { sessions.push_back(session); });
    return sessions;
}

SessionListing session_listing(Journal& journal, const SessionFilter& filter) {
    SessionListing listing;
    listing.searched_notes = filter.note_search.has_value();
    visit_listed_sessions(journal, filter, [&](ListedSession&& listed) {
        listing.sessions.push_back(std::move(listed));
    });
    return listing;
}

} // namespace peerlog
