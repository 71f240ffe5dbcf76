// Checking the audit trail: its chain, the records it vouches for, and the heads it published.
#include "audit_key.hpp"
#include "audit_log.hpp"
#include "journal_db.hpp"
#include "json_codec.hpp"
#include "peerlog/audit.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"
#include "record_state.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <regex>
#include <sodium.h>

namespace peerlog {
namespace {

using Digest = std::array<unsigned char, crypto_hash_sha256_BYTES>;

bool parse_digest(std::string_view hex, Digest& digest) {
    std::size_t length = 0;
    return hex.size() == digest.size() * 2 &&
           sodium_hex2bin(digest.data(), digest.size(), hex.data(), hex.size(), nullptr, &length,
                          nullptr) == 0 &&
           length == digest.size();
}

// The state a record was left in by the latest event about it (kept compact: a million
// sessions take 56 MB here, the events themselves are streamed).
struct LatestState {
    std::int64_t record_id = 0;
    std::int64_t event_id = 0;
    bool deleted = false;
    bool redacted = false;
    Digest digest{};
};

// "forgot R E": the records a forget deleted and the events with a state it redacted.
bool parse_forgot(std::string_view state, long long& records, long long& events) {
    constexpr std::string_view prefix = "forgot ";
    if (!state.starts_with(prefix)) {
        return false;
    }
    const char* end = state.data() + state.size();
    auto [middle, error] = std::from_chars(state.data() + prefix.size(), end, records);
    if (error != std::errc() || middle == end || *middle != ' ') {
        return false;
    }
    auto [last, error2] = std::from_chars(middle + 1, end, events);
    return error2 == std::errc() && last == end;
}

// The latest state of every record named by an event, by kind, and what the forgets committed to.
class LatestStates {
  public:
    // Notes an event's record state; says what is wrong with it ("" when nothing is).
    std::string note(const AuditEvent& event) {
        if (!event.record_state) {
            return "";
        }
        const std::string& state = *event.record_state;
        auto record = record_named(event.object);
        long long records = 0, events = 0;
        if (!record) {
            if (parse_forgot(state, records, events)) {
                forgotten_records += records;
                forgotten_events += events;
            } else if (state != k_state_none) {
                return "it carries a record state but names no record (it was altered)";
            }
            return "";
        }
        LatestState latest{record->id, event.id, state == k_state_deleted, event.redacted, {}};
        if (!latest.deleted && !parse_digest(state, latest.digest)) {
            return fmt::format("it is about {} but carries no state of it (it was altered)",
                               event.object);
        }
        m_by_kind[static_cast<std::size_t>(record->kind)].push_back(latest);
        return "";
    }

    // Keeps the latest state of each record, in record id order.
    void finish() {
        for (auto& states : m_by_kind) {
            std::stable_sort(states.begin(), states.end(),
                             [](const LatestState& a, const LatestState& b) {
                                 return a.record_id < b.record_id;
                             });
            auto last_of_each = std::unique(states.rbegin(), states.rend(),
                                            [](const LatestState& a, const LatestState& b) {
                                                return a.record_id == b.record_id;
                                            });
            states.erase(states.begin(), last_of_each.base());
        }
    }

    const std::vector<LatestState>& of(RecordKind kind) const {
        return m_by_kind[static_cast<std::size_t>(kind)];
    }

    long long forgotten_records = 0; ///< as the forget events committed to
    long long forgotten_events = 0;

