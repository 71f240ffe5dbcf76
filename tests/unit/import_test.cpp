// Unit tests of importing peers and sessions from CSV.
#include "peerlog/audit.hpp"
#include "peerlog/error.hpp"
#include "peerlog/group.hpp"
#include "peerlog/import.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/session_store.hpp"
#include "test_journal.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <sstream>

using namespace peerlog;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
ImportOptions options(bool dry_run = false) {
    ImportOptions o;
    o.today = ymd(2026, 11, 18);
    o.dry_run = dry_run;
    return o;
}

ImportResult sessions_from(Journal& journal, const std::string& csv, ImportOptions o) {
    std::istringstream in(csv);
    return import_sessions(journal, in, o);
}

ImportResult peers_from(Journal& journal, const std::string& csv, ImportOptions o) {
    std::istringstream in(csv);
    return import_peers(journal, in, o);
}

std::size_t session_count(Journal& journal) {
    return list_sessions(journal, {}).size();
}

const std::string k_peers = "code,stage,pathway,since\nP1,early,substance-use,2026-01-05\nP2,,,\n";
} // namespace

TEST_CASE("import: peers are added once and a second import of the file adds none") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    auto first = peers_from(journal, k_peers, options());
    CHECK(first.committed);
    CHECK(first.added == 2);
    CHECK(get_peer(journal, "P1").since == ymd(2026, 1, 5));
    CHECK(get_peer(journal, "P2").since == ymd(2026, 11, 18)); // no since: today
    auto again = peers_from(journal, k_peers, options());
    CHECK(again.added == 0);
    CHECK(again.already_present == 2);
}

TEST_CASE("import: a peer starting or closed after today is a bad row") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    auto result = peers_from(journal,
                             "code,since,status,closed_on\nP1,2026-11-19,,\n"
                             "P2,2026-01-05,closed,2026-12-01\nP3,2026-11-18,closed,2026-11-18\n",
                             options());
    CHECK_FALSE(result.committed);
    REQUIRE(result.problems.size() == 2);
    CHECK(result.problems[0].reason == "since 2026-11-19 is in the future (today is 2026-11-18)");
    CHECK(result.problems[1].reason ==
          "closed_on 2026-12-01 is in the future (today is 2026-11-18)");
    CHECK(list_peers(journal, true).empty());
}

TEST_CASE("import: session headers are matched by alias, in any case and order") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    peers_from(journal, k_peers, options());
    auto result = sessions_from(journal,
                                "Support Kinds,Client,Session Date,Duration,Location,Extra,\n"
                                "emotional;instrumental,p1,2026-11-02,1h30m,community,x,\n",
                                options());
    CHECK(result.committed);
    CHECK(result.added == 1);
    CHECK(result.ignored_columns == std::vector<std::string>{"Extra"});
    auto sessions = list_sessions(journal, {});
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].minutes == 90);
    CHECK(sessions[0].setting == Setting::community);
    CHECK(sessions[0].support.to_string() == "emotional,instrumental");
}

TEST_CASE("import: every bad row is reported by line and nothing is written") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    peers_from(journal, k_peers, options());
    std::string csv = "date,peer,minutes,support\n"
                      "2026-11-02,P1,45,emotional\n"
                      "2026-13-02,P1,45,emotional\n" // line 3: no such month
                      "2026-11-03,P9,45,emotional\n" // line 4: unknown peer
                      "2026-11-04,P2,0,emotional\n"  // line 5: zero minutes
                      "2026-11-05,P2,30,hugs\n"      // line 6: unknown support kind
                      "2026-11-05,P2,30\n";          // line 7: short row
    auto result = sessions_from(journal, csv, options());
    CHECK_FALSE(result.committed);
    REQUIRE(result.problems.size() == 5);
    CHECK(result.problems[0].line == 3);
    CHECK(result.problems[1].line == 4);
    CHECK(result.problems[1].reason.find("no peer 'P9'") != std::string::npos);
    CHECK(result.problems[2].line == 5);
    CHECK(result.problems[3].line == 6);
    CHECK(result.problems[4].line == 7);
    CHECK(session_count(journal) == 0);
}

TEST_CASE("import: a dry run counts what it would add and writes nothing") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    peers_from(journal, k_peers, options());
    auto result = sessions_from(journal, "date,peer,minutes,support\n2026-11-02,P1,45,emotional\n",
                                options(true));
    CHECK(result.added == 1);
    CHECK_FALSE(result.committed);
    CHECK(session_count(journal) == 0);
}

