// Unit tests of the boundary rules, rule by rule.
#include "peerlog/rules.hpp"

#include <doctest/doctest.h>

using namespace peerlog;

namespace {
Session ordinary_session() {
    Session s;
    s.peer_code = "P1";
    s.date = Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{18}};
    s.start = TimeOfDay{10 * 60};
    s.minutes = 60;
    s.support.add(SupportKind::emotional);
    return s;
}
std::vector<BoundaryRule> rules_broken(const Session& s, const BoundaryPolicy& p = {},
                                       int contacts = 1) {
    std::vector<BoundaryRule> rules;
    for (const auto& flag : evaluate_boundaries(s, p, contacts)) {
        rules.push_back(flag.rule);
    }
    return rules;
}
using Rules = std::vector<BoundaryRule>;
} // namespace

TEST_CASE("an ordinary session breaks no rule") {
    CHECK(rules_broken(ordinary_session()).empty());
}

TEST_CASE("contact_hours: a session starting early or ending late is flagged") {
    auto late = ordinary_session();
    late.start = TimeOfDay{23 * 60 + 30};
    CHECK(rules_broken(late) == Rules{BoundaryRule::contact_hours});
    auto runs_over = ordinary_session();
    runs_over.start = TimeOfDay{19 * 60 + 30}; // 19:30 + 60 min ends after 20:00
    CHECK(rules_broken(runs_over) == Rules{BoundaryRule::contact_hours});
    auto early = ordinary_session();
    early.start = TimeOfDay{7 * 60 + 59};
    CHECK(rules_broken(early) == Rules{BoundaryRule::contact_hours});
    auto edge = ordinary_session();
    edge.start = TimeOfDay{19 * 60}; // ends exactly at 20:00
    CHECK(rules_broken(edge).empty());
    auto untimed = ordinary_session();
    untimed.start.reset();
    CHECK(rules_broken(untimed).empty());
}

TEST_CASE("session_length: longer than the limit is flagged, the limit itself is not") {
    auto s = ordinary_session();
    s.start.reset();
    s.minutes = 180;
    CHECK(rules_broken(s).empty());
    s.minutes = 181;
    CHECK(rules_broken(s) == Rules{BoundaryRule::session_length});
}

TEST_CASE("contacts_per_week: more than the limit with one peer in an ISO week") {
    CHECK(rules_broken(ordinary_session(), {}, 5).empty());
    CHECK(rules_broken(ordinary_session(), {}, 6) == Rules{BoundaryRule::contacts_per_week});
}

TEST_CASE("gift: only above the value limit") {
    auto s = ordinary_session();
    s.facts.gift = Gift{GiftDirection::received, 25};
    CHECK(rules_broken(s).empty());
    s.facts.gift = Gift{GiftDirection::given, 25.01};
    CHECK(rules_broken(s) == Rules{BoundaryRule::gift});
}

TEST_CASE("gift: the message shows why a value just above the limit is above it") {
    auto s = ordinary_session();
    s.facts.gift = Gift{GiftDirection::received, 25.001};
    auto flags = evaluate_boundaries(s, {}, 1);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].message == "a gift worth 25.001 was received, above the limit of 25.00");
    s.facts.gift = Gift{GiftDirection::given, 40};
    CHECK(evaluate_boundaries(s, {}, 1)[0].message ==
          "a gift worth 40.00 was given, above the limit of 25.00");
}

TEST_CASE("dual_relationship: the flag points at the session, never copies the relationship") {
    auto s = ordinary_session();
    s.facts.dual_relationship = "neighbour, lives at number 12";
    auto flags = evaluate_boundaries(s, {}, 1);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].message == "a dual relationship is recorded (see the session)");
}

TEST_CASE("an edit's refusal says the change was not saved, and lists only unreasoned blocks") {
    std::vector<BoundaryFlag> flags = {
        {BoundaryRule::contact_hours, Severity::block, "contact from 23:30", "crisis call"},
        {BoundaryRule::money, Severity::block, "money was lent or borrowed", ""}};
    std::string text = blocked_by_rules(flags, 4).what();
    CHECK(text.starts_with("the change to session 4 was not saved"));
    CHECK(text.find("money") != std::string::npos);
    CHECK(text.find("contact_hours") == std::string::npos);
    CHECK(std::string(blocked_by_rules(flags).what()).starts_with("the session was not saved"));
    CHECK_THROWS_AS(require_override_reason(" \t "), Error);
    CHECK_NOTHROW(require_override_reason("crisis call"));
}

