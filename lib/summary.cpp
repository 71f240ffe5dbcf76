// Building the period summary from the journal.
#include "peerlog/summary.hpp"

#include "audit_log.hpp"
#include "journal_db.hpp"
#include "row_codec.hpp"
#include "text_util.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>

namespace peerlog {
namespace {

void bind_period(SQLite::Statement& query, const Period& period) {
    bind_date(query, query.getIndex(":from"), period.from);
    bind_date(query, query.getIndex(":to"), period.to);
}

void add_totals(SQLite::Database& db, const Period& period, SummaryTotals& totals) {
    SQLite::Statement query(
        db, "SELECT count(*), coalesce(sum(minutes), 0), count(DISTINCT peer_id), "
            "coalesce(sum(support_mask & 1 <> 0), 0), coalesce(sum(CASE WHEN support_mask & 1 "
            "THEN minutes END), 0), "
            "coalesce(sum(support_mask & 2 <> 0), 0), coalesce(sum(CASE WHEN support_mask & 2 "
            "THEN minutes END), 0), "
            "coalesce(sum(support_mask & 4 <> 0), 0), coalesce(sum(CASE WHEN support_mask & 4 "
            "THEN minutes END), 0), "
            "coalesce(sum(support_mask & 8 <> 0), 0), coalesce(sum(CASE WHEN support_mask & 8 "
            "THEN minutes END), 0) "
            "FROM session WHERE date BETWEEN :from AND :to");
    bind_period(query, period);
    query.executeStep();
    totals.sessions = query.getColumn(0).getInt64();
    totals.minutes = query.getColumn(1).getInt64();
    SQLite::Statement peers(
        db, "SELECT count(*) FROM (SELECT peer_id FROM session WHERE peer_id IS NOT NULL AND date "
            "BETWEEN :from AND :to UNION SELECT a.peer_id FROM session_attendee a JOIN session s "
            "ON s.id = a.session_id WHERE s.date BETWEEN :from AND :to)");
    bind_period(peers, period);
    peers.executeStep();
    totals.distinct_peers = peers.getColumn(0).getInt64();
    for (std::size_t kind = 0; kind < totals.by_support.size(); ++kind) {
        int column = 3 + 2 * static_cast<int>(kind);
        totals.by_support[kind] = {query.getColumn(column).getInt64(),
                                   query.getColumn(column + 1).getInt64()};
    }

    SQLite::Statement modalities(db, "SELECT modality, count(*), sum(minutes) FROM session "
                                     "WHERE date BETWEEN :from AND :to GROUP BY modality");
    bind_period(modalities, period);
    while (modalities.executeStep()) {
        auto index = static_cast<std::size_t>(parse_modality(modalities.getColumn(0).getString()));
        totals.by_modality[index] = {modalities.getColumn(1).getInt64(),
                                     modalities.getColumn(2).getInt64()};
    }

    SQLite::Statement new_peers(db, "SELECT count(*) FROM peer WHERE since BETWEEN :from AND :to");
    bind_period(new_peers, period);
    new_peers.executeStep();
    totals.new_peers = new_peers.getColumn(0).getInt64();
}

// A follow-up planned at a group session is one per named attendee.
constexpr const char* k_follow_ups_due_from =
    "FROM (SELECT s.id, s.peer_id, s.follow_up FROM session s WHERE s.follow_up BETWEEN :from "
    "AND :to AND s.peer_id IS NOT NULL UNION ALL SELECT s.id, a.peer_id, s.follow_up FROM "
    "session s JOIN session_attendee a ON a.session_id = s.id WHERE s.follow_up BETWEEN :from "
    "AND :to) c JOIN peer p ON p.id = c.peer_id";

long long count_follow_ups_due(SQLite::Database& db, const Period& period) {
    SQLite::Statement query(db, fmt::format("SELECT count(*) {}", k_follow_ups_due_from));
    bind_period(query, period);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

void visit_follow_ups_due(SQLite::Database& db, const Period& period,
                          const std::function<void(const FollowUp&)>& visit) {
    SQLite::Statement query(db, fmt::format("SELECT p.code, c.follow_up, c.id {} ORDER BY "
                                            "c.follow_up, p.code COLLATE NOCASE, c.id",
                                            k_follow_ups_due_from));
    bind_period(query, period);
    while (query.executeStep()) {
        visit({query.getColumn(0).getString(), stored_date(query.getColumn(1)),
               query.getColumn(2).getInt64()});
    }
}

// The caseload on `day` and its overdue follow-ups, in one statement: both ask each open peer's
// last contact (a group session they attended is contact too), so it is asked once, in the
// MATERIALIZED open_peer (each side a single seek; `seen` takes their larger). Rows of kind 0
// are the open peers (code, since, status, last contact); rows of kind 1 the overdue follow-ups
// (code, due, session id), in no order: sorting them here costs less than SQLite's sorter over
// every row.
// A follow-up is overdue when it fell due before `day` and the peer has had no contact since
// that session (a group session's follow-up is one per named attendee). Only a session on
// the peer's last day of contact can have one: any earlier session was followed by contact.
// So each open peer costs a seek for that day, not a look at every past follow-up. CROSS JOIN
// keeps the open peers driving the joins, and `+s.follow_up` keeps session_by_follow_up out
// of it (walking every past follow-up was 48 times slower at 1M sessions).
constexpr const char* k_caseload_and_overdue =
    "WITH open_peer AS MATERIALIZED (SELECT p.id, p.code, p.since, p.status, (SELECT date FROM "
    "session WHERE peer_id = p.id AND date <= :day ORDER BY date DESC LIMIT 1) AS own, (SELECT "
    "max(s.date) FROM session_attendee a JOIN session s ON s.id = a.session_id WHERE a.peer_id "
    "= p.id AND s.date <= :day) AS attended FROM peer p WHERE p.since <= :day AND (p.closed_on "
    "IS NULL OR p.closed_on > :day)), "
    "seen AS NOT MATERIALIZED (SELECT id, code, since, status, coalesce(max(own, attended), "
    "own, attended) AS last FROM open_peer) "
    "SELECT 0, code, since, status, last, NULL FROM seen "
    "UNION ALL SELECT 1, seen.code, s.follow_up, NULL, NULL, s.id FROM seen CROSS JOIN session "
    "s ON s.peer_id = seen.id AND s.date = seen.last WHERE +s.follow_up < :day "
    "UNION ALL SELECT 1, seen.code, s.follow_up, NULL, NULL, s.id FROM seen CROSS JOIN "
    "session_attendee a ON a.peer_id = seen.id CROSS JOIN session s ON s.id = a.session_id AND "
    "s.date = seen.last WHERE +s.follow_up < :day";

// SQLite's NOCASE order: ASCII letters folded, every other byte as it is.
bool nocase_less(std::string_view a, std::string_view b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto fold = [](char c) {
            auto byte = static_cast<unsigned char>(c);
            return byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte;
        };
        return fold(x) < fold(y);
    });
}

void add_caseload_and_overdue(SQLite::Database& db, Date day, int inactive_days,
                              PeriodSummary& summary) {
    Caseload& caseload = summary.caseload;
    caseload = {day, 0, 0, inactive_days, {}};
    SQLite::Statement query(db, k_caseload_and_overdue);
    bind_date(query, query.getIndex(":day"), day);
    while (query.executeStep()) {
        if (query.getColumn(0).getInt() == 1) {
            summary.follow_ups_overdue.push_back({query.getColumn(1).getString(),
                                                  stored_date(query.getColumn(2)),
                                                  query.getColumn(5).getInt64()});
            continue;
        }
        ++caseload.active_peers;
        if (std::string_view(query.getColumn(3).getText()) == "paused") {
            ++caseload.paused_peers;
            continue; // a paused peer is not expected to be seen
        }
        auto last_contact = stored_optional_date(query.getColumn(4));
        int days = days_between(last_contact.value_or(stored_date(query.getColumn(2))), day);
        if (days > inactive_days) {
            caseload.not_seen.push_back({query.getColumn(1).getString(), last_contact, days});
        }
    }
    std::sort(caseload.not_seen.begin(), caseload.not_seen.end(),
              [](const InactivePeer& a, const InactivePeer& b) {
                  return a.days_since != b.days_since ? a.days_since > b.days_since
                                                      : a.peer_code < b.peer_code;
              });
    // By day due, then peer code as SQLite's NOCASE orders it, then session.
    std::sort(summary.follow_ups_overdue.begin(), summary.follow_ups_overdue.end(),
              [](const FollowUp& a, const FollowUp& b) {
                  if (a.due != b.due) {
                      return a.due < b.due;
                  }
                  if (nocase_less(a.peer_code, b.peer_code)) {
                      return true;
                  }
                  if (nocase_less(b.peer_code, a.peer_code)) {
                      return false;
                  }
                  return a.session_id < b.session_id;
              });
}

// The period's sessions as they may leave the journal, in the order of visit_sessions. Notes
// and disclosure purposes are never even read: an export of years does not page them in. A
// group session has no peer: it carries its group's name and its attendees' codes instead.
void visit_rows(SQLite::Database& db, const Period& period,
                const std::function<void(const SessionRow&)>& visit) {
    SQLite::Statement query(
        db, "SELECT s.id, s.date, s.start_time, s.minutes, coalesce(p.code, ''), s.support_mask, "
            "s.modality, s.setting, s.disclosure <> '' OR s.disclosed, s.follow_up, "
            "coalesce(g.name, ''), s.unnamed_count, CASE WHEN s.group_id IS NULL THEN NULL ELSE "
            "(SELECT group_concat(code, ',') FROM (SELECT ap.code FROM session_attendee a JOIN "
            "peer ap ON ap.id = a.peer_id WHERE a.session_id = s.id ORDER BY ap.code COLLATE "
            "NOCASE)) END "
            "FROM session s LEFT JOIN peer p ON p.id = s.peer_id LEFT JOIN peer_group g ON g.id = "
            "s.group_id WHERE s.date BETWEEN :from AND :to "
            "ORDER BY s.date, s.start_time IS NULL, s.start_time, s.id");
    bind_period(query, period);
    SessionRow row;
    while (query.executeStep()) {
        row.id = query.getColumn(0).getInt64();
        row.date = stored_date(query.getColumn(1));
        row.start = stored_optional_time(query.getColumn(2));
        row.minutes = query.getColumn(3).getInt();
        row.peer_code = column_text(query.getColumn(4));
        row.support = SupportSet::from_mask(static_cast<unsigned>(query.getColumn(5).getInt()));
        row.modality = parse_modality(column_text(query.getColumn(6)));
        row.setting = parse_setting(column_text(query.getColumn(7)));
        row.self_disclosure = query.getColumn(8).getInt() != 0;
        row.follow_up = stored_optional_date(query.getColumn(9));
        row.group = column_text(query.getColumn(10));
        row.unnamed = query.getColumn(11).getInt();
        row.attendees = query.getColumn(12).isNull() ? std::vector<std::string>{}
                                                     : split(query.getColumn(12).getString(), ',');
        visit(row);
    }
}

} // namespace

