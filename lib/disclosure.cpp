// Identified exports, the record of each disclosure, and the accounting of disclosures.
#include "peerlog/disclosure.hpp"

#include "audit_log.hpp"
#include "disclosed_peer_output.hpp"
#include "disclosure_rows.hpp"
#include "journal_db.hpp"
#include "json_codec.hpp"
#include "peerlog/consent.hpp"
#include "peerlog/error.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/text_table.hpp"
#include "record_ids.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"
#include "text_util.hpp"
#include "xlsx_writer.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <sodium.h>

namespace peerlog {
namespace {

// The period's sessions, notes included, grouped by peer code in code order; a group session is
// listed for each named attendee (disclosed_session keeps only that attendee's part of it).
std::map<std::string, std::vector<Session>> sessions_by_peer(Journal& journal,
                                                             const Period& period) {
    SessionFilter filter;
    filter.period = period;
    filter.include_notes = true;
    std::map<std::string, std::vector<Session>> by_peer;
    for_each_session(journal, filter, [&](const Session& session) {
        if (!session.is_group()) {
            by_peer[session.peer_code].push_back(session);
            return;
        }
        for (const auto& code : session.attendees) {
            by_peer[code].push_back(session);
        }
    });
    return by_peer;
}

// The id a disclosure recorded now would get: past every id ever deleted (forget deletes a
// disclosure of one peer), since the output and the audit trail name it and it is never given
// again.
std::int64_t next_disclosure_id(SQLite::Database& db) {
    return db.execAndGet(fmt::format("SELECT {}", next_id_sql(NumberedTable::disclosure)))
        .getInt64();
}

// A contact as disclosed under `share`: the fields of its categories alone. A group session
// appears as the peer's own attendance: never its note, the goals it addressed or the other
// attendees, which concern people whose consent this disclosure does not rest on.
DisclosedSession disclosed_session(const Session& s, const ShareSet& share) {
    DisclosedSession disclosed;
    disclosed.id = s.id;
    if (share.has(ShareCategory::attendance)) {
        disclosed.attendance =
            DisclosedAttendance{s.date, s.start, s.minutes, s.modality, s.setting, s.group};
    }
    if (share.has(ShareCategory::support)) {
        disclosed.support = s.support;
    }
    if (share.has(ShareCategory::notes) && !s.is_group()) {
        disclosed.note = s.note;
    }
    if (share.has(ShareCategory::goals) && !s.is_group()) {
        disclosed.goals = s.goals;
    }
    return disclosed;
}

// The records dated on or before `last` (by the member `date`): a disclosure of a period gives
// nothing that happened after it.
template <class Record>
std::vector<Record> dated_by(std::vector<Record> records, Date Record::*date, Date last) {
    std::erase_if(records, [&](const Record& record) { return record.*date > last; });
    return records;
}

constexpr std::string_view k_purpose_separator = "; ";

// The distinct, non-empty purposes in the order first seen, joined by "; ".
std::string joined_purposes(const std::vector<std::string>& purposes) {
    std::vector<std::string> distinct;
    for (const auto& purpose : purposes) {
        std::string text(trim(purpose));
        if (!text.empty() && std::find(distinct.begin(), distinct.end(), text) == distinct.end()) {
            distinct.push_back(std::move(text));
        }
    }
    return fmt::format("{}", fmt::join(distinct, k_purpose_separator));
}

std::string purposes_of(const std::vector<Consent>& consents) {
    std::vector<std::string> purposes;
    for (const auto& consent : consents) {
        purposes.push_back(consent.purpose);
    }
    return joined_purposes(purposes);
}

// The purposes recorded for each peer of a disclosure, taken apart again and joined: the
// disclosure's purpose when none was asked for. A forgotten peer's row keeps its purposes: the
// accounting outlives the forget.
std::string purposes_of_peers(const std::vector<std::string>& peer_purposes) {
    std::vector<std::string> purposes;
    for (const auto& joined : peer_purposes) {
        std::string_view rest = joined;
        for (auto at = rest.find(k_purpose_separator); at != std::string_view::npos;
             at = rest.find(k_purpose_separator)) {
            purposes.emplace_back(rest.substr(0, at));
            rest.remove_prefix(at + k_purpose_separator.size());
        }
        purposes.emplace_back(rest);
    }
    return joined_purposes(purposes);
}

// One consenting peer: the name, and what the union of its consents' categories allows.
DisclosedPeer disclosed_peer(Journal& journal, const Period& period, const std::string& code,
                             const std::vector<Consent>& consents,
                             const std::vector<Session>& sessions) {
    DisclosedPeer peer;
    peer.code = code;
    peer.share = shared_categories(consents);
    for (const auto& consent : consents) {
        peer.consent_ids.push_back(consent.id);
    }
    peer.purpose = purposes_of(consents);
    PeerIdentity identity = get_identity(journal, code);
    peer.name = identity.name;
    const ShareSet& share = peer.share;
    if (share.has(ShareCategory::contact)) {
        peer.contact = identity.contact;
    }
    if (share.has(ShareCategory::attendance) || share.has(ShareCategory::support) ||
        share.has(ShareCategory::notes)) {
        peer.sessions.emplace();
        for (const auto& session : sessions) {
            peer.sessions->push_back(disclosed_session(session, share));
        }
    }
    if (share.has(ShareCategory::goals)) {
        peer.goals = dated_by(list_goals(journal, code), &Goal::opened_on, period.to);
    }
    if (share.has(ShareCategory::referrals)) {
        peer.referrals = dated_by(list_referrals(journal, code), &Referral::date, period.to);
    }
    if (share.has(ShareCategory::assessments)) {
        peer.assessments = dated_by(list_assessments(journal, code), &Assessment::date, period.to);
    }
    return peer;
}

} // namespace

DisclosureRequest disclosure_request(const Config& config, std::string recipient,
                                     std::string purpose, Date today,
                                     SuppressionAsked suppression) {
    if (suppression == SuppressionAsked::yes) {
        throw Error(ErrorKind::usage,
                    "--suppress-below hides small counts for figures shared beyond the "
                    "supervisor, but --identified names the peers: use one or the other.");
    }
    if (trim(recipient).empty()) {
        throw Error(ErrorKind::usage, "--identified needs --recipient: identified records go "
                                      "only to a recipient the peer consented to.");
    }
    DisclosureRequest request;
    request.recipient = std::string(trim(recipient)); // recorded as the consent's recipient is
    request.purpose = std::string(trim(purpose));
    request.today = today;
    request.specialist = config.specialist_name;
    request.notice = config.redisclosure_notice.empty() ? std::string(default_redisclosure_notice())
                                                        : config.redisclosure_notice;
    return request;
}

IdentifiedExport prepare_disclosure(Journal& journal, const Period& period,
                                    const DisclosureRequest& request) {
    IdentifiedExport result;
    result.period = period;
    result.request = request;
    result.purpose = request.purpose;
    std::vector<Consent> allowing; // every consent that allowed a peer's disclosure
    // One snapshot: the records, the consents, the id the disclosure will have and the chain
    // head the output carries, all as they stood at one instant.
    read_transaction(journal, [&](SQLite::Database& db) {
        for (const auto& [code, sessions] : sessions_by_peer(journal, period)) {
            auto consents =
                valid_consents(journal, code, request.recipient, request.purpose, request.today);
            if (consents.empty()) {
                result.left_out.push_back(code);
                continue;
            }
            result.peers.push_back(disclosed_peer(journal, period, code, consents, sessions));
            for (const auto& consent : consents) {
                if (!consent.share_recorded) {
                    result.share_not_recorded.push_back(consent);
                }
            }
            allowing.insert(allowing.end(), consents.begin(), consents.end());
        }
        result.disclosure_id = next_disclosure_id(db);
        result.audit_head = audit_head_in(db);
    });
    if (result.peers.empty()) {
        throw Error(ErrorKind::privacy,
                    fmt::format("no peer with sessions in {} has a valid consent to disclose to "
                                "'{}'{}; nothing was disclosed. Record one with `peerlog consent "
                                "add CODE --recipient ...`.",
                                describe(period), request.recipient,
                                request.purpose.empty() ? "" : " for " + request.purpose));
    }
    if (result.purpose.empty()) {
        result.purpose = purposes_of(allowing);
    }
    return result;
}

namespace {

// The recipient and purposes of a disclosure were typed (or copied from consents): sealed in an
// encrypted journal, by the disclosure's id (a peer's purposes: peer_purpose_address).
constexpr FieldAddress disclosure_address(std::int64_t disclosure_id, std::string_view column) {
    return {"disclosure", column, disclosure_id};
}

} // namespace

void record_disclosure(Journal& journal, const IdentifiedExport& result) {
    const std::string information = disclosed_information(result);
    unlock_to_seal(journal, result.request.recipient); // before the write lock
    write_transaction(journal, [&](SQLite::Database& db) {
        // The output already carries the id foreseen in its snapshot; another disclosure
        // recorded since took it, so this output cannot be given out as it is.
        if (next_disclosure_id(db) != result.disclosure_id) {
            throw Error(ErrorKind::busy,
                        "another disclosure was recorded while this one was being written, so "
                        "the disclosure number it carries is taken; nothing was disclosed. Run "
                        "it again.");
        }
        SQLite::Statement insert(db, "INSERT INTO disclosure (id, at, recipient, purpose, "
                                     "information, period_from, period_to) VALUES (?, ?, ?, ?, "
                                     "?, ?, ?)");
        insert.bind(1, result.disclosure_id);
        insert.bind(2, utc_timestamp());
        bind_sensitive(journal, insert, 3, disclosure_address(result.disclosure_id, "recipient"),
                       result.request.recipient);
        // The purpose asked for, if any: the consents' purposes are kept with each peer, so that
        // forgetting a peer takes its consents' purposes out of the accounting.
        bind_sensitive(journal, insert, 4, disclosure_address(result.disclosure_id, "purpose"),
                       result.request.purpose);
        insert.bind(5, information);
        bind_date(insert, 6, result.period.from);
        bind_date(insert, 7, result.period.to);
        insert.exec();
        for (const auto& peer : result.peers) {
            SQLite::Statement row(db, "INSERT INTO disclosure_peer (disclosure_id, peer_code, "
                                      "purpose, share_mask, peer_id) VALUES (?1, ?2, ?3, ?4, "
                                      "(SELECT id FROM peer WHERE code = ?2 COLLATE NOCASE))");
            row.bind(1, result.disclosure_id);
            row.bind(2, peer.code);
            bind_sensitive(journal, row, 3, peer_purpose_address(result.disclosure_id, peer.code),
                           peer.purpose);
            row.bind(4, static_cast<int>(peer.share.mask()));
            row.exec();
        }
        std::string what = fmt::format("{} of {} for {}", information,
                                       counted(static_cast<long long>(result.peers.size()), "peer"),
                                       describe(result.period));
        append_audit(
            db, "disclosure", fmt::format("disclosure {}", result.disclosure_id),
            encrypted(journal)
                ? what + "; recipient and purpose sealed in the disclosure record"
                : fmt::format("{} to {} for {}", what, result.request.recipient, result.purpose));
    });
}

std::string left_out_warning(const IdentifiedExport& disclosed) {
    if (disclosed.left_out.empty()) {
        return "";
    }
    return fmt::format("left out (no valid consent for {}): {}", disclosed.request.recipient,
                       fmt::join(disclosed.left_out, ", "));
}

std::vector<std::string> disclosure_warnings(const IdentifiedExport& disclosed) {
    std::vector<std::string> warnings;
    if (!disclosed.left_out.empty()) {
        warnings.push_back(left_out_warning(disclosed));
    }
    for (const auto& consent : disclosed.share_not_recorded) {
        warnings.push_back(share_not_recorded_warning(consent));
    }
    return warnings;
}

std::string disclosed_information(const IdentifiedExport& disclosed) {
    ShareSet given;
    for (const auto& peer : disclosed.peers) {
        given |= peer.share;
    }
    return fmt::format("{}: names, {}", disclosed.request.information, given.to_string(", "));
}

std::string disclosure_confirmation(const IdentifiedExport& disclosed) {
    return fmt::format("disclosure {} recorded: {} to {}", disclosed.disclosure_id,
                       counted(static_cast<long long>(disclosed.peers.size()), "peer"),
                       disclosed.request.recipient);
}

namespace {

Json header_json(const IdentifiedExport& d) {
    return Json{{"schema_version", 1},
                {"kind", "peerlog.export.identified"},
                {"notice", d.request.notice},
                {"specialist", d.request.specialist},
                {"recipient", d.request.recipient},
                {"purpose", d.purpose},
                {"period", period_json(d.period)},
                {"disclosure", d.disclosure_id},
                {"audit_head", {{"id", d.audit_head.id}, {"hash", d.audit_head.hash}}}};
}

} // namespace

void write_identified_export(std::ostream& out, const IdentifiedExport& d, OutputFormat format) {
    if (format == OutputFormat::csv) {
        out << csv_line({"notice", d.request.notice});
        write_csv_table(out, identified_records_table(d));
        return;
    }
    if (format == OutputFormat::xlsx) {
        write_workbook(out, identified_sheets(d, {}));
        return;
    }
    Json header = header_json(d);
    if (format == OutputFormat::ndjson) {
        header["type"] = "disclosure";
        write_json(out, header, true);
        for (const auto& peer : d.peers) {
            Json line = disclosed_peer_json(peer);
            line["type"] = "peer";
            write_json(out, line, true);
        }
        return;
    }
    Json peers = Json::array();
    for (const auto& peer : d.peers) {
        peers.push_back(disclosed_peer_json(peer));
    }
    header["peers"] = peers;
    write_json(out, header, false);
}

namespace {

// A disclosure as read, its recipient and purposes still as stored.
struct StoredDisclosure {
    DisclosureRecord record;
    StoredText recipient;
    StoredText purpose;
    std::vector<StoredText> peer_purposes;
    /// each peer's code as stored (k_forgotten_code once forgotten): its purpose's address
    std::vector<std::string> stored_codes;
};

// A per-peer purpose from the accounting query's JSON: [code, text or hex of sealed bytes,
// sealed, share mask].
StoredText peer_purpose_of(const Json& row) {
    std::string text = row[1].get<std::string>();
    if (row[2].get<int>() == 0) {
        return {text, false};
    }
    std::string bytes(text.size() / 2, '\0');
    std::size_t length = 0;
    sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                   text.size(), nullptr, &length, nullptr);
    bytes.resize(length);
    return {bytes, true};
}

} // namespace

