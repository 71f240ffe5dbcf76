// Unit tests of the peer and session stores on a throwaway journal.
#include "peerlog/audit.hpp"
#include "peerlog/error.hpp"
#include "peerlog/group.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/supervision.hpp"
#include "test_journal.hpp"

#include <algorithm>
#include <fmt/format.h>

#include <doctest/doctest.h>

using namespace peerlog;
using peerlog::testing::failure_of;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
const Date k_today = ymd(2026, 11, 18);

Peer make_peer(std::string code, Date since = ymd(2026, 10, 1)) {
    Peer peer;
    peer.code = std::move(code);
    peer.since = since;
    return peer;
}

Session make_session(std::string peer, Date date, int minutes, std::string support = "emotional") {
    Session session;
    session.peer_code = std::move(peer);
    session.date = date;
    session.minutes = minutes;
    session.support = SupportSet::parse(support);
    return session;
}

// The default rules with `rule` set to block.
BoundaryPolicy blocking(BoundaryRule rule) {
    BoundaryPolicy policy;
    policy.severities[static_cast<std::size_t>(rule)] = Severity::block;
    return policy;
}

// How many audit events have this action and a summary containing `text`.
long audited(Journal& journal, std::string_view action, std::string_view text) {
    auto events = list_audit(journal, std::nullopt);
    return std::count_if(events.begin(), events.end(), [&](const AuditEvent& e) {
        return e.action == action && e.summary.find(text) != std::string::npos;
    });
}

struct Fixture {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "journal.db", OpenMode::write);
};
} // namespace

TEST_CASE_FIXTURE(Fixture, "a peer is stored and found again by code, in any case") {
    Peer peer = make_peer("RJ-07");
    peer.stage = RecoveryStage::early;
    peer.pathway = Pathway::co_occurring;
    peer.referred_by = "drug court";
    add_peer(journal, peer);
    Peer found = get_peer(journal, "rj-07");
    CHECK(found.code == "RJ-07");
    CHECK(found.stage == RecoveryStage::early);
    CHECK(found.pathway == Pathway::co_occurring);
    CHECK(found.referred_by == "drug court");
    CHECK(found.since == ymd(2026, 10, 1));
    CHECK(failure_of([&] { add_peer(journal, make_peer("rj-07")); }) == ErrorKind::conflict);
    CHECK(failure_of([&] { get_peer(journal, "nobody"); }) == ErrorKind::not_found);
}

TEST_CASE_FIXTURE(Fixture, "closing, pausing and reopening a peer follow the status rules") {
    add_peer(journal, make_peer("P1"));
    CHECK(pause_peer(journal, "P1").status == PeerStatus::paused);
    CHECK(failure_of([&] { pause_peer(journal, "P1"); }) == ErrorKind::conflict);
    Peer closed = close_peer(journal, "P1", ymd(2026, 11, 1));
    CHECK(closed.status == PeerStatus::closed);
    CHECK(closed.closed_on == ymd(2026, 11, 1));
    CHECK(failure_of([&] { close_peer(journal, "P1", k_today); }) == ErrorKind::conflict);
    CHECK(failure_of([&] { add_session(journal, make_session("P1", k_today, 30), k_today); }) ==
          ErrorKind::conflict);
    Peer reopened = reopen_peer(journal, "P1");
    CHECK(reopened.status == PeerStatus::active);
    CHECK_FALSE(reopened.closed_on.has_value());
    CHECK(failure_of([&] { close_peer(journal, "P1", ymd(2026, 9, 1)); }) ==
          ErrorKind::invalid_data); // before the peer joined
}