  private:
    std::array<std::vector<LatestState>, 11> m_by_kind;
};

// Walks a kind's live records (id order) beside their latest states (record id order), telling
// `live` about each stored record and `gone` about each state whose record is not stored.
void merge_kind(SQLite::Database& db, RecordKind kind, const std::vector<LatestState>& states,
                const std::function<void(const LiveRecord&, const LatestState*)>& live,
                const std::function<void(const LatestState&)>& gone,
                const std::function<void(std::string_view, std::int64_t)>& orphan) {
    std::size_t next = 0;
    for_each_record_state(
        db, kind,
        [&](const LiveRecord& record) {
            while (next < states.size() && states[next].record_id < record.id) {
                gone(states[next++]);
            }
            bool known = next < states.size() && states[next].record_id == record.id;
            live(record, known ? &states[next++] : nullptr);
        },
        orphan);
    while (next < states.size()) {
        gone(states[next++]);
    }
}

// What is wrong with a stored record, given its latest state ("" when nothing is).
std::string record_problem(const LiveRecord& record, const LatestState* latest) {
    if (!latest) {
        return "is stored but no audit event records it: added outside peerlog";
    }
    if (latest->deleted) {
        return fmt::format("is stored though event {} deleted it: added back outside peerlog",
                           latest->event_id);
    }
    Digest digest{};
    if (!parse_digest(record.state, digest) || digest != latest->digest) {
        return fmt::format("differs from its state at event {}: changed outside peerlog",
                           latest->event_id);
    }
    return "";
}

// Compares every live record with its latest state, filling the check's record problems.
class RecordComparison {
  public:
    explicit RecordComparison(AuditCheck& check) : m_check(check) {}

    void compare(SQLite::Database& db, const LatestStates& states) {
        for (RecordKind kind : record_kinds()) {
            merge_kind(
                db, kind, states.of(kind),
                [&](const LiveRecord& record, const LatestState* latest) {
                    ++m_check.records;
                    std::string problem = record_problem(record, latest);
                    if (!problem.empty()) {
                        report(fmt::format("{} {}", object_name({kind, record.id}), problem));
                    }
                },
                [&](const LatestState& latest) { gone(kind, latest); },
                [&](std::string_view table, std::int64_t parent) {
                    report(fmt::format("a {} row names {}, which is not stored: added outside "
                                       "peerlog",
                                       table, object_name({kind, parent})));
                });
        }
        check_forgets(db, states);
    }

  private:
    void gone(RecordKind kind, const LatestState& latest) {
        if (latest.deleted) {
            return;
        }
        if (latest.redacted) {
            ++m_gone_redacted; // deleted by a forget, or so made to look: counted below
            return;
        }
        report(fmt::format("{} is not stored, but its latest event ({}) says it exists: deleted "
                           "outside peerlog",
                           object_name({kind, latest.record_id}), latest.event_id));
    }

    // A forget deletes records after redacting their events, and commits to how many of each:
    // records deleted with the shell and their events marked redacted by hand add to neither.
    void check_forgets(SQLite::Database& db, const LatestStates& states) {
        if (m_gone_redacted != states.forgotten_records) {
            report(fmt::format("{} no longer stored with their events redacted, but the forget "
                               "events account for {}: records were deleted, and their events "
                               "marked redacted, outside peerlog",
                               counted(m_gone_redacted, "record is", "records are"),
                               states.forgotten_records));
        }
        long long redacted = redacted_state_events(db);
        if (redacted != states.forgotten_events) {
            report(fmt::format(
                "{} redacted, but the forget events account for {}: events were "
                "marked redacted outside peerlog",
                counted(redacted, "event with a record state is", "events with a record state are"),
                states.forgotten_events));
        }
    }

    void report(std::string problem) {
        if (m_check.record_problems.size() < AuditCheck::k_max_listed) {
            m_check.record_problems.push_back(std::move(problem));
        }
        ++m_check.record_problem_count;
    }

    AuditCheck& m_check;
    long long m_gone_redacted = 0;
};

// What is wrong with one event's own content, or "" when nothing is.
std::string content_problem(const AuditEvent& event, bool digests_started, bool states_started) {
    if (!event.summary_digest) {
        return digests_started ? "it has no summary digest though an event before it has one "
                                 "(it was inserted or altered)"
                               : "";
    }
    if (!event.record_state && states_started) {
        return "it has no record state though an event before it has one (it was inserted or "
               "altered)";
    }
    if (event.redacted) {
        if (event.summary == k_audit_sealed) {
            if (!quotes_typed_text(event.action)) {
                return "its summary is marked sealed, yet it is no event that quotes typed text "
                       "(it was edited)";
            }
        } else if (event.summary != k_audit_redacted) {
            return "it is marked redacted but its summary is not the redaction marker (it was "
                   "edited)";
        }
    } else if (sha256_hex(event.summary) != *event.summary_digest) {
        return "its summary no longer matches its digest (it was edited)";
    }
    return "";
}

// One pass over the events in order: their links, hashes, digests and keyed MACs, the latest
// state of each record, and the hashes of the published heads.
class ChainWalk {
  public:
    ChainWalk(AuditCheck& check, const VerifyOptions& options, KeyedTrail keyed)
        : m_check(check), m_keyed(std::move(keyed)) {
        for (const AuditHead& head : options.published_heads) {
            if (head.id > 0) {
                m_published.push_back({head, std::nullopt});
            }
        }
        m_check.keyed_from = m_keyed.keyed_from;
    }

