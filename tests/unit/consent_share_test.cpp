// Unit tests of what a consent allows disclosing: each category it shares, and nothing else,
// reaches every format of the identified export and the identified report; a peer's consents
// share their union; a consent recorded before categories existed counts as attendance alone.
#include "old_journal.hpp"
#include "peerlog/assessment.hpp"
#include "peerlog/audit.hpp"
#include "peerlog/consent.hpp"
#include "peerlog/goal.hpp"
#include "peerlog/group.hpp"
#include "peerlog/identified_report.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/referral.hpp"
#include "peerlog/session_store.hpp"
#include "test_journal.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

using namespace peerlog;
using peerlog::testing::create_at_schema;
using peerlog::testing::failure_of;
using peerlog::testing::message_of;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
const Date k_today = ymd(2026, 11, 18); // Wednesday of 2026-W47

// A text only the records of one category carry, in every format that prints text (and in
// JSON, where BARC-10 items are an array of numbers, its instrument).
struct Mark {
    ShareCategory category;
    std::string text;
    std::string json_text = text;
};
const std::vector<Mark> k_marks = {
    {ShareCategory::contact, "555-0199-larkspur"},
    {ShareCategory::attendance, "07:13"}, // the session's start
    {ShareCategory::support, "informational"},
    {ShareCategory::notes, "note-zanzibar"},
    {ShareCategory::goals, "goal-quokka"},
    {ShareCategory::referrals, "Ptarmigan House"},
    {ShareCategory::assessments, "6 1 6 1 6 1 6 1 6 2", "barc10"},
};

// P1 ("Name-Pelican") seen on 2026-11-17 with a record of every category; P2 seen too, never
// consenting.
struct ConsentingPeer {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "journal.db", OpenMode::write);
    Period week = period_of_week(parse_week("2026-W47", k_today));

    ConsentingPeer() {
        add_peer_seen("P1", "Name-Pelican", "555-0199-larkspur");
        add_peer_seen("P2", "Name-Cormorant", "555-0100");
        Goal goal{0,
                  "P1",
                  GoalDomain::housing,
                  "goal-quokka",
                  GoalStatus::open,
                  std::nullopt,
                  ymd(2026, 11, 10),
                  ymd(2026, 11, 10)};
        add_goal(journal, goal, k_today);
        add_resource(journal, {0, "Ptarmigan House", "housing", ""});
        add_referral(journal,
                     {0, "P1", "Ptarmigan House", ymd(2026, 11, 12), ReferralStatus::made,
                      ymd(2026, 11, 12)},
                     k_today);
        add_assessment(journal, {0, "P1", ymd(2026, 11, 12), parse_barc10("6,1,6,1,6,1,6,1,6,2")},
                       k_today);
    }
    void add_peer_seen(const std::string& code, const std::string& name,
                       const std::string& contact) {
        Peer peer;
        peer.code = code;
        peer.since = ymd(2026, 1, 5);
        add_peer(journal, peer, PeerIdentity{name, contact});
        Session session;
        session.peer_code = code;
        session.date = ymd(2026, 11, 17);
        session.start = TimeOfDay{7 * 60 + 13};
        session.minutes = 50;
        session.modality = Modality::video;
        session.setting = Setting::community;
        session.support = SupportSet::parse("informational");
        session.note = code == "P1" ? "note-zanzibar" : "note-of-P2";
        add_session(journal, session, k_today);
    }
    std::int64_t consent(ShareSet share, const std::string& purpose = "care coordination") {
        Consent c;
        c.peer_code = "P1";
        c.recipient = "Dr Lee";
        c.purpose = purpose;
        c.information = "as ticked on the form";
        c.share = share;
        c.signed_on = ymd(2026, 11, 1);
        c.effective_on = c.signed_on;
        c.expires_on = ymd(2027, 11, 1);
        return add_consent(journal, c);
    }
    IdentifiedReport prepare(const std::string& purpose = "") {
        auto request =
            disclosure_request(Config{}, "Dr Lee", purpose, k_today, SuppressionAsked::no);
        return prepare_identified_report(journal, week, {k_today, 30, "Sam"}, request);
    }
};

