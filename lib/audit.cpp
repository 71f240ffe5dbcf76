// The hash-chained audit trail: appending, listing, redacting and verifying.
#include "peerlog/audit.hpp"
#include "audit_key.hpp"
#include "audit_log.hpp"
#include "disclosure_rows.hpp"
#include "journal_db.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"
#include "record_state.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sodium.h>

namespace peerlog {
namespace {} // namespace

const char* const k_audit_event_columns = "id, at, action, object, summary, prev_hash, hash, "
                                          "summary_digest, redacted, subject_peer_id, "
                                          "record_state, mac";

AuditEvent read_audit_event(SQLite::Statement& row) {
    AuditEvent event;
    event.id = row.getColumn(0).getInt64();
    event.at = row.getColumn(1).getString();
    event.action = row.getColumn(2).getString();
    event.object = row.getColumn(3).getString();
    event.summary = row.getColumn(4).getString();
    event.prev_hash = row.getColumn(5).getString();
    event.hash = row.getColumn(6).getString();
    if (!row.getColumn(7).isNull()) {
        event.summary_digest = row.getColumn(7).getString();
    }
    event.redacted = row.getColumn(8).getInt() != 0;
    if (!row.getColumn(9).isNull()) {
        event.subject_peer_id = row.getColumn(9).getInt64();
    }
    if (!row.getColumn(10).isNull()) {
        event.record_state = row.getColumn(10).getString();
    }
    if (!row.getColumn(11).isNull()) {
        event.mac = row.getColumn(11).getString();
    }
    return event;
}

namespace {

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0; // once: sodium_init locks a mutex each call
    if (!ready) {
        throw Error(ErrorKind::io, "libsodium could not be initialised.");
    }
}

// The rows that belong to one peer, by the word their audit objects start with.
constexpr std::array<std::string_view, 5> k_peer_owned = {"session", "consent", "goal", "referral",
                                                          "assessment"};

std::optional<std::int64_t> parse_id(std::string_view text) {
    std::int64_t id = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return id;
}

// The peer an event is about, so `peer forget` finds every event to redact: "peer #N" is peer
// N; a session, consent, goal, referral or assessment is its row's peer (none for a group
// session). A row deleted already (session.remove) keeps the peer of its latest event.
std::optional<std::int64_t> subject_of(SQLite::Database& db, std::string_view object) {
    auto space = object.find(' ');
    if (space == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view kind = object.substr(0, space);
    std::string_view rest = object.substr(space + 1);
    if (kind == "peer") {
        return rest.starts_with('#') ? parse_id(rest.substr(1)) : std::nullopt;
    }
    auto id = parse_id(rest);
    if (!id || std::find(k_peer_owned.begin(), k_peer_owned.end(), kind) == k_peer_owned.end()) {
        return std::nullopt;
    }
    SQLite::Statement row(db, fmt::format("SELECT peer_id FROM {} WHERE id = ?", kind));
    row.bind(1, *id);
    if (!row.executeStep()) {
        SQLite::Statement earlier(db, "SELECT subject_peer_id FROM audit_event WHERE object = ? "
                                      "ORDER BY id DESC LIMIT 1");
        earlier.bind(1, std::string(object));
        if (!earlier.executeStep() || earlier.getColumn(0).isNull()) {
            return std::nullopt;
        }
        return earlier.getColumn(0).getInt64();
    }
    if (row.getColumn(0).isNull()) {
        return std::nullopt;
    }
    return row.getColumn(0).getInt64();
}

} // namespace

std::string sha256_hex(std::string_view text) {
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

std::string audit_hash(const AuditEvent& event) {
    // Length-prefixed fields, so no choice of field text can make two events hash alike. An
    // event with a summary digest hashes the digest after a "v2;" marker: a v1 input starts
    // with a digit, so the two kinds of input can never coincide. A v2 input ends with the
    // subject peer's id ("" for none): `peer forget` finds the events to redact by it, so
    // nulling or changing it by hand must break the chain, not hide an event from a forget.
    // Since schema 7 ("v3;") the record state follows: the event vouches for its record.
    std::string input = event.record_state ? "v3;" : event.summary_digest ? "v2;" : "";
    input.reserve(400);
    auto add = [&input](std::string_view field) {
        input += std::to_string(field.size());
        input += ':';
        input += field;
        input += ';';
    };
    add(event.prev_hash);
    add(std::to_string(event.id));
    add(event.at);
    add(event.action);
    add(event.object);
    add(event.summary_digest ? *event.summary_digest : event.summary);
    if (event.summary_digest || event.record_state) {
        add(event.subject_peer_id ? std::to_string(*event.subject_peer_id) : "");
    }
    if (event.record_state) {
        add(*event.record_state);
    }
    return sha256_hex(input);
}

namespace {

// Appends events after the last one, keeping its id and hash between appends (the sealing of
// a whole journal appends one per record without reading the chain back each time).
class Appender {
  public:
    explicit Appender(SQLite::Database& db)
        : m_db(db), m_insert(db, "INSERT INTO audit_event (id, at, action, object, summary, "
                                 "prev_hash, hash, summary_digest, subject_peer_id, record_state, "
                                 "mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") {
        m_last = audit_head_in(db);
    }

    void append(std::string_view action, std::string_view object, std::string_view summary,
                std::optional<std::int64_t> subject, std::string record_state) {
        AuditEvent event;
        event.id = m_last.id + 1;
        event.prev_hash = m_last.hash;
        event.at = utc_timestamp();
        event.action = action;
        event.object = object;
        event.summary = summary;
        event.summary_digest = sha256_hex(summary);
        event.subject_peer_id = subject;
        event.record_state = std::move(record_state);
        event.hash = audit_hash(event);
        event.mac = audit_mac_for(m_db, event);
        insert(event);
        m_last = {event.id, event.hash};
    }

  private:
    void insert(const AuditEvent& event) {
        m_insert.reset();
        m_insert.clearBindings();
        m_insert.bind(1, event.id);
        int index = 1;
        for (const std::string* text : {&event.at, &event.action, &event.object, &event.summary,
                                        &event.prev_hash, &event.hash, &*event.summary_digest}) {
            m_insert.bind(++index, *text);
        }
        if (event.subject_peer_id) {
            m_insert.bind(9, *event.subject_peer_id);
        }
        m_insert.bind(10, *event.record_state);
        if (event.mac) {
            m_insert.bind(11, *event.mac);
        }
        m_insert.exec();
    }

    SQLite::Database& m_db;
    SQLite::Statement m_insert;
    AuditHead m_last;
};

// The state an event about `object` records: its record's digest, k_state_deleted when the
// record is gone, k_state_none when the object is no record.
std::string state_of_object(SQLite::Database& db, std::string_view object) {
    auto record = record_named(object);
    if (!record) {
        return std::string(k_state_none);
    }
    return record_state(db, *record).value_or(std::string(k_state_deleted));
}

} // namespace

void append_audit(SQLite::Database& db, std::string_view action, std::string_view object,
                  std::string_view summary) {
    key_trail_if_due(db);
    Appender(db).append(action, object, summary, subject_of(db, object),
                        state_of_object(db, object));
}

void append_forget_audit(SQLite::Database& db, std::string_view action, std::string_view object,
                         std::string_view summary, long long records_deleted,
                         long long state_events_redacted) {
    key_trail_if_due(db);
    Appender(db).append(action, object, summary, std::nullopt,
                        fmt::format("forgot {} {}", records_deleted, state_events_redacted));
}

long long seal_all_records(SQLite::Database& db, std::string_view action,
                           std::string_view summary) {
    Appender appender(db);
    long long sealed = 0;
    for (RecordKind kind : record_kinds()) {
        for_each_record_state(
            db, kind,
            [&](const LiveRecord& live) {
                appender.append(action, object_name({kind, live.id}), summary, live.subject_peer,
                                live.state);
                ++sealed;
            },
            [](std::string_view, std::int64_t) {}); // verify names them: no event can cover one
    }
    return sealed;
}

std::vector<std::string> records_of_peer(SQLite::Database& db, std::int64_t peer_id,
                                         std::string_view code) {
    SQLite::Statement query(
        db, fmt::format(
                "SELECT 'peer #' || ?1 UNION SELECT 'session ' || id FROM session WHERE peer_id = "
                "?1 UNION SELECT 'session ' || session_id FROM session_attendee WHERE peer_id = ?1 "
                "UNION SELECT 'session ' || session_id FROM session_goal WHERE goal_id IN (SELECT "
                "id FROM goal WHERE peer_id = ?1) UNION SELECT 'consent ' || id FROM consent "
                "WHERE peer_id = ?1 UNION SELECT 'goal ' || id FROM goal WHERE peer_id = ?1 UNION "
                "SELECT 'referral ' || id FROM referral WHERE peer_id = ?1 UNION SELECT "
                "'assessment ' || id FROM assessment WHERE peer_id = ?1 UNION SELECT "
                "'disclosure ' || dp.disclosure_id FROM disclosure_peer dp WHERE {}",
                disclosure_row_of_peer("dp")));
    query.bind(1, peer_id);
    query.bind(2, std::string(code));
    std::vector<std::string> objects;
    while (query.executeStep()) {
        objects.push_back(query.getColumn(0).getString());
    }
    return objects;
}

ForgetSeal seal_forgotten_records(SQLite::Database& db, const std::vector<std::string>& records) {
    ForgetSeal seal;
    for (const std::string& object : records) {
        std::string state = state_of_object(db, object);
        if (state != k_state_deleted) {
            append_audit(db, k_forget_unlink_action, object, "a forgotten peer was taken off it");
            continue;
        }
        ++seal.records_deleted;
        // Its latest event must read as redacted, or verify would take its absence for a
        // deletion with the shell (an event a redaction did not select, such as a baseline).
        SQLite::Statement redact(db, "UPDATE audit_event SET summary = ?, redacted = 1 WHERE "
                                     "object = ? AND summary_digest IS NOT NULL AND redacted = 0");
        redact.bind(1, std::string(k_audit_redacted));
        redact.bind(2, object);
        seal.events_redacted += redact.exec();
    }
    return seal;
}

long long redacted_state_events(SQLite::Database& db) {
    // Not those `peerlog encrypt` sealed (k_audit_sealed): no forget redacted them.
    SQLite::Statement count(db, "SELECT count(*) FROM audit_event WHERE redacted = 1 AND "
                                "record_state IS NOT NULL AND summary <> ?");
    count.bind(1, std::string(k_audit_sealed));
    count.executeStep();
    return count.getColumn(0).getInt64();
}

namespace {

// The events redact_peer_events redacts, for `?1` the peer's id and `?2` its code: the peer's
// own (through the subject index), the disclosures that included it, and every event of a
// group session it attended. A group session has no subject, and one override reason or edit
// may be about any attendee, so all its events go: over-redacting is the price of privacy.
// Events from before schema 4 have no digest: their hash covers the summary, so they keep it.
// A redacted event keeps its subject (the hash covers it); redacted = 0 keeps it from being
// chosen again should a later peer be given the same id.
std::string peer_events() {
    return fmt::format(
        "summary_digest IS NOT NULL AND redacted = 0 AND (subject_peer_id = ?1 OR (action = "
        "'disclosure' AND object IN (SELECT 'disclosure ' || dp.disclosure_id FROM "
        "disclosure_peer dp WHERE {})) OR object IN (SELECT 'session ' || session_id FROM "
        "session_attendee WHERE peer_id = ?1))",
        disclosure_row_of_peer("dp"));
}

} // namespace

long long redact_peer_events(SQLite::Database& db, std::int64_t peer_id, std::string_view code) {
    SQLite::Statement redact(
        db,
        fmt::format("UPDATE audit_event SET summary = ?3, redacted = 1 WHERE {}", peer_events()));
    redact.bind(1, peer_id);
    redact.bind(2, std::string(code));
    redact.bind(3, std::string(k_audit_redacted));
    return redact.exec();
}

long long count_peer_events(SQLite::Database& db, std::int64_t peer_id, std::string_view code) {
    SQLite::Statement count(
        db, fmt::format("SELECT count(*) FROM audit_event WHERE {}", peer_events()));
    count.bind(1, peer_id);
    count.bind(2, std::string(code));
    count.executeStep();
    return count.getColumn(0).getInt64();
}

namespace {

// The events whose summary quotes what was typed for a consent, an override or a disclosure,
// appended before the latest journal.encrypt event (in an encrypted journal new ones do not
// quote it); `digests` selects those that can be redacted (1) or those that cannot (0).
std::string typed_text_events(bool digests) {
    return fmt::format(
        "action IN ('{}') AND redacted = 0 AND summary_digest IS {}NULL AND id < coalesce((SELECT "
        "max(id) FROM audit_event WHERE action = 'journal.encrypt'), 9223372036854775807)",
        fmt::join(k_typed_text_actions, "', '"), digests ? "NOT " : "");
}

} // namespace

TypedTextRedaction redact_typed_text_events(SQLite::Database& db) {
    TypedTextRedaction result;
    SQLite::Statement redact(db, fmt::format("UPDATE audit_event SET summary = ?, redacted = 1 "
                                             "WHERE {}",
                                             typed_text_events(true)));
    redact.bind(1, std::string(k_audit_sealed));
    result.redacted = redact.exec();
    result.kept = db.execAndGet(fmt::format("SELECT count(*) FROM audit_event WHERE {}",
                                            typed_text_events(false)))
                      .getInt64();
    return result;
}

long long count_typed_text_events(SQLite::Database& db) {
    return db
        .execAndGet(
            fmt::format("SELECT count(*) FROM audit_event WHERE {}", typed_text_events(true)))
        .getInt64();
}

std::vector<AuditEvent> list_audit(Journal& journal, std::optional<Date> since) {
    std::vector<AuditEvent> events;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(db, fmt::format("SELECT {} FROM audit_event WHERE at >= ? ORDER "
                                                "BY id",
                                                k_audit_event_columns));
        query.bind(1, since ? format_date(*since) : std::string());
        while (query.executeStep()) {
            events.push_back(read_audit_event(query));
        }
    });
    return events;
}

AuditHead audit_head_in(SQLite::Database& db) {
    AuditHead head;
    SQLite::Statement last(db, "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1");
    if (last.executeStep()) {
        head = {last.getColumn(0).getInt64(), last.getColumn(1).getString()};
    }
    return head;
}

std::string describe(const AuditHead& head) {
    if (head.id == 0) {
        return "none yet (the audit trail has no event)";
    }
    return fmt::format("event {} {}", head.id, head.hash);
}

void record_export(Journal& journal, const std::string& what) {
    // An export changes no record: in an encrypted journal it needs no passphrase.
    write_transaction(
        journal, [&](SQLite::Database& db) { append_audit(db, "export", "export", what); },
        AuditKeyUse::none);
}

} // namespace peerlog
