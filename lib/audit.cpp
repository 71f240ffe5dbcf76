// The hash-chained audit trail: appending, listing, redacting and verifying.
#include "peerlog/audit.hpp"
#include "audit_log.hpp"
#include "disclosure_rows.hpp"
#include "journal_db.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sodium.h>

namespace peerlog {
namespace {

constexpr const char* k_event_columns =
    "id, at, action, object, summary, prev_hash, hash, summary_digest, redacted, subject_peer_id";

AuditEvent read_event(SQLite::Statement& row) {
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
    return event;
}

void ensure_sodium() {
    if (sodium_init() < 0) {
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

// The records an audit trail would have events for: any of them with no event at all means
// the trail was emptied.
std::vector<std::string> records_held(SQLite::Database& db) {
    std::vector<std::string> held;
    for (auto [table, noun] :
         {std::pair{"peer", "peer"}, std::pair{"session", "session"},
          std::pair{"peer_group", "group"}, std::pair{"resource", "resource"},
          std::pair{"supervision", "supervision meeting"}, std::pair{"checkin", "check-in"},
          std::pair{"disclosure", "disclosure"}}) {
        long long n = db.execAndGet(fmt::format("SELECT count(*) FROM {}", table)).getInt64();
        if (n > 0) {
            held.push_back(counted(n, noun));
        }
    }
    return held;
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
    std::string input = event.summary_digest ? "v2;" : "";
    std::vector<std::string> fields = {
        event.prev_hash, std::to_string(event.id),
        event.at,        event.action,
        event.object,    event.summary_digest ? *event.summary_digest : event.summary};
    if (event.summary_digest) {
        fields.push_back(event.subject_peer_id ? std::to_string(*event.subject_peer_id) : "");
    }
    for (const std::string& field : fields) {
        input += fmt::format("{}:{};", field.size(), field);
    }
    return sha256_hex(input);
}

void append_audit(SQLite::Database& db, std::string_view action, std::string_view object,
                  std::string_view summary) {
    AuditEvent event;
    SQLite::Statement last(db, "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1");
    if (last.executeStep()) {
        event.id = last.getColumn(0).getInt64() + 1;
        event.prev_hash = last.getColumn(1).getString();
    } else {
        event.id = 1;
        event.prev_hash = std::string(k_audit_genesis);
        // From the first event on, an empty trail can only mean one that was emptied.
        db.exec("UPDATE audit_baseline SET unaudited_history = 0");
    }
    event.at = utc_timestamp();
    event.action = action;
    event.object = object;
    event.summary = summary;
    event.summary_digest = sha256_hex(summary);
    event.subject_peer_id = subject_of(db, object);
    event.hash = audit_hash(event);
    SQLite::Statement insert(db, "INSERT INTO audit_event (id, at, action, object, summary, "
                                 "prev_hash, hash, summary_digest, subject_peer_id) VALUES (?, ?, "
                                 "?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, event.id);
    insert.bind(2, event.at);
    insert.bind(3, event.action);
    insert.bind(4, event.object);
    insert.bind(5, event.summary);
    insert.bind(6, event.prev_hash);
    insert.bind(7, event.hash);
    insert.bind(8, *event.summary_digest);
    if (event.subject_peer_id) {
        insert.bind(9, *event.subject_peer_id);
    } else {
        insert.bind(9);
    }
    insert.exec();
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
        "action IN ('consent.add', 'session.override', 'disclosure') AND redacted = 0 AND "
        "summary_digest IS {}NULL AND id < coalesce((SELECT max(id) FROM audit_event WHERE "
        "action = 'journal.encrypt'), 9223372036854775807)",
        digests ? "NOT " : "");
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
                                                k_event_columns));
        query.bind(1, since ? format_date(*since) : std::string());
        while (query.executeStep()) {
            events.push_back(read_event(query));
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

AuditHead audit_head_in(SQLite::Database& db, Date day) {
    AuditHead head;
    // Events are appended in time order, so the latest before the day's end is also the last
    // by id; the index on (at, id) finds it in one seek however long the trail after it is.
    SQLite::Statement last(db, "SELECT id, hash FROM audit_event WHERE at < ? ORDER BY at DESC, "
                               "id DESC LIMIT 1");
    last.bind(1, format_date(add_days(day, 1)));
    if (last.executeStep()) {
        head = {last.getColumn(0).getInt64(), last.getColumn(1).getString()};
    }
    return head;
}

AuditHead audit_head_on(Journal& journal, Date day) {
    AuditHead head;
    read_transaction(journal, [&](SQLite::Database& db) { head = audit_head_in(db, day); });
    return head;
}

std::string describe(const AuditHead& head, Date day) {
    if (head.id == 0) {
        return fmt::format("none yet (the audit trail has no event by {})", format_date(day));
    }
    return fmt::format("event {} {}", head.id, head.hash);
}

void record_export(Journal& journal, const std::string& what,
                   const std::function<void()>& produce) {
    write_transaction(journal, [&](SQLite::Database& db) {
        append_audit(db, "export", "export", what);
        if (produce) {
            produce();
        }
    });
}

namespace {

// What is wrong with one event's own content, or "" when nothing is.
std::string content_problem(const AuditEvent& event, bool digests_started) {
    if (!event.summary_digest) {
        return digests_started ? "it has no summary digest though an event before it has one "
                                 "(it was inserted or altered)"
                               : "";
    }
    if (event.redacted) {
        if (event.summary != k_audit_redacted && event.summary != k_audit_sealed) {
            return "it is marked redacted but its summary is not the redaction marker (it was "
                   "edited)";
        }
    } else if (sha256_hex(event.summary) != *event.summary_digest) {
        return "its summary no longer matches its digest (it was edited)";
    }
    return "";
}

} // namespace

AuditCheck verify_audit(Journal& journal) {
    AuditCheck check;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(
            db, fmt::format("SELECT {} FROM audit_event ORDER BY id", k_event_columns));
        AuditHead previous;
        bool digests_started = false;
        while (query.executeStep()) {
            AuditEvent event = read_event(query);
            ++check.events;
            std::string problem;
            if (event.id != previous.id + 1) {
                problem = fmt::format("the event before it (id {}) is missing", event.id - 1);
            } else if (event.prev_hash != previous.hash) {
                problem = "it does not link to the event before it (one was changed, removed "
                          "or put in between)";
            } else {
                problem = content_problem(event, digests_started);
                if (problem.empty() && audit_hash(event) != event.hash) {
                    problem = "its content no longer matches its hash (it was edited)";
                }
            }
            if (!problem.empty() && !check.first_bad_event) {
                check.first_bad_event = event.id;
                check.problem = problem;
            }
            digests_started = digests_started || event.summary_digest.has_value();
            check.redacted += event.redacted ? 1 : 0;
            previous = {event.id, event.hash};
        }
        check.head = previous;
        bool history_before_audit =
            db.execAndGet("SELECT count(*) FROM audit_baseline WHERE unaudited_history = 1")
                .getInt() > 0;
        if (check.events == 0 && !history_before_audit) {
            // Every record is added with an event, so records without any mean it was emptied.
            auto held = records_held(db);
            if (!held.empty()) {
                check.problem = fmt::format("it has no events, yet the journal holds {}: its "
                                            "events were deleted",
                                            fmt::join(held, ", "));
            }
        }
    });
    return check;
}

} // namespace peerlog