std::string export_text(const IdentifiedExport& disclosed, OutputFormat format) {
    std::ostringstream out;
    write_identified_export(out, disclosed, format);
    return out.str();
}

// The identified part of a report: what follows the de-identified summary, whose figures
// name support kinds and dates of every peer.
std::string identified_part(const IdentifiedReport& report, OutputFormat format) {
    std::ostringstream out;
    write_identified_report(out, report, format, {});
    std::string text = out.str();
    if (format == OutputFormat::json) {
        return nlohmann::json::parse(text)["identified"].dump();
    }
    if (format == OutputFormat::csv) {
        std::string rows;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            rows += line.starts_with("identified,") ? line + "\n" : "";
        }
        return rows;
    }
    auto at = text.find("Identified records for");
    REQUIRE(at != std::string::npos);
    return text.substr(at);
}

// Every identified output of the export and the report, by name.
std::vector<std::pair<std::string, std::string>> every_output(const IdentifiedReport& report) {
    std::vector<std::pair<std::string, std::string>> outputs;
    for (auto format : {OutputFormat::json, OutputFormat::ndjson, OutputFormat::csv}) {
        outputs.emplace_back("export " + std::string(to_string(format)),
                             export_text(report.disclosed, format));
    }
    for (auto format : {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv,
                        OutputFormat::json, OutputFormat::html}) {
        outputs.emplace_back("report " + std::string(to_string(format)),
                             identified_part(report, format));
    }
    return outputs;
}

// Each output names P1 and holds the mark of each category in `share`, and of no other.
void check_exactly(const IdentifiedReport& report, const ShareSet& share) {
    for (const auto& [name, text] : every_output(report)) {
        CAPTURE(name);
        CHECK(text.find("Name-Pelican") != std::string::npos);
        CHECK(text.find("Name-Cormorant") == std::string::npos);
        CHECK(text.find("note-of-P2") == std::string::npos);
        bool json = name.ends_with("json");
        for (const auto& mark : k_marks) {
            const std::string& sought = json ? mark.json_text : mark.text;
            CAPTURE(sought);
            CHECK((text.find(sought) != std::string::npos) == share.has(mark.category));
        }
    }
}

std::set<std::string> keys_of(const nlohmann::json& object) {
    std::set<std::string> keys;
    for (const auto& item : object.items()) {
        keys.insert(item.key());
    }
    return keys;
}

// The JSON keys a disclosed peer and its sessions carry under `share`.
std::set<std::string> expected_peer_keys(const ShareSet& share) {
    std::set<std::string> keys{"code", "name", "share", "consents"};
    if (share.has(ShareCategory::contact)) {
        keys.insert("contact");
    }
    for (auto category :
         {ShareCategory::attendance, ShareCategory::support, ShareCategory::notes}) {
        if (share.has(category)) {
            keys.insert("sessions");
        }
    }
    for (auto [category, key] : {std::pair{ShareCategory::goals, "goals"},
                                 {ShareCategory::referrals, "referrals"},
                                 {ShareCategory::assessments, "assessments"}}) {
        if (share.has(category)) {
            keys.insert(key);
        }
    }
    return keys;
}

std::set<std::string> expected_session_keys(const ShareSet& share) {
    std::set<std::string> keys{"id"};
    if (share.has(ShareCategory::attendance)) {
        keys.insert({"date", "start", "minutes", "modality", "setting", "group"});
    }
    if (share.has(ShareCategory::support)) {
        keys.insert("support");
    }
    if (share.has(ShareCategory::notes)) {
        keys.insert("note");
    }
    if (share.has(ShareCategory::goals)) {
        keys.insert("goals");
    }
    return keys;
}

