// Unit tests of the peer and session types: enum names and validation.
#include "peerlog/error.hpp"
#include "peerlog/peer.hpp"
#include "peerlog/session.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace peerlog;

namespace {
Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
Session valid_session() {
    Session session;
    session.peer_code = "P1";
    session.date = ymd(2026, 11, 18);
    session.minutes = 45;
    session.support.add(SupportKind::emotional);
    return session;
}
} // namespace

TEST_CASE("every enum round-trips through its canonical name") {
    for (auto kind : k_support_kinds) {
        CHECK(parse_support_kind(to_string(kind)) == kind);
    }
    for (auto modality : k_modalities) {
        CHECK(parse_modality(to_string(modality)) == modality);
    }
    for (auto stage : {RecoveryStage::early, RecoveryStage::mid, RecoveryStage::late,
                       RecoveryStage::sustained}) {
        CHECK(parse_stage(to_string(stage)) == stage);
    }
    CHECK(parse_pathway("co-occurring") == Pathway::co_occurring);
    CHECK(parse_setting("Treatment_Centre") == Setting::treatment_centre);
    CHECK(parse_setting("treatment-center") == Setting::treatment_centre);
    CHECK(to_string(Setting::treatment_centre) == "treatment-centre");
}

TEST_CASE("support kinds are exact words, not prefixes, and the error lists them") {
    try {
        parse_support_kind("emo");
        FAIL("accepted a prefix");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::invalid_data);
        CHECK(std::string(error.what()).find("emotional, informational") != std::string::npos);
    }
}

TEST_CASE("a support set parses a comma list and prints in a fixed order") {
    auto set = SupportSet::parse("Instrumental, emotional");
    CHECK(set.has(SupportKind::emotional));
    CHECK(set.has(SupportKind::instrumental));
    CHECK_FALSE(set.has(SupportKind::informational));
    CHECK(set.to_string() == "emotional,instrumental");
    CHECK(set.mask() == 5u);
    CHECK(SupportSet::from_mask(set.mask()) == set);
    CHECK_THROWS_AS(SupportSet::parse(""), Error);
    CHECK_THROWS_AS(SupportSet::parse(" , "), Error);
}

TEST_CASE("peer codes are short pseudonyms of safe characters") {
    for (const char* code : {"P1", "rj-07", "A.B_c", "x"}) {
        CHECK_NOTHROW(validate_peer_code(code));
    }
    for (const char* code :
         {"", "-P1", "Jane Doe", "=cmd()", "P1;", "ÄB", "abcdefghijklmnopqrstuvwxyz0123456"}) {
        CAPTURE(code);
        CHECK_THROWS_AS(validate_peer_code(code), Error);
    }
}

TEST_CASE("a closed peer needs a closing date on or after joining") {
    Peer peer;
    peer.code = "P1";
    peer.since = ymd(2026, 1, 10);
    CHECK_NOTHROW(validate(peer));
    peer.status = PeerStatus::closed;
    CHECK_THROWS_AS(validate(peer), Error);
    peer.closed_on = ymd(2026, 1, 9);
    CHECK_THROWS_AS(validate(peer), Error);
    peer.closed_on = ymd(2026, 1, 10);
    CHECK_NOTHROW(validate(peer));
}

TEST_CASE("session validation names what is wrong") {
    const Date today = ymd(2026, 11, 18);
    CHECK_NOTHROW(validate(valid_session(), today));

    auto future = valid_session();
    future.date = ymd(2026, 11, 19);
    CHECK_THROWS_WITH_AS(validate(future, today), doctest::Contains("in the future"), Error);

    auto no_support = valid_session();
    no_support.support = SupportSet();
    CHECK_THROWS_AS(validate(no_support, today), Error);

    auto too_long = valid_session();
    too_long.minutes = 1441;
    CHECK_THROWS_AS(validate(too_long, today), Error);

    auto early_follow_up = valid_session();
    early_follow_up.follow_up = ymd(2026, 11, 17);
    CHECK_THROWS_WITH_AS(validate(early_follow_up, today), doctest::Contains("follow-up"), Error);

    auto same_day_follow_up = valid_session();
    same_day_follow_up.follow_up = same_day_follow_up.date;
    CHECK_NOTHROW(validate(same_day_follow_up, today));
}

TEST_CASE("every error kind has its own documented exit code") {
    std::set<int> codes;
    for (auto kind : {ErrorKind::usage, ErrorKind::invalid_data, ErrorKind::not_found,
                      ErrorKind::busy, ErrorKind::corrupt, ErrorKind::config, ErrorKind::io,
                      ErrorKind::conflict, ErrorKind::privacy, ErrorKind::cancelled}) {
        codes.insert(exit_code(kind));
    }
    CHECK(codes.size() == 10);
    CHECK(exit_code(ErrorKind::usage) == 2);
    CHECK(exit_code(ErrorKind::busy) == 5);
    CHECK_FALSE(codes.count(0));
    CHECK_FALSE(codes.count(1));
}
