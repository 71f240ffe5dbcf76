// Unit tests of consent validity and storage.
#include "peerlog/consent.hpp"
#include "peerlog/error.hpp"
#include "peerlog/peer_store.hpp"
#include "test_journal.hpp"

#include <doctest/doctest.h>

using namespace peerlog;
using peerlog::testing::failure_of;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
const Date k_today = ymd(2026, 11, 18);
Consent consent_for(std::string peer) {
    Consent c;
    c.peer_code = std::move(peer);
    c.recipient = "Dr Lee";
    c.purpose = "care coordination";
    c.information = "attendance and session notes";
    c.share = {ShareCategory::attendance, ShareCategory::notes};
    c.signed_on = ymd(2026, 11, 1);
    c.effective_on = c.signed_on;
    c.expires_on = ymd(2027, 11, 1);
    return c;
}

// Adds each peer, on the caseload since January.
void add_peers(Journal& journal, std::initializer_list<const char*> codes) {
    for (const char* code : codes) {
        Peer peer;
        peer.code = code;
        peer.since = ymd(2026, 1, 1);
        add_peer(journal, peer);
    }
}
} // namespace

TEST_CASE("validity edges: effective today, expires today, revoked yesterday or today") {
    auto c = consent_for("P1");
    c.effective_on = k_today;
    CHECK(is_valid_on(c, k_today));
    CHECK_FALSE(is_valid_on(c, add_days(k_today, -1)));

    c = consent_for("P1");
    c.expires_on = k_today;
    CHECK(is_valid_on(c, k_today));
    CHECK_FALSE(is_valid_on(c, add_days(k_today, 1)));

    c = consent_for("P1");
    c.revoked_on = add_days(k_today, -1);
    CHECK_FALSE(is_valid_on(c, k_today));
    c.revoked_on = k_today;
    CHECK_FALSE(is_valid_on(c, k_today));
    CHECK(is_valid_on(c, add_days(k_today, -1)));

    c = consent_for("P1");
    CHECK_FALSE(is_valid_on(c, ymd(2026, 10, 31))); // before it was signed
}

TEST_CASE("a consent needs every element, and an expiry date or event") {
    auto c = consent_for("P1");
    CHECK_NOTHROW(validate(c));
    c.expires_on.reset();
    CHECK_THROWS_WITH_AS(validate(c), doctest::Contains("--until"), Error);
    c.expiry_event = "discharge";
    CHECK_NOTHROW(validate(c));
    c.expires_on = ymd(2027, 1, 1);
    CHECK_THROWS_AS(validate(c), Error); // both
    for (auto blank : {&Consent::recipient, &Consent::purpose, &Consent::information}) {
        auto missing = consent_for("P1");
        missing.*blank = " ";
        CHECK_THROWS_AS(validate(missing), Error);
    }
    auto backwards = consent_for("P1");
    backwards.expires_on = ymd(2026, 10, 1);
    CHECK_THROWS_AS(validate(backwards), Error);
}

TEST_CASE("valid_consents matches the recipient without regard to case, and the purpose") {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    add_peers(journal, {"P1"});
    auto id = add_consent(journal, consent_for("P1"));
    CHECK(valid_consents(journal, "P1", "dr lee", "", k_today).size() == 1);
    CHECK(valid_consents(journal, "P1", "Dr Lee", "Care Coordination", k_today).size() == 1);
    CHECK(valid_consents(journal, "P1", "Dr Lee", "research", k_today).empty());
    CHECK(valid_consents(journal, "P1", "Dr Smith", "", k_today).empty());
    revoke_consent(journal, id, add_days(k_today, -1));
    CHECK(valid_consents(journal, "P1", "Dr Lee", "", k_today).empty());
    CHECK_THROWS_AS(revoke_consent(journal, id, k_today), Error);    // already revoked
    CHECK_THROWS_AS(add_consent(journal, consent_for("P9")), Error); // unknown peer
}

TEST_CASE("a forgotten peer's consent id is never given to another consent") {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    add_peers(journal, {"P1", "P2"});
    auto kept = add_consent(journal, consent_for("P1"));
    auto forgotten = add_consent(journal, consent_for("P2")); // the newest
    forget_peer(journal, "P2");
    auto next = add_consent(journal, consent_for("P1"));
    CHECK(next > forgotten);
    CHECK(forgotten > kept);
}

TEST_CASE("a consent signed or revoked after today is refused, naming the date and today") {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    add_peers(journal, {"P1"});
    auto future = consent_for("P1");
    future.signed_on = ymd(2026, 11, 19);
    future.effective_on = future.signed_on;
    try {
        add_consent(journal, future, k_today);
        FAIL("a consent signed tomorrow was recorded");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::invalid_data);
        CHECK(std::string(error.what()).find("2026-11-19") != std::string::npos);
        CHECK(std::string(error.what()).find("today is 2026-11-18") != std::string::npos);
    }
    CHECK(list_consents(journal, "P1").empty());

    auto id = add_consent(journal, consent_for("P1"), k_today);
    try {
        revoke_consent(journal, id, ymd(2026, 12, 5), k_today);
        FAIL("a revocation next month was recorded");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::invalid_data);
        CHECK(std::string(error.what()).find("2026-12-05") != std::string::npos);
        CHECK(std::string(error.what()).find("today is 2026-11-18") != std::string::npos);
    }
    CHECK_FALSE(get_consent(journal, id).revoked_on.has_value());
    revoke_consent(journal, id, k_today, k_today);
    CHECK(consent_status(get_consent(journal, id), k_today) == ConsentStatus::revoked);
}

TEST_CASE("a revocation recorded for a future day can be replaced by one on or before today") {
    TempDir dir;
    Journal journal = Journal::open(dir.path() / "j.db", OpenMode::write);
    add_peers(journal, {"P1"});
    auto id = add_consent(journal, consent_for("P1"));
    revoke_consent(journal, id, ymd(2026, 12, 5)); // as an older peerlog allowed
    CHECK(consent_status(get_consent(journal, id), k_today) == ConsentStatus::valid);
    revoke_consent(journal, id, k_today, k_today);
    CHECK(get_consent(journal, id).revoked_on == k_today);
    CHECK(failure_of([&] { revoke_consent(journal, id, k_today, k_today); }) ==
          ErrorKind::conflict);
}