TEST_CASE_FIXTURE(Fixture,
                  "editing a peer changes only what is given, and a new code must be free") {
    add_peer(journal, make_peer("P1"));
    add_peer(journal, make_peer("P2"));
    PeerEdit edit;
    edit.stage = RecoveryStage::mid;
    CHECK(edit_peer(journal, "P1", edit).stage == RecoveryStage::mid);
    PeerEdit rename;
    rename.code = "p2";
    CHECK(failure_of([&] { edit_peer(journal, "P1", rename); }) == ErrorKind::conflict);
    rename.code = "P1-new";
    CHECK(edit_peer(journal, "P1", rename).code == "P1-new");
    CHECK(get_peer(journal, "P1-new").stage == RecoveryStage::mid);
}

TEST_CASE_FIXTURE(Fixture, "peer listings count sessions and hide closed peers unless asked") {
    add_peer(journal, make_peer("B"));
    add_peer(journal, make_peer("a"));
    add_peer(journal, make_peer("C"));
    add_session(journal, make_session("B", ymd(2026, 11, 2), 30), k_today);
    add_session(journal, make_session("B", ymd(2026, 11, 9), 45), k_today);
    close_peer(journal, "C", k_today);
    auto open = list_peers(journal, false);
    REQUIRE(open.size() == 2);
    CHECK(open[0].peer.code == "a");
    CHECK(open[1].sessions == 2);
    CHECK(open[1].minutes == 75);
    CHECK(open[1].last_contact == ymd(2026, 11, 9));
    CHECK(list_peers(journal, true).size() == 3);
}

TEST_CASE_FIXTURE(Fixture, "a session is stored with every field and read back the same") {
    add_peer(journal, make_peer("P1"));
    Session session = make_session("P1", ymd(2026, 11, 17), 90, "instrumental,affiliational");
    session.start = TimeOfDay{10 * 60};
    session.modality = Modality::video;
    session.setting = Setting::treatment_centre;
    session.note = "Helped with the housing form.\nNext: call the landlord.";
    session.disclosure = "to show that setbacks pass";
    session.follow_up = ymd(2026, 11, 24);
    auto id = add_session(journal, session, k_today);
    Session stored = get_session(journal, id);
    CHECK(stored.peer_code == "P1");
    CHECK(stored.date == session.date);
    CHECK(stored.start == session.start);
    CHECK(stored.minutes == 90);
    CHECK(stored.support == session.support);
    CHECK(stored.modality == Modality::video);
    CHECK(stored.setting == Setting::treatment_centre);
    CHECK(stored.note == session.note);
    CHECK(stored.disclosure == session.disclosure);
    CHECK(stored.follow_up == session.follow_up);
}

TEST_CASE_FIXTURE(Fixture, "a session for an unknown peer or with bad data changes nothing") {
    add_peer(journal, make_peer("P1"));
    CHECK(failure_of([&] { add_session(journal, make_session("P9", k_today, 30), k_today); }) ==
          ErrorKind::not_found);
    CHECK(failure_of([&] {
              add_session(journal, make_session("P1", ymd(2026, 11, 19), 30), k_today);
          }) == ErrorKind::invalid_data);
    CHECK(list_sessions(journal, {}).empty());
}

TEST_CASE_FIXTURE(Fixture, "editing a session re-validates the whole session") {
    add_peer(journal, make_peer("P1"));
    add_peer(journal, make_peer("P2"));
    auto id = add_session(journal, make_session("P1", ymd(2026, 11, 10), 30), k_today);
    SessionEdit edit;
    edit.minutes = 50;
    edit.peer_code = "p2";
    Session edited = edit_session(journal, id, edit, k_today);
    CHECK(edited.minutes == 50);
    CHECK(edited.peer_code == "P2");
    CHECK(edited.date == ymd(2026, 11, 10));

    SessionEdit bad;
    bad.follow_up = ymd(2026, 11, 1);
    CHECK(failure_of([&] { edit_session(journal, id, bad, k_today); }) == ErrorKind::invalid_data);
    CHECK(get_session(journal, id).follow_up == std::nullopt);
    CHECK(failure_of([&] { edit_session(journal, 999, edit, k_today); }) == ErrorKind::not_found);
}