void check_json_keys(const IdentifiedReport& report, const ShareSet& share) {
    auto exported = nlohmann::json::parse(export_text(report.disclosed, OutputFormat::json));
    std::ostringstream out;
    write_identified_report(out, report, OutputFormat::json, {});
    auto reported = nlohmann::json::parse(out.str());
    for (const auto& peer : {exported["peers"][0], reported["identified"]["peers"][0]}) {
        CHECK(keys_of(peer) == expected_peer_keys(share));
        CHECK(peer["share"] == share.names());
        if (peer.contains("sessions")) {
            REQUIRE(peer["sessions"].size() == 1);
            CHECK(keys_of(peer["sessions"][0]) == expected_session_keys(share));
        }
    }
}
} // namespace

TEST_CASE("share categories parse from a comma list and print in a fixed order") {
    CHECK(ShareSet::parse("Notes, contact") ==
          ShareSet{ShareCategory::contact, ShareCategory::notes});
    CHECK(ShareSet::parse("assessments,contact").to_string() == "contact,assessments");
    CHECK(ShareSet::all().names().size() == k_share_categories.size());
    for (auto category : k_share_categories) {
        CHECK(parse_share_category(to_string(category)) == category);
        CHECK_FALSE(describe(category).empty());
    }
    CHECK(failure_of([] { ShareSet::parse(" , "); }) == ErrorKind::invalid_data);
    std::string unknown = message_of([] { ShareSet::parse("attendance,everything"); });
    CHECK(unknown.find("'everything'") != std::string::npos);
    CHECK(unknown.find("contact, attendance, support, notes, goals, referrals, assessments") !=
          std::string::npos);
}

TEST_CASE("a consent names at least one category, and keeps the ones it was given") {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "journal.db", OpenMode::write);
    Peer peer;
    peer.code = "P1";
    peer.since = ymd(2026, 1, 5);
    add_peer(journal, peer);
    Consent c;
    c.peer_code = "P1";
    c.recipient = "Court";
    c.purpose = "probation";
    c.information = "attendance";
    c.signed_on = ymd(2026, 11, 1);
    c.effective_on = c.signed_on;
    c.expires_on = ymd(2027, 12, 31);
    CHECK(message_of([&] { add_consent(journal, c); }).find("--share") != std::string::npos);
    c.share = {ShareCategory::attendance, ShareCategory::goals};
    auto id = add_consent(journal, c);
    Consent stored = get_consent(journal, id);
    CHECK(stored.share == c.share);
    CHECK(stored.share_recorded);
    CHECK(share_not_recorded_warning(stored).empty());
    CHECK(list_audit(journal, std::nullopt).back().summary.ends_with("sharing attendance,goals"));
}

TEST_CASE("each category alone reaches every identified output, and no other") {
    for (auto category : k_share_categories) {
        CAPTURE(to_string(category));
        ConsentingPeer one; // a journal of its own: one consent each
        one.consent({category});
        IdentifiedReport report = one.prepare();
        REQUIRE(report.disclosed.peers.size() == 1);
        CHECK(report.disclosed.left_out == std::vector<std::string>{"P2"});
        check_exactly(report, {category});
        check_json_keys(report, {category});
    }
}

TEST_CASE_FIXTURE(ConsentingPeer, "every category together reaches every output") {
    consent(ShareSet::all());
    IdentifiedReport report = prepare();
    check_exactly(report, ShareSet::all());
    check_json_keys(report, ShareSet::all());
}

TEST_CASE_FIXTURE(ConsentingPeer,
                  "a peer's consents share their union, and --purpose picks among them") {
    consent({ShareCategory::notes}, "care coordination");
    consent({ShareCategory::contact, ShareCategory::attendance}, "housing");
    IdentifiedReport both = prepare();
    ShareSet united{ShareCategory::contact, ShareCategory::attendance, ShareCategory::notes};
    CHECK(both.disclosed.peers[0].share == united);
    CHECK(both.disclosed.peers[0].consent_ids.size() == 2);
    check_exactly(both, united);
    check_json_keys(both, united);

    IdentifiedReport housing = prepare("housing");
    ShareSet housing_only{ShareCategory::contact, ShareCategory::attendance};
    CHECK(housing.disclosed.peers[0].share == housing_only);
    check_exactly(housing, housing_only);
}