    void walk(SQLite::Database& db) {
        SQLite::Statement query(
            db, fmt::format("SELECT {} FROM audit_event ORDER BY id", k_audit_event_columns));
        while (query.executeStep()) {
            visit(read_audit_event(query));
        }
        m_check.head = m_previous;
        m_states.finish();
        check_published();
        std::string keyed_problem = m_keyed.problem_at_end(m_check.head.id);
        if (!keyed_problem.empty() && m_check.problem.empty()) {
            m_check.problem = keyed_problem;
        }
    }

    const LatestStates& states() const { return m_states; }

  private:
    void visit(const AuditEvent& event) {
        ++m_check.events;
        std::string problem;
        if (event.id != m_previous.id + 1) {
            problem = fmt::format("the event before it (id {}) is missing", event.id - 1);
        } else if (event.prev_hash != m_previous.hash) {
            problem = "it does not link to the event before it (one was changed, removed or put "
                      "in between)";
        } else {
            problem = content_problem(event, m_digests_started, m_states_started);
            if (problem.empty() && audit_hash(event) != event.hash) {
                problem = "its content no longer matches its hash (it was edited)";
            }
        }
        if (problem.empty()) {
            problem = m_states.note(event);
        }
        if (problem.empty()) {
            problem = m_keyed.problem_with(event, m_check);
        }
        if (!problem.empty() && !m_check.first_bad_event) {
            m_check.first_bad_event = event.id;
            m_check.problem = problem;
        }
        m_digests_started = m_digests_started || event.summary_digest.has_value();
        m_states_started = m_states_started || event.record_state.has_value();
        m_check.redacted += event.redacted ? 1 : 0;
        for (auto& [published, found] : m_published) {
            if (published.id == event.id) {
                found = event.hash;
            }
        }
        m_previous = {event.id, event.hash};
    }

    void check_published() {
        for (const auto& [published, found] : m_published) {
            if (!found) {
                m_check.head_problems.push_back(fmt::format(
                    "the published head, event {}, is not in the trail (it ends at event {}): "
                    "events were cut off after it",
                    published.id, m_check.head.id));
            } else if (*found != published.hash) {
                m_check.head_problems.push_back(fmt::format(
                    "event {} is not the one published (hash {}, now {}): the chain was "
                    "rewritten since",
                    published.id, published.hash, *found));
            }
        }
    }

