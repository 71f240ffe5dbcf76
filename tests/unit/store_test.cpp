// Unit tests of the peer and session stores on a throwaway journal.
#include "peerlog/error.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/session_store.hpp"
#include "test_journal.hpp"

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