TEST_CASE("import: identical rows are distinct sessions, and re-import still adds none") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    peers_from(journal, k_peers, options());
    std::string csv = "date,peer,minutes,support\n"
                      "2026-11-02,P1,15,emotional\n"
                      "2026-11-02,P1,15,emotional\n"
                      "2026-11-02,P1,15,emotional;informational\n";
    CHECK(sessions_from(journal, csv, options()).added == 3);
    auto again = sessions_from(journal, csv, options());
    CHECK(again.added == 0);
    CHECK(again.already_present == 3);
    csv += "2026-11-02,P1,15,emotional\n"; // one more of the same: only that one is new
    CHECK(sessions_from(journal, csv, options()).added == 1);
    CHECK(session_count(journal) == 4);
}

TEST_CASE("import: US dates only when asked, ISO dates always") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    peers_from(journal, k_peers, options());
    std::string csv = "date,peer,minutes,support,follow_up\n11/2/2026,P1,45,emotional,"
                      "2026-11-20\n";
    CHECK(sessions_from(journal, csv, options(true)).problems.size() == 1);
    auto us = options();
    us.date_format = ImportDateFormat::us;
    auto result = sessions_from(journal, csv, us);
    CHECK(result.committed);
    auto sessions = list_sessions(journal, {});
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].date == ymd(2026, 11, 2));
    CHECK(sessions[0].follow_up == ymd(2026, 11, 20));
    CHECK(parse_import_date_format("US") == ImportDateFormat::us);
    CHECK_THROWS_AS(parse_import_date_format("eu"), Error);
}

TEST_CASE("import: --create-peers adds unknown codes, starting on their first session") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    auto o = options();
    o.create_peers = true;
    auto result = sessions_from(journal,
                                "date,peer,minutes,support\n2026-11-09,NEW-1,45,emotional\n"
                                "2026-11-02,new-1,30,emotional\n",
                                o);
    CHECK(result.committed);
    CHECK(result.peers_created == 1);
    CHECK(get_peer(journal, "NEW-1").since == ymd(2026, 11, 2));
    CHECK(session_count(journal) == 2);
}

TEST_CASE("import: a header without a required column is refused") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    CHECK_THROWS_AS(sessions_from(journal, "date,peer,support\n", options()), Error);
    CHECK_THROWS_AS(sessions_from(journal, "", options()), Error);
    CHECK_THROWS_AS(sessions_from(journal, "date,session_date,peer,minutes,support\n", options()),
                    Error);
}

TEST_CASE("import: a self-disclosure without a purpose, or a blank one, is kept as a disclosure") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    peers_from(journal, k_peers, options());
    sessions_from(journal,
                  "date,peer,minutes,support,self_disclosure,note,disclosure_purpose\n"
                  "2026-11-02,P1,45,emotional,yes,\"talked, \"\"a lot\"\"\",\n"
                  "2026-11-03,P1,45,emotional,yes,,\"   \"\n",
                  options());
    SessionFilter with_notes;
    with_notes.include_notes = true;
    auto sessions = list_sessions(journal, with_notes);
    REQUIRE(sessions.size() == 2);
    for (const auto& session : sessions) { // a purpose of spaces is none, as in session add
        CHECK(session.disclosed);
        CHECK(session.disclosure.empty());
        REQUIRE(session.flags.size() == 1);
        CHECK(session.flags[0].rule == BoundaryRule::disclosure_purpose);
    }
    CHECK(sessions[0].note == "talked, \"a lot\"");
}

TEST_CASE("import: the text report never passes a control character from the file through") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    auto result = sessions_from(journal,
                                "date,peer,minutes,support,\x1b]52;c;evil\x07\n"
                                "2026-11-02\x1b[2J,P1,45,emotional,x\n",
                                options(true));
    REQUIRE(result.problems.size() == 1);
    std::ostringstream text;
    write_import_result(text, result, OutputFormat::table);
    CHECK(text.str().find('\x1b') == std::string::npos);
    CHECK(text.str().find('\x07') == std::string::npos);
    CHECK(text.str().find("line 2: ") != std::string::npos);
}

namespace {
// Two peers and the group "Tuesday Circle", as `group add` leaves them.
Journal journal_with_group(const TempDir& dir) {
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    peers_from(journal, k_peers, options());
    add_group(journal, {0, "Tuesday Circle", "Tuesdays 18:00"});
    return journal;
}

const std::string k_group_header = "date,peer,minutes,support,group,attendees,unnamed\n";
} // namespace

