// Unit tests of the identified summary report: consent decides who is named, every format
// carries the notice, and the report is recorded as a disclosure.
#include "disclosed_peer_output.hpp"
#include "peerlog/audit.hpp"
#include "peerlog/consent.hpp"
#include "peerlog/identified_report.hpp"
#include "peerlog/output_file.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/summary_report.hpp"
#include "test_journal.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace peerlog;
using peerlog::testing::failure_of;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
const Date k_today = ymd(2026, 11, 18); // Wednesday of 2026-W47

// P1 has a valid consent for Dr Lee, P2 none, P3 one revoked yesterday, P4 one that expired
// yesterday; each was seen in W47 with a distinctive note.
struct Caseload {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "journal.db", OpenMode::write);
    Period week = period_of_week(parse_week("2026-W47", k_today));
    SummaryOptions options{k_today, 30, "Sam"};

    Caseload() {
        for (const char* code : {"P1", "P2", "P3", "P4"}) {
            Peer peer;
            peer.code = code;
            peer.since = ymd(2026, 1, 5);
            add_peer(journal, peer, PeerIdentity{std::string("Name of ") + code, "555-01"});
            Session session;
            session.peer_code = code;
            session.date = ymd(2026, 11, 17);
            session.minutes = 40;
            session.support = SupportSet::parse("emotional,instrumental");
            session.note = std::string("note-of-") + code;
            add_session(journal, session, k_today);
        }
        consent("P1", {});
        auto revoked = consent("P3", {});
        revoke_consent(journal, revoked, add_days(k_today, -1));
        consent("P4", add_days(k_today, -1));
    }
    std::int64_t consent(const char* code, std::optional<Date> expires) {
        Consent c;
        c.peer_code = code;
        c.recipient = "Dr Lee";
        c.purpose = "care coordination";
        c.information = "name, contact and notes";
        c.share = {ShareCategory::contact, ShareCategory::attendance, ShareCategory::support,
                   ShareCategory::notes};
        c.signed_on = ymd(2026, 10, 1);
        c.effective_on = c.signed_on;
        c.expires_on = expires ? *expires : ymd(2027, 10, 1);
        return add_consent(journal, c);
    }
    DisclosureRequest request(std::string recipient = "Dr Lee") {
        return disclosure_request(Config{}, std::move(recipient), "", k_today,
                                  SuppressionAsked::no);
    }
    std::string produced; ///< the json the last report() wrote before it was recorded
    // As the CLI does it: prepared from a snapshot, written, then recorded.
    IdentifiedReport report(std::string recipient = "Dr Lee") {
        IdentifiedReport r =
            prepare_identified_report(journal, week, options, request(std::move(recipient)));
        std::ostringstream out;
        write_identified_report(out, r, OutputFormat::json, {});
        produced = out.str();
        record_disclosure(journal, r.disclosed);
        return r;
    }
    long long disclosure_events() {
        long long n = 0;
        for (const auto& event : list_audit(journal, std::nullopt)) {
            n += event.action.starts_with("disclosure") ? 1 : 0;
        }
        return n;
    }
};

std::string rendered(const IdentifiedReport& report, OutputFormat format) {
    std::ostringstream out;
    write_identified_report(out, report, format, {});
    return out.str();
}
} // namespace

TEST_CASE_FIXTURE(Caseload, "an identified report names only peers with a valid consent") {
    IdentifiedReport r = report();
    REQUIRE(r.disclosed.peers.size() == 1);
    const DisclosedPeer& p1 = r.disclosed.peers[0];
    CHECK(p1.code == "P1");
    CHECK(p1.name == "Name of P1");
    CHECK(p1.contact == "555-01");
    REQUIRE(p1.sessions);
    REQUIRE(p1.sessions->size() == 1);
    CHECK((*p1.sessions)[0].note == "note-of-P1");
    // P2 has no consent, P3's was revoked yesterday, P4's expired yesterday.
    CHECK(r.disclosed.left_out == std::vector<std::string>{"P2", "P3", "P4"});
    CHECK(left_out_warning(r.disclosed) == "left out (no valid consent for Dr Lee): P2, P3, P4");
}

