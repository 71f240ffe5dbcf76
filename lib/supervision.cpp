// Supervision meetings and session reviews: validation and storage.
#include "peerlog/supervision.hpp"

#include "audit_log.hpp"
#include "enum_names.hpp"
#include "journal_db.hpp"
#include "peerlog/duration.hpp"
#include "record_ids.hpp"
#include "record_rows.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace peerlog {
namespace {

// What was talked about in supervision may name peers: the topics are sealed in an encrypted
// journal, by the meeting's id.
constexpr FieldAddress topics_address(std::int64_t supervision_id) {
    return {"supervision", "topics", supervision_id};
}

constexpr EnumName<SupervisionFormat> k_format_names[] = {
    {SupervisionFormat::individual, "individual"},
    {SupervisionFormat::group, "group"},
};

// A supervisor's comment on a session may speak of the peer: sealed like a session note.
constexpr FieldAddress comment_address(std::int64_t review_id) {
    return {"session_review", "comment", review_id};
}

} // namespace

SupervisionFormat parse_supervision_format(std::string_view text) {
    return parse_name(k_format_names, text, "supervision format");
}
std::string_view to_string(SupervisionFormat format) {
    return name_of(k_format_names, format);
}

void validate(const SupervisionMeeting& meeting, Date today) {
    validate_label(meeting.supervisor, "supervisor", 100);
    if (meeting.minutes < 1 || meeting.minutes > k_max_duration_minutes) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("a supervision meeting lasts 1 to {} minutes, not {}.",
                                k_max_duration_minutes, meeting.minutes));
    }
    validate_not_future(meeting.date, today, "supervision date");
}

std::int64_t add_supervision(Journal& journal, const SupervisionMeeting& meeting, Date today) {
    validate(meeting, today);
    unlock_to_seal(journal, meeting.topics); // before the write lock
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement insert(
            db, fmt::format("INSERT INTO supervision (id, date, minutes, supervisor, format, "
                            "created_at) VALUES ({}, ?, ?, ?, ?, ?)",
                            next_id_sql(NumberedTable::supervision)));
        bind_date(insert, 1, meeting.date);
        insert.bind(2, meeting.minutes);
        insert.bind(3, meeting.supervisor);
        insert.bind(4, std::string(to_string(meeting.format)));
        insert.bind(5, utc_timestamp());
        insert.exec();
        id = db.getLastInsertRowid();
        // Sealed once the id is known: it is the ciphertext's associated data.
        if (!meeting.topics.empty()) {
            store_sensitive(journal, db, topics_address(id), meeting.topics);
        }
        // The supervisor's name and the topics are typed text; the event gives the facts only.
        append_audit(db, "supervision.add", fmt::format("supervision {}", id),
                     fmt::format("{}, {} min, {}", format_date(meeting.date), meeting.minutes,
                                 to_string(meeting.format)));
    });
    return id;
}

std::vector<SupervisionMeeting> list_supervision(Journal& journal,
                                                 const std::optional<Period>& period) {
    std::vector<SupervisionMeeting> meetings;
    std::vector<StoredText> topics;
    read_transaction(journal, [&](SQLite::Database& db) {
        std::string sql = "SELECT id, date, minutes, supervisor, format, topics FROM supervision";
        if (period) {
            sql += " WHERE date BETWEEN :from AND :to";
        }
        SQLite::Statement query(db, sql + " ORDER BY date, id");
        if (period) {
            bind_date(query, query.getIndex(":from"), period->from);
            bind_date(query, query.getIndex(":to"), period->to);
        }
        while (query.executeStep()) {
            meetings.push_back({query.getColumn(0).getInt64(), stored_date(query.getColumn(1)),
                                query.getColumn(2).getInt(), query.getColumn(3).getString(),
                                parse_supervision_format(query.getColumn(4).getString()), ""});
            topics.push_back(stored_text(query.getColumn(5)));
        }
    });
    // Opened after the read, so a passphrase prompt never holds a transaction open.
    for (std::size_t i = 0; i < meetings.size(); ++i) {
        meetings[i].topics = reveal_stored(journal, topics_address(meetings[i].id), topics[i]);
    }
    return meetings;
}

void review_sessions(Journal& journal, const std::vector<std::int64_t>& ids,
                     const SessionReview& review) {
    validate_label(review.reviewer, "reviewer (--by)", 100);
    if (ids.empty()) {
        throw Error(ErrorKind::usage, "name at least one session id to review.");
    }
    unlock_to_seal(journal, review.comment);
    write_transaction(journal, [&](SQLite::Database& db) {
        for (auto id : ids) {
            SQLite::Statement known(db, "SELECT 1 FROM session WHERE id = ?");
            known.bind(1, id);
            if (!known.executeStep()) {
                throw Error(ErrorKind::not_found,
                            fmt::format("no session with id {}; nothing was reviewed. See the "
                                        "ids with `peerlog session list --unreviewed`.",
                                        id));
            }
            SQLite::Statement insert(
                db, fmt::format("INSERT INTO session_review (id, session_id, reviewer, "
                                "reviewed_on, created_at) VALUES ({}, ?, ?, ?, ?)",
                                next_id_sql(NumberedTable::review)));
            insert.bind(1, id);
            insert.bind(2, review.reviewer);
            bind_date(insert, 3, review.on);
            insert.bind(4, utc_timestamp());
            insert.exec();
            std::int64_t review_id = db.getLastInsertRowid();
            if (!review.comment.empty()) {
                store_sensitive(journal, db, comment_address(review_id), review.comment);
            }
            // The reviewer's name and the comment are typed text: neither is in the event.
            append_audit(db, "session.review", fmt::format("session {}", id),
                         fmt::format("review #{} on {}{}", review_id, format_date(review.on),
                                     review.comment.empty() ? "" : ", with a comment"));
        }
    });
}

} // namespace peerlog