TEST_CASE_FIXTURE(Fixture, "removing a session deletes it; an unknown id is not found") {
    add_peer(journal, make_peer("P1"));
    auto id = add_session(journal, make_session("P1", k_today, 30), k_today);
    remove_session(journal, id);
    CHECK(failure_of([&] { get_session(journal, id); }) == ErrorKind::not_found);
    CHECK(failure_of([&] { remove_session(journal, id); }) == ErrorKind::not_found);
}

TEST_CASE_FIXTURE(Fixture, "the id of a deleted session or a forgotten peer is never given again") {
    add_peer(journal, make_peer("P1"));
    auto kept = add_session(journal, make_session("P1", k_today, 30), k_today);
    auto newest = add_session(journal, make_session("P1", k_today, 40), k_today);
    remove_session(journal, newest);
    auto next = add_session(journal, make_session("P1", k_today, 50), k_today);
    CHECK(next > newest);
    CHECK(next > kept);

    std::int64_t owner = add_peer(journal, make_peer("P2"));
    auto owned = add_session(journal, make_session("P2", k_today, 30), k_today);
    forget_peer(journal, "P2"); // the newest peer, with the newest session
    CHECK(add_peer(journal, make_peer("P3")) > owner);
    CHECK(add_session(journal, make_session("P3", k_today, 30), k_today) > owned);
}

TEST_CASE_FIXTURE(Fixture,
                  "session filters select by peer, period and support kind, in date order") {
    add_peer(journal, make_peer("P1"));
    add_peer(journal, make_peer("P2"));
    add_session(journal, make_session("P1", ymd(2026, 11, 17), 30, "emotional"), k_today);
    add_session(journal, make_session("P2", ymd(2026, 11, 10), 45, "instrumental"), k_today);
    Session timed = make_session("P1", ymd(2026, 11, 17), 20, "emotional,instrumental");
    timed.start = TimeOfDay{9 * 60};
    add_session(journal, timed, k_today);

    auto all = list_sessions(journal, {});
    REQUIRE(all.size() == 3);
    CHECK(all[0].date == ymd(2026, 11, 10));
    CHECK(all[1].start == TimeOfDay{9 * 60}); // a timed session before an untimed one that day

    SessionFilter by_peer;
    by_peer.peer_code = "p1";
    CHECK(list_sessions(journal, by_peer).size() == 2);

    SessionFilter by_week;
    by_week.period = period_of_week(IsoWeek{2026, 47});
    CHECK(list_sessions(journal, by_week).size() == 2);

    SessionFilter by_kind;
    by_kind.support = SupportKind::instrumental;
    CHECK(list_sessions(journal, by_kind).size() == 2);

    SessionFilter unknown;
    unknown.peer_code = "nobody";
    CHECK(failure_of([&] { list_sessions(journal, unknown); }) == ErrorKind::not_found);
}

TEST_CASE_FIXTURE(Fixture,
                  "a note search is one more filter, and its listing says where it matched") {
    add_peer(journal, make_peer("P1"));
    add_peer(journal, make_peer("P2"));
    auto noted = [&](std::string peer, Date date, std::string note) {
        Session session = make_session(std::move(peer), date, 30);
        session.note = std::move(note);
        return add_session(journal, session, k_today);
    };
    auto early = noted("P1", ymd(2026, 11, 9), "court, the week before");
    auto found = noted("P1", ymd(2026, 11, 17), "first line\nthe COURT date\ncourt again");
    noted("P2", ymd(2026, 11, 17), "the court date too");
    noted("P1", ymd(2026, 11, 17), "nothing here");
    noted("P1", ymd(2026, 11, 17), "");

    SessionFilter search;
    search.note_search.emplace("Court");
    SessionListing all = session_listing(journal, search);
    CHECK(all.searched_notes);
    CHECK(all.sessions.size() == 3);
    CHECK(all.sessions[0].session.id == early);
    CHECK(list_sessions(journal, search).size() == 3); // for_each_session filters the same

    search.peer_code = "P1";
    search.period = period_of_week(IsoWeek{2026, 47});
    SessionListing narrowed = session_listing(journal, search);
    REQUIRE(narrowed.sessions.size() == 1);
    const ListedSession& listed = narrowed.sessions[0];
    CHECK(listed.session.id == found);
    REQUIRE(listed.note_match);
    CHECK(listed.note_match->line == "the COURT date");
    CHECK(listed.note_match->more_lines == 1);
    CHECK(listed.session.note.empty()); // the note itself only with include_notes
    search.include_notes = true;
    CHECK(session_listing(journal, search).sessions[0].session.note ==
          "first line\nthe COURT date\ncourt again");

    SessionListing plain = session_listing(journal, {});
    CHECK_FALSE(plain.searched_notes);
    CHECK(plain.sessions.size() == 5);
    CHECK_FALSE(plain.sessions[0].note_match);
}