TEST_CASE_FIXTURE(Caseload, "its figures are those of the de-identified summary report") {
    IdentifiedReport r = report();
    PeriodSummary plain = build_summary(journal, week, options);
    CHECK(r.summary.totals.sessions == 4);
    CHECK(r.summary.totals.minutes == plain.totals.minutes);
    CHECK(r.summary.suppressed_below == 0);
    for (auto format : {OutputFormat::table, OutputFormat::markdown}) {
        std::ostringstream summary;
        write_summary_report(summary, r.summary, format, {});
        CHECK(rendered(r, format).find(summary.str()) != std::string::npos);
    }
}

TEST_CASE_FIXTURE(Caseload, "the report is recorded as a disclosure and audited") {
    IdentifiedReport r = report();
    auto records = list_disclosures(journal, "");
    REQUIRE(records.size() == 1);
    CHECK(records[0].id == r.disclosed.disclosure_id);
    CHECK(records[0].recipient == "Dr Lee");
    CHECK(records[0].information == std::string(k_identified_report_information) +
                                        ": names, contact, attendance, support, notes");
    CHECK(records[0].peer_codes == std::vector<std::string>{"P1"});
    CHECK(list_disclosures(journal, "P2").empty());
    auto events = list_audit(journal, std::nullopt);
    REQUIRE_FALSE(events.empty());
    CHECK(events.back().action == "disclosure");
    CHECK(events.back().summary.find("identified report summary") != std::string::npos);
    CHECK(events.back().summary.find("note-of") == std::string::npos);
    // The head it carries is its snapshot's: the disclosure's own event follows it.
    CHECK(r.disclosed.audit_head.id == events.back().id - 1);
    CHECK(r.disclosed.audit_head.hash == events.back().prev_hash);
    CHECK_FALSE(verify_audit(journal).first_bad_event);
}

TEST_CASE_FIXTURE(Caseload, "without a consenting peer nothing is disclosed or recorded") {
    CHECK(failure_of([&] { report("Dr Smith"); }) == ErrorKind::privacy);
    CHECK(list_disclosures(journal, "").empty());
    // A revoked or expired consent alone does not count either.
    auto p1 = list_consents(journal, "P1");
    revoke_consent(journal, p1.at(0).id, k_today);
    CHECK(failure_of([&] { report(); }) == ErrorKind::privacy);
    CHECK(list_disclosures(journal, "").empty());
}

TEST_CASE("disclosure_request needs a recipient and carries the configured notice") {
    Config config;
    CHECK(failure_of([&] {
              disclosure_request(config, "  ", "", k_today, SuppressionAsked::no);
          }) == ErrorKind::usage);
    CHECK(disclosure_request(config, "Dr Lee", "", k_today, SuppressionAsked::no).notice ==
          default_redisclosure_notice());
    config.redisclosure_notice = "Do not pass this on.";
    config.specialist_name = "Sam";
    auto request = disclosure_request(config, "Dr Lee", "care", k_today, SuppressionAsked::no);
    CHECK(request.notice == "Do not pass this on.");
    CHECK(request.specialist == "Sam");
    CHECK(request.purpose == "care");
    CHECK(disclosure_request(config, " Dr Lee  ", " care ", k_today, SuppressionAsked::no)
              .recipient == "Dr Lee");
    CHECK(
        disclosure_request(config, " Dr Lee  ", " care ", k_today, SuppressionAsked::no).purpose ==
        "care");
}

TEST_CASE_FIXTURE(Caseload, "without a purpose asked for, the consents' purposes are recorded") {
    Consent other;
    other.peer_code = "P1";
    other.recipient = "Dr Lee";
    other.purpose = "relapse prevention";
    other.information = "notes";
    other.share = {ShareCategory::notes};
    other.signed_on = ymd(2026, 10, 2);
    other.effective_on = other.signed_on;
    other.expires_on = ymd(2027, 10, 1);
    add_consent(journal, other);
    IdentifiedReport r = report();
    CHECK(r.disclosed.purpose == "care coordination; relapse prevention");
    auto records = list_disclosures(journal, "");
    REQUIRE(records.size() == 1);
    CHECK(records[0].purpose == "care coordination; relapse prevention");
    CHECK(records[0].peer_purposes ==
          std::vector<std::string>{"care coordination; relapse prevention"});
    auto events = list_audit(journal, std::nullopt);
    CHECK(events.back().summary.ends_with(
        "1 peer for 2026-W47 (2026-11-16 to 2026-11-22) to Dr Lee for care coordination; "
        "relapse prevention"));
}