TEST_CASE_FIXTURE(ConsentingPeer, "the disclosure records the categories given of each peer") {
    consent({ShareCategory::attendance, ShareCategory::notes});
    IdentifiedReport report = prepare();
    record_disclosure(journal, report.disclosed);
    auto records = list_disclosures(journal, "P1");
    REQUIRE(records.size() == 1);
    CHECK(records[0].peer_codes == std::vector<std::string>{"P1"});
    CHECK(records[0].peer_shares ==
          std::vector<ShareSet>{{ShareCategory::attendance, ShareCategory::notes}});
    CHECK(records[0].information == "identified report summary: names, attendance, notes");
    CHECK(list_audit(journal, std::nullopt)
              .back()
              .summary.starts_with("identified report summary: names, attendance, notes of 1 "
                                   "peer"));
}

TEST_CASE_FIXTURE(ConsentingPeer,
                  "a group session is a consenting attendee's own attendance only") {
    add_group(journal, Group{0, "Circle", ""});
    Session group;
    group.group = "Circle";
    group.attendees = {"P1", "P2"};
    group.date = ymd(2026, 11, 16);
    group.minutes = 60;
    group.support = SupportSet::parse("affiliational");
    group.note = "group-note-walrus about P2";
    auto group_id = add_session(journal, group, k_today);
    consent({ShareCategory::attendance, ShareCategory::support, ShareCategory::notes,
             ShareCategory::goals});
    IdentifiedReport report = prepare();
    const auto& sessions = *report.disclosed.peers[0].sessions;
    auto found = std::find_if(sessions.begin(), sessions.end(),
                              [&](const DisclosedSession& s) { return s.id == group_id; });
    REQUIRE(found != sessions.end());
    REQUIRE(found->attendance);
    CHECK(found->attendance->group == "Circle");
    CHECK(found->attendance->minutes == 60);
    CHECK(found->support == SupportSet::parse("affiliational"));
    CHECK_FALSE(found->note);
    CHECK_FALSE(found->goals);
    for (const auto& [name, text] : every_output(report)) {
        CAPTURE(name);
        CHECK(text.find("walrus") == std::string::npos);
        CHECK(text.find("Cormorant") == std::string::npos);
        CHECK(text.find("Circle") != std::string::npos);
    }
}

TEST_CASE_FIXTURE(ConsentingPeer,
                  "goals, referrals and assessments are those dated by the period's end") {
    consent({ShareCategory::goals, ShareCategory::referrals, ShareCategory::assessments});
    week = period_of_week(parse_week("2026-W46", k_today)); // 2026-11-09 to 2026-11-15
    Session earlier;
    earlier.peer_code = "P1";
    earlier.date = ymd(2026, 11, 11);
    earlier.minutes = 30;
    earlier.support = SupportSet::parse("emotional");
    add_session(journal, earlier, k_today);
    add_goal(journal,
             {0, "P1", GoalDomain::health, "goal-after-the-week", GoalStatus::open, std::nullopt,
              ymd(2026, 11, 17), ymd(2026, 11, 17)},
             k_today);
    add_assessment(journal, {0, "P1", ymd(2026, 11, 16), parse_barc10("5,5,5,5,5,5,5,5,5,5")},
                   k_today);
    IdentifiedReport report = prepare();
    const DisclosedPeer& peer = report.disclosed.peers.at(0);
    REQUIRE(peer.goals);
    REQUIRE(peer.goals->size() == 1);
    CHECK(peer.goals->front().text == "goal-quokka");
    REQUIRE(peer.referrals);
    CHECK(peer.referrals->size() == 1);
    REQUIRE(peer.assessments);
    REQUIRE(peer.assessments->size() == 1);
    CHECK(peer.assessments->front().date == ymd(2026, 11, 12));
    CHECK_FALSE(peer.sessions); // no session category shared
    CHECK_FALSE(peer.contact);
}