TEST_CASE_FIXTURE(Fixture, "an override stands on edit; only a rule that newly blocks refuses it") {
    add_peer(journal, make_peer("P1"));
    BoundaryPolicy policy = blocking(BoundaryRule::contact_hours);
    policy.severities[static_cast<std::size_t>(BoundaryRule::money)] = Severity::block;
    Session late = make_session("P1", ymd(2026, 11, 17), 30);
    late.start = TimeOfDay{23 * 60 + 30};
    auto id = add_session(journal, late, k_today, policy, "crisis call");
    CHECK(audited(journal, "session.override", "crisis call") == 1);

    SessionEdit note_only;
    note_only.note = "just a note change";
    Session edited = edit_session(journal, id, note_only, k_today, policy);
    CHECK(edited.note == "just a note change");
    REQUIRE(edited.flags.size() == 1);
    CHECK(edited.flags[0].override_reason == "crisis call");
    CHECK(audited(journal, "session.override", "crisis call") == 1); // not audited again

    SessionEdit money;
    money.facts = BoundaryFacts{};
    money.facts->money = true;
    money.note = "lent 20 for the bus";
    try {
        edit_session(journal, id, money, k_today, policy);
        FAIL("a rule that newly blocks must refuse the edit");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::privacy);
        std::string text = error.what();
        CHECK(text.find("the change to session " + std::to_string(id) + " was not saved") !=
              std::string::npos);
        CHECK(text.find("money") != std::string::npos);
        CHECK(text.find("contact_hours") == std::string::npos); // its override stands
    }
    CHECK(failure_of([&] { check_session_edit(journal, id, money, k_today, policy); }) ==
          ErrorKind::privacy);
    CHECK(get_session(journal, id).note == "just a note change");
    CHECK_FALSE(get_session(journal, id).facts.money);

    Session both = edit_session(journal, id, money, k_today, policy, "lent for a bus to detox");
    REQUIRE(both.flags.size() == 2);
    for (const auto& flag : both.flags) {
        CHECK(flag.override_reason == "lent for a bus to detox"); // a new reason replaces both
    }
    CHECK(audited(journal, "session.override", "lent for a bus to detox") == 2);
}

TEST_CASE_FIXTURE(Fixture, "a blank override is refused; one no rule needed is not stored") {
    add_peer(journal, make_peer("P1"));
    BoundaryPolicy policy = blocking(BoundaryRule::contact_hours);
    Session late = make_session("P1", ymd(2026, 11, 17), 30);
    late.start = TimeOfDay{23 * 60};
    CHECK(failure_of([&] { add_session(journal, late, k_today, policy, "   "); }) ==
          ErrorKind::usage);
    CHECK(list_sessions(journal, {}).empty());

    SaveEffects effects;
    auto id = add_session(journal, make_session("P1", ymd(2026, 11, 17), 30), k_today, policy,
                          "just in case", &effects);
    CHECK(effects.override_unused);
    CHECK(get_session(journal, id).flags.empty());
    CHECK(audited(journal, "session.override", "just in case") == 0);

    SaveEffects used;
    add_session(journal, late, k_today, policy, "crisis call", &used);
    CHECK_FALSE(used.override_unused);
    SessionEdit blank;
    blank.minutes = 20;
    CHECK(failure_of([&] { edit_session(journal, id, blank, k_today, policy, "\t"); }) ==
          ErrorKind::usage);
}