void stream_summary(Journal& journal, const Period& period, const SummaryOptions& options,
                    const SummaryVisitor& visit) {
    PeriodSummary summary;
    summary.period = period;
    summary.specialist = options.specialist;
    Date as_of = std::min(options.today, period.to);
    read_transaction(journal, [&](SQLite::Database& db) {
        add_totals(db, period, summary.totals);
        summary.totals.follow_ups_due = count_follow_ups_due(db, period);
        if (visit.with_caseload) {
            add_caseload_and_overdue(db, as_of, options.inactive_days, summary);
        }
        summary.audit_head = audit_head_in(db); // the snapshot's: every event it saw
        visit.header(summary);
        if (visit.follow_up_due) {
            visit_follow_ups_due(db, period, visit.follow_up_due);
        }
        if (visit.row) {
            visit_rows(db, period, visit.row);
        }
    });
}

PeriodSummary summary_figures(Journal& journal, const Period& period,
                              const SummaryOptions& options) {
    PeriodSummary summary;
    stream_summary(journal, period, options,
                   {[&](const PeriodSummary& header) { summary = header; }, {}, {}});
    return summary;
}

PeriodSummary build_summary(Journal& journal, const Period& period, const SummaryOptions& options) {
    PeriodSummary summary;
    std::vector<FollowUp> due;
    std::vector<SessionRow> rows;
    stream_summary(journal, period, options,
                   {[&](const PeriodSummary& header) { summary = header; },
                    [&](const FollowUp& follow_up) { due.push_back(follow_up); },
                    [&](const SessionRow& row) { rows.push_back(row); }});
    summary.follow_ups_due = std::move(due);
    summary.sessions = std::move(rows);
    return summary;
}

} // namespace peerlog