std::vector<DisclosureRecord> list_disclosures(Journal& journal, const std::string& peer_code) {
    std::vector<StoredDisclosure> stored;
    read_transaction(journal, [&](SQLite::Database& db) {
        // A peer's own accounting (`peer_code` given) lists their code and their consents'
        // purposes alone: who else was disclosed, and why, is not theirs to be given. It finds
        // the peer of that code by id (disclosures under an earlier code included), and a code
        // no peer has now by the code the disclosures named (that of a renamed peer). A sealed
        // purpose travels through the JSON as hex.
        SQLite::Statement query(
            db,
            "WITH mine AS (SELECT dp.rowid AS row FROM disclosure_peer dp WHERE dp.peer_id = "
            "(SELECT id FROM peer WHERE code = ?1 COLLATE NOCASE) OR (dp.peer_code = ?1 COLLATE "
            "NOCASE AND (dp.peer_id IS NULL OR NOT EXISTS (SELECT 1 FROM peer WHERE code = ?1 "
            "COLLATE NOCASE)))) SELECT d.id, d.at, d.recipient, d.purpose, d.information, "
            "d.period_from, "
            "d.period_to, (SELECT json_group_array(json_array(peer_code, CASE typeof(purpose) "
            "WHEN 'blob' THEN hex(purpose) ELSE purpose END, typeof(purpose) = 'blob', "
            "share_mask)) FROM "
            "disclosure_peer WHERE disclosure_id = d.id AND (?1 = '' OR rowid IN (SELECT row "
            "FROM mine))), (SELECT count(*) FROM disclosure_peer WHERE disclosure_id = d.id) "
            "FROM disclosure d WHERE ?1 = '' OR EXISTS (SELECT 1 FROM "
            "disclosure_peer dp WHERE dp.disclosure_id = d.id AND dp.rowid IN (SELECT row FROM "
            "mine)) ORDER BY d.id");
        query.bind(1, peer_code);
        while (query.executeStep()) {
            StoredDisclosure one{
                {query.getColumn(0).getInt64(),
                 query.getColumn(1).getString(),
                 {},
                 {},
                 query.getColumn(4).getString(),
                 period_between(stored_date(query.getColumn(5)), stored_date(query.getColumn(6))),
                 query.getColumn(8).getInt64(),
                 {},
                 {},
                 {}},
                stored_text(query.getColumn(2)),
                stored_text(query.getColumn(3)),
                {},
                {}};
            for (const auto& peer : Json::parse(query.getColumn(7).getString())) {
                auto code = peer[0].get<std::string>();
                one.stored_codes.push_back(code);
                one.record.peer_codes.push_back(code == k_forgotten_code ? k_forgotten_peer : code);
                one.peer_purposes.push_back(peer_purpose_of(peer));
                one.record.peer_shares.push_back(ShareSet::from_mask(peer[3].get<unsigned>()));
            }
            stored.push_back(std::move(one));
        }
    });
    // Opened after the read, so a passphrase prompt never holds a transaction open.
    std::vector<DisclosureRecord> records;
    for (StoredDisclosure& one : stored) {
        DisclosureRecord& record = one.record;
        record.recipient =
            reveal_stored(journal, disclosure_address(record.id, "recipient"), one.recipient);
        record.purpose =
            reveal_stored(journal, disclosure_address(record.id, "purpose"), one.purpose);
        for (std::size_t i = 0; i < one.peer_purposes.size(); ++i) {
            record.peer_purposes.push_back(
                reveal_stored(journal, peer_purpose_address(record.id, one.stored_codes[i]),
                              one.peer_purposes[i]));
        }
        if (record.purpose.empty()) {
            record.purpose = purposes_of_peers(record.peer_purposes);
        }
        records.push_back(std::move(record));
    }
    return records;
}