TEST_CASE_FIXTURE(Fixture, "a session before its peer's since puts the peer on the caseload then") {
    add_peer(journal, make_peer("RJ-07", k_today));
    add_peer(journal, make_peer("P2", k_today));
    add_peer(journal, make_peer("P3", ymd(2026, 11, 1)));
    SaveEffects effects;
    auto id = add_session(journal, make_session("RJ-07", ymd(2026, 11, 3), 30), k_today, {}, {},
                          &effects);
    CHECK(get_peer(journal, "RJ-07").since == ymd(2026, 11, 3));
    REQUIRE(effects.caseload_starts.size() == 1);
    CHECK(effects.caseload_starts[0].peer_code == "RJ-07");
    CHECK(effects.caseload_starts[0].since == ymd(2026, 11, 3));
    CHECK(audited(journal, "peer.edit",
                  fmt::format("since moved back to 2026-11-03, the date of session {}", id)) == 1);

    SaveEffects later;
    add_session(journal, make_session("RJ-07", ymd(2026, 11, 10), 30), k_today, {}, {}, &later);
    CHECK(later.caseload_starts.empty());
    CHECK(get_peer(journal, "RJ-07").since == ymd(2026, 11, 3));

    SessionEdit earlier;
    earlier.date = ymd(2026, 10, 30);
    SaveEffects moved;
    edit_session(journal, id, earlier, k_today, {}, {}, &moved);
    CHECK(get_peer(journal, "RJ-07").since == ymd(2026, 10, 30));
    CHECK(moved.caseload_starts.size() == 1);

    add_group(journal, Group{0, "Tuesday circle", ""});
    Session group = make_session("", ymd(2026, 11, 2), 60);
    group.group = "Tuesday circle";
    group.attendees = {"P2", "P3"};
    SaveEffects attended;
    add_session(journal, group, k_today, {}, {}, &attended);
    CHECK(get_peer(journal, "P2").since == ymd(2026, 11, 2));
    CHECK(get_peer(journal, "P3").since == ymd(2026, 11, 1)); // already on the caseload
    REQUIRE(attended.caseload_starts.size() == 1);
    CHECK(attended.caseload_starts[0].peer_code == "P2");
}