TEST_CASE("import: a row with a group is a group session with its attendees and unnamed count") {
    TempDir dir;
    auto journal = journal_with_group(dir);
    auto result =
        sessions_from(journal,
                      k_group_header + "2026-11-03,,90,affiliational;emotional,tuesday circle,"
                                       "p2;P1,3\n"
                                       "2026-11-04,P1,45,emotional,,,0\n",
                      options());
    CHECK(result.committed);
    CHECK(result.added == 2);
    CHECK(result.groups_created == 0);
    auto sessions = list_sessions(journal, {});
    REQUIRE(sessions.size() == 2);
    CHECK(sessions[0].group == "Tuesday Circle");
    CHECK(sessions[0].peer_code.empty());
    CHECK(sessions[0].attendees == std::vector<std::string>{"P1", "P2"});
    CHECK(sessions[0].unnamed == 3);
    CHECK(sessions[0].minutes == 90);
    CHECK(sessions[1].peer_code == "P1");
    CHECK_FALSE(sessions[1].is_group());
    SessionFilter of_p2;
    of_p2.peer_code = "P2";
    CHECK(list_sessions(journal, of_p2).size() == 1); // an attendee's record holds the group
}

TEST_CASE("import: a file with a group column needs no peer column") {
    TempDir dir;
    auto journal = journal_with_group(dir);
    auto result = sessions_from(journal,
                                "Session Date,Duration,Support,Group Name,Attendee Codes,"
                                "Unnamed Count\n"
                                "2026-11-03,60,affiliational,Tuesday Circle,P1|P2,\n"
                                "2026-11-10,60,affiliational,Tuesday Circle,,4\n",
                                options());
    CHECK(result.committed);
    CHECK(result.added == 2);
    CHECK(result.ignored_columns.empty());
    CHECK_THROWS_AS(sessions_from(journal, "date,minutes,support,attendees\n", options()), Error);
}

TEST_CASE("import: an unknown group is refused unless --create-groups, which adds it once") {
    TempDir dir;
    auto journal = journal_with_group(dir);
    std::string csv = k_group_header + "2026-11-03,,60,affiliational,Friday Walk,P1,0\n"
                                       "2026-11-10,,60,affiliational,friday walk,P2;P1,1\n";
    auto refused = sessions_from(journal, csv, options());
    CHECK_FALSE(refused.committed);
    REQUIRE(refused.problems.size() == 2);
    CHECK(refused.problems[0].line == 2);
    CHECK(refused.problems[0].reason.find("no group 'Friday Walk'") != std::string::npos);
    CHECK(refused.problems[0].reason.find("--create-groups") != std::string::npos);
    CHECK(refused.problems[1].line == 3);
    CHECK(list_groups(journal).size() == 1);

    auto create = options(true);
    create.create_groups = true;
    auto dry = sessions_from(journal, csv, create);
    CHECK(dry.problems.empty());
    CHECK(dry.groups_created == 1);
    CHECK(dry.added == 2);
    CHECK(list_groups(journal).size() == 1); // a dry run creates nothing

    create.dry_run = false;
    auto created = sessions_from(journal, csv, create);
    CHECK(created.committed);
    CHECK(created.groups_created == 1);
    auto walk = group_overview(journal, "FRIDAY WALK");
    CHECK(walk.group.name == "Friday Walk"); // named as the file first spells it
    CHECK(walk.sessions == 2);
    CHECK(walk.attendances == 3);
    CHECK(walk.unnamed == 1);
}

TEST_CASE("import: unknown attendees are refused unless --create-peers") {
    TempDir dir;
    auto journal = journal_with_group(dir);
    std::string csv =
        k_group_header + "2026-11-03,,60,affiliational,Tuesday Circle,P1;NEW-1;NEW-2,0\n";
    auto refused = sessions_from(journal, csv, options());
    REQUIRE(refused.problems.size() == 1); // one row, one problem naming both codes
    CHECK(refused.problems[0].reason.find("no attendee 'NEW-1'") != std::string::npos);
    CHECK(refused.problems[0].reason.find("no attendee 'NEW-2'") != std::string::npos);
    auto create = options();
    create.create_peers = true;
    auto created = sessions_from(journal, csv, create);
    CHECK(created.committed);
    CHECK(created.peers_created == 2);
    CHECK(get_peer(journal, "NEW-2").since == ymd(2026, 11, 3));
}