TEST_CASE_FIXTURE(Caseload, "a prepared report is recorded only by record_disclosure") {
    IdentifiedReport r = prepare_identified_report(journal, week, options, request());
    CHECK(r.disclosed.disclosure_id == 1); // foreseen in the snapshot, not yet recorded
    CHECK(list_disclosures(journal, "").empty());
    record_disclosure(journal, r.disclosed);
    CHECK(list_disclosures(journal, "").size() == 1);
    CHECK(r.disclosed.disclosure_id == list_disclosures(journal, "")[0].id);
}

TEST_CASE_FIXTURE(Caseload, "an output that fails while it is written records no disclosure") {
    IdentifiedReport r = prepare_identified_report(journal, week, options, request());
    CHECK(failure_of([&] {
              write_output_file(
                  {dir.path() / "report.json", journal.path()},
                  [](std::ostream&) {
                      throw Error(ErrorKind::io, "cannot write report.json: write failed (File "
                                                 "too large). Nothing was written.");
                  },
                  [&] { record_disclosure(journal, r.disclosed); });
          }) == ErrorKind::io);
    CHECK(list_disclosures(journal, "").empty());
    CHECK(disclosure_events() == 0);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "report.json"));
    CHECK_FALSE(verify_audit(journal).first_bad_event);
    // Once the output can be written, the same disclosure is recorded once.
    report();
    CHECK(list_disclosures(journal, "").size() == 1);
    CHECK(disclosure_events() == 1);
}

TEST_CASE_FIXTURE(Caseload, "a disclosure recorded meanwhile leaves the other's id taken: busy") {
    IdentifiedReport first = prepare_identified_report(journal, week, options, request());
    IdentifiedReport second = prepare_identified_report(journal, week, options, request());
    CHECK(first.disclosed.disclosure_id == second.disclosed.disclosure_id);
    record_disclosure(journal, first.disclosed);
    CHECK(failure_of([&] { record_disclosure(journal, second.disclosed); }) == ErrorKind::busy);
    CHECK(list_disclosures(journal, "").size() == 1);
    CHECK(disclosure_events() == 1);
}

TEST_CASE_FIXTURE(Caseload, "the output written before the record carries its id and head") {
    IdentifiedReport r = report();
    auto json = nlohmann::json::parse(produced);
    auto records = list_disclosures(journal, "");
    REQUIRE(records.size() == 1);
    CHECK(json["identified"]["disclosure"] == records[0].id);
    auto events = list_audit(journal, std::nullopt);
    CHECK(events.back().action == "disclosure");
    CHECK(json["identified"]["audit_head"]["id"] == events.back().id - 1);
    CHECK(json["identified"]["audit_head"]["hash"] == events.back().prev_hash);
}

TEST_CASE_FIXTURE(Caseload, "every format starts with the notice and holds only P1's text") {
    IdentifiedReport r = report();
    std::string notice(default_redisclosure_notice());
    CHECK(rendered(r, OutputFormat::table).rfind("Redisclosure notice: " + notice, 0) == 0);
    CHECK(rendered(r, OutputFormat::markdown).rfind("> **Redisclosure notice:** " + notice, 0) ==
          0);
    CHECK(rendered(r, OutputFormat::csv).rfind("notice,\"" + notice, 0) == 0);
    for (auto format :
         {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv, OutputFormat::json}) {
        CAPTURE(to_string(format));
        std::string text = rendered(r, format);
        CHECK(text.find("Name of P1") != std::string::npos);
        CHECK(text.find("note-of-P1") != std::string::npos);
        for (const char* absent : {"Name of P2", "note-of-P2", "note-of-P3", "note-of-P4"}) {
            CHECK(text.find(absent) == std::string::npos);
        }
    }
}