TEST_CASE_FIXTURE(Fixture, "a peer's since is neither after today nor after their first contact") {
    Date tomorrow = ymd(2026, 11, 19);
    CHECK(failure_of([&] { add_peer(journal, make_peer("FUT", tomorrow), {}, k_today); }) ==
          ErrorKind::invalid_data);
    CHECK(failure_of([&] { get_peer(journal, "FUT"); }) == ErrorKind::not_found);
    add_peer(journal, make_peer("P1", ymd(2026, 11, 1)), {}, k_today);
    add_peer(journal, make_peer("P2", ymd(2026, 11, 1)), {}, k_today);
    add_session(journal, make_session("P1", ymd(2026, 11, 5), 30), k_today);
    add_group(journal, Group{0, "Circle", ""});
    Session group = make_session("", ymd(2026, 11, 3), 60);
    group.group = "Circle";
    group.attendees = {"P2"};
    add_session(journal, group, k_today);

    PeerEdit future;
    future.since = tomorrow;
    CHECK(failure_of([&] { edit_peer(journal, "P1", future, k_today); }) ==
          ErrorKind::invalid_data);
    PeerEdit after_contact;
    after_contact.since = ymd(2026, 11, 6);
    try {
        edit_peer(journal, "P1", after_contact, k_today);
        FAIL("a since after the first session was taken");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::invalid_data);
        CHECK(std::string(error.what()).find("first contact on 2026-11-05") != std::string::npos);
    }
    after_contact.code = "P1-new";
    try {
        edit_peer(journal, "P1", after_contact, k_today);
        FAIL("a since after the first session was taken along with a new code");
    } catch (const Error& error) {
        CHECK(std::string(error.what()).find("peer P1's first contact") != std::string::npos);
    }
    CHECK(failure_of([&] { get_peer(journal, "P1-new"); }) == ErrorKind::not_found);
    after_contact.code.reset();
    after_contact.since = ymd(2026, 11, 4); // after the group session P2 attended
    CHECK(failure_of([&] { edit_peer(journal, "P2", after_contact, k_today); }) ==
          ErrorKind::invalid_data);
    CHECK(get_peer(journal, "P1").since == ymd(2026, 11, 1)); // unchanged
    PeerEdit on_contact;
    on_contact.since = ymd(2026, 11, 5);
    CHECK(edit_peer(journal, "P1", on_contact, k_today).since == ymd(2026, 11, 5));
    on_contact.since = ymd(2026, 11, 3);
    CHECK(edit_peer(journal, "P2", on_contact, k_today).since == ymd(2026, 11, 3));
}

TEST_CASE_FIXTURE(Fixture, "a peer.edit event names the fields that changed, not the typed text") {
    std::int64_t id = add_peer(journal, make_peer("P1"));
    auto last_edit = [&] {
        auto events = list_audit(journal, std::nullopt);
        REQUIRE(events.back().action == "peer.edit");
        CHECK(events.back().object == fmt::format("peer #{}", id));
        return events.back().summary;
    };
    PeerEdit stage;
    stage.stage = RecoveryStage::late;
    edit_peer(journal, "P1", stage);
    CHECK(last_edit() == "stage late");
    PeerEdit several;
    several.pathway = Pathway::co_occurring;
    several.since = ymd(2026, 9, 15);
    several.referred_by = "Judge Abernathy's court";
    several.code = "P1-new";
    edit_peer(journal, "P1", several);
    CHECK(last_edit() ==
          "code changed, pathway co-occurring, since 2026-09-15, referred_by changed");
    PeerEdit cleared;
    cleared.stage = std::optional<RecoveryStage>();
    cleared.pathway = Pathway::co_occurring; // as it was
    edit_peer(journal, "P1-new", cleared);
    CHECK(last_edit() == "stage none");
    edit_peer(journal, "P1-new", cleared);
    CHECK(last_edit() == "nothing changed");
    close_peer(journal, "P1-new", ymd(2026, 11, 1));
    CHECK(list_audit(journal, std::nullopt).back().summary ==
          "status closed, closed_on 2026-11-01");
    for (const auto& event : list_audit(journal, std::nullopt)) {
        CHECK(event.summary.find("Abernathy") == std::string::npos);
    }
}

TEST_CASE_FIXTURE(Fixture, "get_session lists each review with its comment, stale once edited") {
    add_peer(journal, make_peer("P1"));
    auto id = add_session(journal, make_session("P1", ymd(2026, 11, 17), 30), k_today);
    review_sessions(journal, {id}, {"Dr Sup", ymd(2026, 11, 17), "Good boundaries here."});
    SessionEdit edit;
    edit.minutes = 40;
    edit_session(journal, id, edit, k_today);
    review_sessions(journal, {id}, {"Dr Lee", k_today, ""});
    Session session = get_session(journal, id);
    REQUIRE(session.reviews.size() == 2);
    CHECK(session.reviews[0].reviewer == "Dr Sup");
    CHECK(session.reviews[0].on == ymd(2026, 11, 17));
    CHECK(session.reviews[0].comment == "Good boundaries here.");
    CHECK(session.reviews[0].stale);
    CHECK(session.reviews[1].reviewer == "Dr Lee");
    CHECK(session.reviews[1].comment.empty());
    CHECK_FALSE(session.reviews[1].stale);
    CHECK(session.reviewed);
}