TEST_CASE("import: a row with a peer and a group, or attendees without a group, is a bad row") {
    TempDir dir;
    auto journal = journal_with_group(dir);
    std::string csv = k_group_header +
                      "2026-11-03,P1,60,affiliational,Tuesday Circle,P2,0\n" // line 2: both
                      "2026-11-04,P1,60,emotional,,P2,0\n"                   // line 3: no group
                      "2026-11-05,,60,emotional,Tuesday Circle,,0\n"         // line 4: nobody
                      "2026-11-06,,60,emotional,Tuesday Circle,P1,many\n"    // line 5: count
                      "2026-11-07,,60,emotional,,,\n"                        // line 6: no one
                      "2026-11-07,P1,60,emotional,,,\n";                     // line 7: good
    auto result = sessions_from(journal, csv, options());
    CHECK_FALSE(result.committed);
    REQUIRE(result.problems.size() == 5);
    CHECK(result.problems[0].line == 2);
    CHECK(result.problems[0].reason.find("names a peer ('P1') and a group ('Tuesday Circle')") !=
          std::string::npos);
    CHECK(result.problems[1].line == 3);
    CHECK(result.problems[1].reason.find("names no group") != std::string::npos);
    CHECK(result.problems[2].line == 4);
    CHECK(result.problems[2].reason.find("nobody present") != std::string::npos);
    CHECK(result.problems[3].line == 5);
    CHECK(result.problems[3].reason.find("unnamed 'many'") != std::string::npos);
    CHECK(result.problems[4].line == 6);
    CHECK(result.problems[4].reason.find("names no peer") != std::string::npos);
    CHECK(session_count(journal) == 0);
}

TEST_CASE("import: group rows are identified by group, date, start, minutes and support kinds") {
    TempDir dir;
    auto journal = journal_with_group(dir);
    std::string csv = k_group_header +
                      "2026-11-03,,60,affiliational,Tuesday Circle,P1,0\n"
                      "2026-11-03,,60,affiliational,Tuesday Circle,P1,0\n"
                      "2026-11-03,,60,affiliational;emotional,Tuesday Circle,P1,0\n"
                      "2026-11-03,P1,60,affiliational,,,0\n"; // a one-on-one of the same shape
    CHECK(sessions_from(journal, csv, options()).added == 4);
    auto again = sessions_from(journal, csv, options());
    CHECK(again.committed);
    CHECK(again.added == 0);
    CHECK(again.already_present == 4);
    // Another spelling of the group and other attendees: still the same sessions.
    auto respelled = sessions_from(
        journal, k_group_header + "2026-11-03,,60,affiliational,TUESDAY CIRCLE,P2,2\n", options());
    CHECK(respelled.already_present == 1);
    CHECK(respelled.added == 0);
    csv += "2026-11-03,,60,affiliational,Tuesday Circle,P2,0\n"; // a third of the same: new
    CHECK(sessions_from(journal, csv, options()).added == 1);
    CHECK(session_count(journal) == 5);
}

TEST_CASE("import: a group session is audited and flagged like session add --group") {
    TempDir dir;
    auto journal = journal_with_group(dir);
    sessions_from(journal,
                  "date,minutes,support,group,attendees,self_disclosure,note\n"
                  "2026-11-03,60,affiliational,Tuesday Circle,P1,yes,shared a story\n",
                  options());
    SessionFilter with_notes;
    with_notes.include_notes = true;
    auto sessions = list_sessions(journal, with_notes);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].note == "shared a story");
    REQUIRE(sessions[0].flags.size() == 1);
    CHECK(sessions[0].flags[0].rule == BoundaryRule::disclosure_purpose);
    auto events = list_audit(journal, std::nullopt);
    CHECK(std::any_of(events.begin(), events.end(), [](const auto& event) {
        return event.action == "session.add" && event.summary.find("group #") != std::string::npos;
    }));
}

TEST_CASE("import: sessions are checked against the configured rules, a block only flags") {
    TempDir dir;
    auto journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    peers_from(journal, k_peers, options());
    ImportOptions o = options();
    o.boundaries.contact_from = TimeOfDay{7 * 60};
    o.boundaries.max_session_minutes = 60;
    o.boundaries.severities[static_cast<std::size_t>(BoundaryRule::session_length)] =
        Severity::block;
    auto result = sessions_from(journal,
                                "date,start,peer,minutes,support\n"
                                "2026-11-02,07:30,P1,45,emotional\n"  // allowed from 07:00 here
                                "2026-11-03,10:00,P1,90,emotional\n", // over 60: block -> warn
                                o);
    CHECK(result.committed);
    CHECK(result.added == 2);
    auto sessions = list_sessions(journal, {});
    REQUIRE(sessions.size() == 2);
    CHECK(sessions[0].flags.empty());
    REQUIRE(sessions[1].flags.size() == 1);
    CHECK(sessions[1].flags[0].rule == BoundaryRule::session_length);
    CHECK(sessions[1].flags[0].severity == Severity::warn);
}