TEST_CASE_FIXTURE(Caseload, "the json is the summary report's with the notice and the peers") {
    IdentifiedReport r = report();
    auto json = nlohmann::json::parse(rendered(r, OutputFormat::json));
    CHECK(json["kind"] == "peerlog.report.summary.identified");
    CHECK(json["notice"] == std::string(default_redisclosure_notice()));
    CHECK(json["totals"]["sessions"] == 4);
    CHECK(json["identified"]["disclosure"] == r.disclosed.disclosure_id);
    CHECK(json["identified"]["recipient"] == "Dr Lee");
    REQUIRE(json["identified"]["peers"].size() == 1);
    const auto& peer = json["identified"]["peers"][0];
    CHECK(peer["code"] == "P1");
    CHECK(peer["name"] == "Name of P1");
    CHECK(peer["contact"] == "555-01");
    CHECK(peer["sessions"][0]["note"] == "note-of-P1");
    CHECK(peer["sessions"][0]["minutes"] == 40);
    CHECK(peer["sessions"][0]["date"] == "2026-11-17");
}

TEST_CASE_FIXTURE(Caseload, "the csv keeps the summary rows under a wider header") {
    std::string csv = rendered(report(), OutputFormat::csv);
    CHECK(csv.find("\r\nsection,item,sessions,minutes,value,name,contact,record,date,start,"
                   "modality,setting,group,support,note,detail,status\r\n") != std::string::npos);
    CHECK(csv.find("\r\ntotals,all,4,160,,,,,,,,,,,,,\r\n") != std::string::npos);
    CHECK(csv.find("\r\ndisclosure,recipient,,,Dr Lee,,,,,,,,,,,,\r\n") != std::string::npos);
    CHECK(csv.find("\r\nidentified,P1,,,,Name of P1,555-01,peer,,,,,,,,"
                   "contact;attendance;support;notes,\r\n") != std::string::npos);
    CHECK(csv.find("\r\nidentified,P1,,40,") != std::string::npos);
    CHECK(csv.find(",Name of P1,555-01,session,2026-11-17,,in-person,office,,"
                   "emotional;instrumental,note-of-P1,,\r\n") != std::string::npos);
}

TEST_CASE_FIXTURE(Caseload, "the workbook's sheets: the disclosure, the summary, then the records "
                            "with names and contacts as text") {
    IdentifiedReport r = report();
    std::vector<Sheet> sheets = identified_sheets(r.disclosed, {Sheet{"Middle", {}}});
    REQUIRE(sheets.size() == 3);
    CHECK(sheets[0].name == "Disclosure");
    CHECK(sheets[1].name == "Middle");
    CHECK(sheets[2].name == "Identified records");
    const SheetTable& about = sheets[0].tables.at(0);
    CHECK(about.rows.at(0) ==
          std::vector<std::string>{"Redisclosure notice", r.disclosed.request.notice});
    CHECK(about.rows.at(2) == std::vector<std::string>{"Recipient", "Dr Lee"});
    CHECK(about.rows.at(6) ==
          std::vector<std::string>{"Disclosure", std::to_string(r.disclosed.disclosure_id)});
    for (const auto& column : about.columns) {
        CHECK(column.type == CellType::text); // a purpose such as "2027" stays as typed
    }
    const SheetTable& records = sheets[2].tables.at(0);
    std::vector<CellType> types;
    for (const auto& column : records.columns) {
        types.push_back(column.type);
    }
    CHECK(types[0] == CellType::text);   // code
    CHECK(types[1] == CellType::text);   // name
    CHECK(types[2] == CellType::text);   // contact
    CHECK(types[4] == CellType::number); // id
    CHECK(types[5] == CellType::date);   // date
    CHECK(types[7] == CellType::number); // minutes
    REQUIRE(records.rows.size() == 2);   // P1's peer row and its session: no one else
    CHECK(records.rows[1][0] == "P1");
    CHECK(records.rows[1][1] == "Name of P1");
    CHECK(records.rows[1][2] == "555-01");
    CHECK(records.rows[1][3] == "session");
    CHECK(records.rows[1][5] == "2026-11-17");
    CHECK(records.rows[1][7] == "40");
    CHECK(records.rows[1][12] == "note-of-P1");
}