TEST_CASE_FIXTURE(Fixture, "a blank self-disclosure purpose is no purpose, on add and on edit") {
    add_peer(journal, make_peer("P1"));
    Session blank = make_session("P1", ymd(2026, 11, 17), 30);
    blank.disclosure = " \t ";
    auto id = add_session(journal, blank, k_today);
    Session stored = get_session(journal, id);
    CHECK(stored.disclosed);
    CHECK(stored.disclosure.empty()); // stored trimmed
    REQUIRE(stored.flags.size() == 1);
    CHECK(stored.flags[0].rule == BoundaryRule::disclosure_purpose);
    CHECK(failure_of([&] {
              add_session(journal, blank, k_today, blocking(BoundaryRule::disclosure_purpose));
          }) == ErrorKind::privacy);

    Session stated = make_session("P1", ymd(2026, 11, 16), 30);
    stated.disclosure = "  to show hope ";
    auto other = add_session(journal, stated, k_today);
    CHECK(get_session(journal, other).disclosure == "to show hope");
    CHECK(get_session(journal, other).flags.empty());
    SessionEdit edit;
    edit.disclosure = "   ";
    edit.disclosed = true;
    Session edited_session = edit_session(journal, other, edit, k_today, {});
    CHECK(edited_session.disclosed);
    CHECK(edited_session.disclosure.empty());
    REQUIRE(edited_session.flags.size() == 1);
    CHECK(edited_session.flags[0].rule == BoundaryRule::disclosure_purpose);
}

// session add confirms what it saved from add_session's effects, not from a read back: they
// must say what a read back would (the code as stored, the group's name, the flags by rule).
TEST_CASE_FIXTURE(Fixture, "the session add_session hands back is the one get_session reads") {
    add_peer(journal, make_peer("RJ-07"));
    add_peer(journal, make_peer("P2"));
    add_group(journal, {0, "Tuesday Circle", ""});
    BoundaryPolicy policy = blocking(BoundaryRule::contact_hours);
    Session late = make_session("rj-07", ymd(2026, 11, 17), 240);
    late.start = TimeOfDay{23 * 60 + 30};
    late.facts.money = true;
    late.facts.transport = true;
    late.note = "walked home after the meeting";
    SaveEffects effects;
    auto id = add_session(journal, late, k_today, policy, "crisis call", &effects);
    Session read = get_session(journal, id);
    const Session& saved = effects.saved;
    CHECK(saved.id == id);
    CHECK(saved.peer_code == "RJ-07");
    CHECK(saved.peer_code == read.peer_code);
    CHECK(saved.date == read.date);
    CHECK(saved.minutes == read.minutes);
    REQUIRE(saved.flags.size() >= 3);
    REQUIRE(saved.flags.size() == read.flags.size());
    for (std::size_t i = 0; i < read.flags.size(); ++i) {
        CHECK(saved.flags[i].rule == read.flags[i].rule);
        CHECK(saved.flags[i].severity == read.flags[i].severity);
        CHECK(saved.flags[i].message == read.flags[i].message);
        CHECK(saved.flags[i].override_reason == read.flags[i].override_reason);
    }

    Session group;
    group.group = "tuesday circle";
    group.attendees = {"p2"};
    group.date = ymd(2026, 11, 17);
    group.minutes = 90;
    group.support = SupportSet::parse("affiliational");
    SaveEffects group_effects;
    auto group_id = add_session(journal, group, k_today, {}, {}, &group_effects);
    CHECK(group_effects.saved.id == group_id);
    CHECK(group_effects.saved.group == "Tuesday Circle");
    CHECK(group_effects.saved.group == get_session(journal, group_id).group);
}