    AuditCheck& m_check;
    KeyedTrail m_keyed;
    LatestStates m_states;
    AuditHead m_previous;
    bool m_digests_started = false;
    bool m_states_started = false;
    std::vector<std::pair<AuditHead, std::optional<std::string>>> m_published;
};

// A trail with no event at all is a new journal's, unless ids were handed out already.
void check_emptied(SQLite::Database& db, AuditCheck& check) {
    if (check.events > 0) {
        return;
    }
    SQLite::Statement given(db, "SELECT name, id FROM id_high_water WHERE id > 0 LIMIT 1");
    if (given.executeStep() && check.problem.empty()) {
        check.problem = fmt::format("it has no events, yet {} ids up to {} were given: its events "
                                    "were deleted",
                                    given.getColumn(0).getString(), given.getColumn(1).getInt64());
    }
}

} // namespace

AuditCheck verify_audit(Journal& journal, const VerifyOptions& options) {
    AuditCheck check;
    KeyedTrail keyed = keyed_trail_of(journal, options.use_key);
    read_transaction(journal, [&](SQLite::Database& db) {
        ChainWalk chain(check, options, std::move(keyed));
        chain.walk(db);
        RecordComparison(check).compare(db, chain.states());
        check_emptied(db, check);
    });
    return check;
}

namespace {

bool is_hash(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// The first "audit_head": {"id": N, "hash": H} anywhere in a JSON document.
std::optional<AuditHead> head_in_json(const Json& json) {
    if (json.is_object()) {
        auto head = json.find("audit_head");
        if (head != json.end() && head->is_object() && head->contains("id") &&
            head->contains("hash") && (*head)["id"].is_number_integer() &&
            (*head)["hash"].is_string() && is_hash((*head)["hash"].get<std::string>())) {
            return AuditHead{(*head)["id"].get<std::int64_t>(), (*head)["hash"].get<std::string>()};
        }
    }
    if (json.is_structured()) {
        for (const auto& value : json) {
            if (auto head = head_in_json(value)) {
                return head;
            }
        }
    }
    return std::nullopt;
}

// "event N HASH" (text and Markdown reports), "event N <code class="hash">HASH" (HTML) or
// "audit_head,N HASH" (a CSV's row).
std::optional<AuditHead> head_in_text(const std::string& text) {
    static const std::regex pattern(
        R"((?:event |audit_head\W+)(\d{1,18})(?:\W|<code class="hash">)+([0-9a-f]{64}))");
    std::smatch match;
    if (!std::regex_search(text, match, pattern)) {
        return std::nullopt;
    }
    return AuditHead{std::stoll(match[1].str()), match[2].str()};
}

} // namespace

AuditHead parse_head(std::string_view text) {
    auto colon = text.find(':');
    std::int64_t id = 0;
    bool valid = colon != std::string_view::npos && colon > 0;
    if (valid) {
        auto [end, error] = std::from_chars(text.data(), text.data() + colon, id);
        valid = error == std::errc() && end == text.data() + colon && id > 0 &&
                is_hash(text.substr(colon + 1));
    }
    if (!valid) {
        throw Error(ErrorKind::usage,
                    fmt::format("--head '{}' is not ID:HASH, an event id and its 64 lowercase hex "
                                "digits, as an export's audit_head or `audit verify` prints them.",
                                text));
    }
    return {id, std::string(text.substr(colon + 1))};
}

AuditHead published_head_in(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(
            ErrorKind::not_found,
            fmt::format("cannot read {} (--against): {}.", file.string(),
                        std::filesystem::exists(file) ? "permission denied" : "no such file"));
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::optional<AuditHead> head;
    Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded()) { // an NDJSON export's first line is its header, with the head
        json = Json::parse(text.substr(0, text.find('\n')), nullptr, false);
    }
    head = json.is_discarded() ? head_in_text(text) : head_in_json(json);
    if (!head) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("{} (--against) holds no audit head: give an export or report "
                                "peerlog wrote (it carries audit_head), or --head ID:HASH.",
                                file.string()));
    }
    return *head;
}

long long reseal_records(SQLite::Database& db, std::string_view action, std::string_view summary,
                         const std::function<void()>& rewrite) {
    LatestStates states;
    SQLite::Statement query(db, fmt::format("SELECT {} FROM audit_event WHERE record_state IS NOT "
                                            "NULL ORDER BY id",
                                            k_audit_event_columns));
    while (query.executeStep()) {
        states.note(read_audit_event(query));
    }
    states.finish();
    AuditCheck before;
    RecordComparison(before).compare(db, states);
    if (!before.record_problems.empty()) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the journal does not match its audit trail ({}); nothing was "
                                "changed. Run `peerlog audit verify`.",
                                before.record_problems.front()));
    }
    rewrite();
    std::vector<std::string> changed;
    for (RecordKind kind : record_kinds()) {
        merge_kind(
            db, kind, states.of(kind),
            [&](const LiveRecord& record, const LatestState* latest) {
                if (!record_problem(record, latest).empty()) {
                    changed.push_back(object_name({kind, record.id}));
                }
            },
            [](const LatestState&) {}, [](std::string_view, std::int64_t) {});
    }
    for (const std::string& object : changed) {
        append_audit(db, action, object, summary);
    }
    return static_cast<long long>(changed.size());
}

} // namespace peerlog