TEST_CASE("money, transport, social_media and dual_relationship are flagged when recorded") {
    auto s = ordinary_session();
    s.facts.money = true;
    CHECK(rules_broken(s) == Rules{BoundaryRule::money});
    s = ordinary_session();
    s.facts.transport = true;
    CHECK(rules_broken(s) == Rules{BoundaryRule::transport});
    s = ordinary_session();
    s.facts.social_media = true;
    CHECK(rules_broken(s) == Rules{BoundaryRule::social_media});
    s = ordinary_session();
    s.facts.dual_relationship = "neighbour";
    CHECK(rules_broken(s) == Rules{BoundaryRule::dual_relationship});
}

TEST_CASE("disclosure_purpose: a disclosure needs a stated purpose") {
    auto s = ordinary_session();
    s.disclosed = true;
    CHECK(rules_broken(s) == Rules{BoundaryRule::disclosure_purpose});
    s.disclosure = "to show that setbacks pass";
    CHECK(rules_broken(s).empty());
}

TEST_CASE("modality and setting: only the allowed ones pass") {
    BoundaryPolicy policy;
    policy.allowed_modalities = 1u << static_cast<unsigned>(Modality::in_person);
    policy.allowed_settings = 1u << static_cast<unsigned>(Setting::office);
    auto s = ordinary_session();
    CHECK(rules_broken(s, policy).empty());
    s.modality = Modality::text;
    s.setting = Setting::home;
    CHECK(rules_broken(s, policy) == Rules{BoundaryRule::modality, BoundaryRule::setting});
}

TEST_CASE("severity off skips a rule; block makes the refusal name the rule and the way out") {
    BoundaryPolicy policy;
    auto s = ordinary_session();
    s.facts.money = true;
    s.facts.transport = true;
    policy.severities[static_cast<std::size_t>(BoundaryRule::money)] = Severity::off;
    policy.severities[static_cast<std::size_t>(BoundaryRule::transport)] = Severity::block;
    auto flags = evaluate_boundaries(s, policy, 1);
    REQUIRE(flags.size() == 1);
    CHECK(any_blocking(flags));
    Error refusal = blocked_by_rules(flags);
    CHECK(refusal.kind() == ErrorKind::privacy);
    CHECK(std::string(refusal.what()).find("transport") != std::string::npos);
    CHECK(std::string(refusal.what()).find("--override") != std::string::npos);
}

TEST_CASE("warn_only lowers block to warn and keeps off and the limits") {
    BoundaryPolicy policy;
    policy.max_session_minutes = 60;
    policy.severities[static_cast<std::size_t>(BoundaryRule::money)] = Severity::off;
    policy.severities[static_cast<std::size_t>(BoundaryRule::transport)] = Severity::block;
    auto history = warn_only(policy);
    CHECK(history.max_session_minutes == 60);
    CHECK(history.severity_of(BoundaryRule::money) == Severity::off);
    CHECK(history.severity_of(BoundaryRule::transport) == Severity::warn);
    auto s = ordinary_session();
    s.facts.transport = true;
    CHECK_FALSE(any_blocking(evaluate_boundaries(s, history, 1)));
}

TEST_CASE("rule names round-trip and contact hours parse") {
    for (auto rule : k_boundary_rules) {
        CHECK(parse_boundary_rule(to_string(rule)) == rule);
    }
    CHECK(parse_boundary_rule("contact-hours") == BoundaryRule::contact_hours);
    CHECK_THROWS_AS(parse_boundary_rule("curfew"), Error);
    auto [from, until] = parse_contact_hours("07:30-24:00");
    CHECK(from.minutes_since_midnight == 450);
    CHECK(until.minutes_since_midnight == 1440);
    CHECK_THROWS_AS(parse_contact_hours("20:00-08:00"), Error);
    CHECK_THROWS_AS(parse_contact_hours("8-20"), Error);
}