namespace {

Json shares_json(const std::vector<ShareSet>& shares) {
    Json list = Json::array();
    for (const auto& share : shares) {
        list.push_back(share.names());
    }
    return list;
}

// "P1 (attendance,notes), P2 (attendance)": each peer with the categories given of it.
std::string peers_with_shares(const DisclosureRecord& r) {
    std::vector<std::string> peers;
    for (std::size_t i = 0; i < r.peer_codes.size(); ++i) {
        peers.push_back(fmt::format("{} ({})", r.peer_codes[i], r.peer_shares[i].to_string()));
    }
    return fmt::format("{}", fmt::join(peers, ", "));
}

} // namespace

void write_disclosures(std::ostream& out, const std::vector<DisclosureRecord>& records,
                       OutputFormat format, const RenderStyle& style) {
    if (format == OutputFormat::json) {
        Json list = Json::array();
        for (const auto& r : records) {
            list.push_back({{"id", r.id},
                            {"at", r.at},
                            {"recipient", r.recipient},
                            {"purpose", r.purpose},
                            {"information", r.information},
                            {"period", period_json(r.period)},
                            {"people", r.people},
                            {"peers", r.peer_codes},
                            {"peer_purposes", r.peer_purposes},
                            {"peer_shares", shares_json(r.peer_shares)}});
        }
        write_json(out, list, false);
        return;
    }
    TextTable table;
    for (const char* header :
         {"ID", "WHEN (UTC)", "RECIPIENT", "PURPOSE", "WHAT", "PERIOD", "PEOPLE", "PEERS"}) {
        table.column(header);
    }
    for (const auto& r : records) {
        table.row({std::to_string(r.id), r.at, r.recipient, r.purpose, r.information,
                   describe(r.period), std::to_string(r.people), peers_with_shares(r)});
    }
    out << table.render_text(style);
}

void write_audit_events(std::ostream& out, const std::vector<AuditEvent>& events,
                        OutputFormat format, const RenderStyle& style) {
    if (format == OutputFormat::json) {
        Json list = Json::array();
        for (const auto& e : events) {
            list.push_back({{"id", e.id},
                            {"at", e.at},
                            {"action", e.action},
                            {"object", e.object},
                            {"summary", e.summary},
                            {"redacted", e.redacted},
                            {"record_state", e.record_state ? Json(*e.record_state) : Json()},
                            {"keyed", e.mac.has_value()},
                            {"hash", e.hash}});
        }
        write_json(out, list, false);
        return;
    }
    TextTable table;
    for (const char* header : {"ID", "WHEN (UTC)", "ACTION", "OBJECT", "SUMMARY"}) {
        table.column(header);
    }
    for (const auto& e : events) {
        table.row({std::to_string(e.id), e.at, e.action, e.object, e.summary});
    }
    out << table.render_text(style);
}

} // namespace peerlog