TEST_CASE("a consent recorded before categories counts as attendance only, with a warning") {
    TempDir dir;
    auto path = dir.path() / "journal.db";
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        create_at_schema(raw, 5);
        raw.exec("INSERT INTO peer (id, code, since, created_at, updated_at) VALUES "
                 "(1, 'C3', '2026-01-05', 'x', 'x')");
        raw.exec("INSERT INTO session (id, peer_id, date, start_time, minutes, modality, setting, "
                 "support_mask, note, created_at, updated_at) VALUES (1, 1, '2026-11-17', "
                 "'07:13', 30, 'phone', 'office', 2, 'note-zanzibar', 'x', 'x')");
        raw.exec("INSERT INTO consent (id, peer_id, recipient, purpose, information, signed_on, "
                 "effective_on, expires_on, created_at) VALUES (3, 1, 'Court', 'probation', "
                 "'everything', '2026-11-01', '2026-11-01', '2027-12-31', 'x')");
        raw.exec("INSERT INTO disclosure (id, at, recipient, purpose, information, period_from, "
                 "period_to) VALUES (1, 't', 'Court', '', 'identity fields and session notes', "
                 "'2026-11-09', '2026-11-15')");
        raw.exec("INSERT INTO disclosure_peer (disclosure_id, peer_code, purpose, peer_id) "
                 "VALUES (1, 'C3', 'probation', 1)");
    }
    Journal journal = Journal::open(path, OpenMode::update);
    Consent legacy = get_consent(journal, 3);
    CHECK_FALSE(legacy.share_recorded);
    CHECK(legacy.share == ShareSet{ShareCategory::attendance});
    std::string warning = share_not_recorded_warning(legacy);
    CHECK(warning.find("consent 3") != std::string::npos);
    CHECK(warning.find("attendance only") != std::string::npos);
    CHECK(warning.find("peerlog consent add C3") != std::string::npos);

    IdentifiedExport disclosed = prepare_disclosure(
        journal, period_of_week(parse_week("2026-W47", k_today)),
        disclosure_request(Config{}, "court", "", k_today, SuppressionAsked::no));
    REQUIRE(disclosed.peers.size() == 1);
    CHECK(disclosed.peers[0].share == ShareSet{ShareCategory::attendance});
    REQUIRE(disclosed.share_not_recorded.size() == 1);
    CHECK(disclosed.share_not_recorded[0].id == 3);
    CHECK(disclosure_warnings(disclosed) == std::vector<std::string>{warning});
    std::string json = export_text(disclosed, OutputFormat::json);
    CHECK(json.find("07:13") != std::string::npos);
    CHECK(json.find("zanzibar") == std::string::npos);
    CHECK(json.find("\"support\"") == std::string::npos);

    // The disclosure made before categories records what peerlog gave then.
    auto records = list_disclosures(journal, "C3");
    REQUIRE(records.size() == 1);
    CHECK(records[0].peer_shares ==
          std::vector<ShareSet>{{ShareCategory::contact, ShareCategory::attendance,
                                 ShareCategory::support, ShareCategory::notes}});
}

TEST_CASE("identified outputs refuse small-cell suppression") {
    CHECK(failure_of([] {
              disclosure_request(Config{}, "Dr Lee", "", k_today, SuppressionAsked::yes);
          }) == ErrorKind::usage);
    CHECK(message_of([] {
              disclosure_request(Config{}, "Dr Lee", "", k_today, SuppressionAsked::yes);
          }).find("--suppress-below") != std::string::npos);
}
