// Unit tests of encryption made whole: `peerlog encrypt` on a journal with records, every typed
// text sealed, a journal that stays encrypted without its key record, and sealed drafts.
#include "audit_log.hpp"
#include "journal_db.hpp"
#include "peerlog/audit.hpp"
#include "peerlog/boundary_report.hpp"
#include "peerlog/checkin.hpp"
#include "peerlog/config.hpp"
#include "peerlog/consent.hpp"
#include "peerlog/corrections.hpp"
#include "peerlog/disclosure.hpp"
#include "peerlog/draft_store.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"
#include "peerlog/goal.hpp"
#include "peerlog/group.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/referral.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/supervision.hpp"
#include "sealed_columns.hpp"
#include "sensitive_text.hpp"
#include "test_journal.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fstream>
#include <iterator>

using namespace peerlog;
using peerlog::testing::failure_of;
using peerlog::testing::half_hour_contact;
using peerlog::testing::message_of;
using peerlog::testing::TempDir;
using peerlog::testing::ymd;

namespace {
const Date k_today = ymd(2026, 11, 18);
const char* k_passphrase = "correct horse battery staple";

// Every typed text a journal can hold, each distinctive, so a scan of the file finds any left.
const std::vector<std::string> k_texts = {
    "zq-referral-source",     "zq-identity-name",      "zq-identity-contact",
    "zq-session-note",        "zq-disclosure-purpose", "zq-dual-relationship",
    "zq-override-reason",     "zq-review-comment",     "zq-goal-text",
    "zq-checkin-note",        "zq-consent-recipient",  "zq-consent-purpose",
    "zq-consent-information", "zq-consent-until",      "zq-supervision-topics",
    "zq-resource-contact",    "zq-group-schedule",     "zq-consent-removal-reason"};

// Every file in the directory, read whole: what someone with the disk would see.
std::string directory_bytes(const std::filesystem::path& directory) {
    std::string all;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
        if (entry.is_regular_file()) {
            std::ifstream file(entry.path(), std::ios::binary);
            all.append(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
        }
    }
    return all;
}

BoundaryPolicy blocking_contact_hours() {
    BoundaryPolicy policy;
    policy.severities[static_cast<std::size_t>(BoundaryRule::contact_hours)] = Severity::block;
    return policy;
}

// Half an hour with P1 today, with `note`.
Session contact_with_note(const std::string& note) {
    Session session = half_hour_contact("P1", k_today);
    session.note = note;
    return session;
}

// A plain journal with distinctive text in every sealed column of every table.
void fill_every_text(Journal& journal) {
    Peer peer;
    peer.code = "P1";
    peer.since = ymd(2026, 10, 1);
    peer.referred_by = "zq-referral-source";
    add_peer(journal, peer, {"zq-identity-name", "zq-identity-contact"});
    Session session = contact_with_note("zq-session-note");
    session.start = parse_time("23:00");
    session.disclosure = "zq-disclosure-purpose";
    session.facts.dual_relationship = "zq-dual-relationship";
    std::int64_t id =
        add_session(journal, session, k_today, blocking_contact_hours(), "zq-override-reason");
    review_sessions(journal, {id}, {"Dr Lee", k_today, "zq-review-comment"});
    Goal goal;
    goal.peer_code = "P1";
    goal.domain = GoalDomain::legal;
    goal.text = "zq-goal-text";
    goal.opened_on = goal.status_on = k_today;
    add_goal(journal, goal, k_today);
    add_checkin(journal, {0, k_today, 4, 2, true, "zq-checkin-note", false}, k_today);
    Consent consent;
    consent.peer_code = "P1";
    consent.recipient = "zq-consent-recipient";
    consent.purpose = "zq-consent-purpose";
    consent.information = "zq-consent-information";
    consent.expiry_event = "zq-consent-until";
    consent.share = ShareSet::all();
    consent.signed_on = consent.effective_on = ymd(2026, 11, 1);
    add_consent(journal, consent, k_today);
    IdentifiedExport disclosed =
        prepare_disclosure(journal, period_between(ymd(2026, 11, 16), ymd(2026, 11, 22)),
                           disclosure_request(Config{}, "zq-consent-recipient",
                                              "zq-consent-purpose", k_today, SuppressionAsked::no));
    record_disclosure(journal, disclosed);
    add_supervision(
        journal, {0, k_today, 60, "Dr Lee", SupervisionFormat::individual, "zq-supervision-topics"},
        k_today);
    add_resource(journal, {0, "Harbor House", "housing", "zq-resource-contact"});
    add_group(journal, {0, "Tuesday circle", "zq-group-schedule"});
    // A consent recorded by mistake, deleted with its reason (consent 2).
    consent.recipient = "the wrong clinic";
    add_consent(journal, consent, k_today);
    remove_consent(journal, 2, "zq-consent-removal-reason", Removal::apply);
}

struct Fixture {
    TempDir dir;
    std::filesystem::path path = dir.path() / "journal.db";
    SecretBuffer passphrase = SecretBuffer::from(k_passphrase);

    Journal unlocked_journal() {
        Journal journal = Journal::open(path, OpenMode::update);
        unlock(journal, passphrase);
        return journal;
    }
    Journal encrypted_with_records() {
        Journal journal = Journal::open(path, OpenMode::write);
        fill_every_text(journal);
        encrypt_journal(journal, passphrase);
        return journal;
    }
};

// The reason consent `id` was deleted for, as kept (opened with the journal's key).
std::string removal_reason(const std::filesystem::path& path, Journal& journal, std::int64_t id) {
    SQLite::Database raw(path);
    SQLite::Statement query(raw, "SELECT reason FROM consent_removal WHERE consent_id = ?");
    query.bind(1, id);
    REQUIRE(query.executeStep());
    StoredText reason = stored_text(query.getColumn(0));
    CHECK(reason.sealed);
    return reveal_stored(journal, {"consent_removal", "reason", id}, reason);
}

void tamper(const std::filesystem::path& path, const std::string& sql) {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec(sql);
}
} // namespace

TEST_CASE_FIXTURE(Fixture, "encrypt seals every typed text in place, ids, records and chain kept") {
    std::vector<std::string> codes_before;
    AuditCheck chain_before;
    {
        Journal journal = Journal::open(path, OpenMode::write);
        fill_every_text(journal);
        chain_before = verify_audit(journal);
        REQUIRE(chain_before.intact());
        for (const std::string& text : k_texts) {
            INFO(text);
            CHECK(directory_bytes(dir.path()).find(text) != std::string::npos); // the test sees it
        }
        EncryptResult result = encrypt_journal(journal, passphrase);
        CHECK(result.sealed == 21); // 18 texts, and the disclosure's recipient and purposes
        // two consent.add, consent.remove, session.override, disclosure
        CHECK(result.redacted_events == 5);
        // P1, session 1, its goal, check-in, consent, disclosure, supervision, resource, group
        CHECK(result.resealed_records == 9);
        CHECK(result.wiped);
        CHECK(encrypted(journal));
    }
    std::string bytes = directory_bytes(dir.path());
    for (const std::string& text : k_texts) {
        INFO(text);
        CHECK(bytes.find(text) == std::string::npos);
    }

    Journal journal = unlocked_journal();
    AuditCheck chain = verify_audit(journal);
    CHECK(chain.intact());
    // audit.key, the new state of each of the 9 records rewritten, journal.encrypt
    CHECK(chain.events == chain_before.events + 11);
    CHECK(chain.keyed_from == chain_before.events + 1);
    CHECK(chain.redacted == 5);
    CHECK(list_audit(journal, std::nullopt).back().action == "journal.encrypt");
    // Every value reads back as typed, through the same ids.
    Session session = get_session(journal, 1);
    CHECK(session.note == "zq-session-note");
    CHECK(session.disclosure == "zq-disclosure-purpose");
    CHECK(session.facts.dual_relationship == "zq-dual-relationship");
    REQUIRE(session.flags.size() == 2); // contact_hours (blocked, overridden), dual_relationship
    CHECK(session.flags[0].rule == BoundaryRule::contact_hours);
    CHECK(session.flags[0].override_reason == "zq-override-reason");
    CHECK(session.flags[1].override_reason.empty());
    REQUIRE(session.reviews.size() == 1);
    CHECK(session.reviews[0].comment == "zq-review-comment");
    CHECK(peer_overview(journal, "P1").peer.referred_by == "zq-referral-source");
    CHECK(get_identity(journal, "P1").name == "zq-identity-name");
    CHECK(get_identity(journal, "P1").contact == "zq-identity-contact");
    CHECK(list_goals(journal, std::nullopt)[0].text == "zq-goal-text");
    CHECK(list_checkins(journal, std::nullopt, false, CheckinNotes::include)[0].note ==
          "zq-checkin-note");
    Consent consent = get_consent(journal, 1);
    CHECK(consent.recipient == "zq-consent-recipient");
    CHECK(consent.purpose == "zq-consent-purpose");
    CHECK(consent.information == "zq-consent-information");
    CHECK(consent.expiry_event == "zq-consent-until");
    auto disclosures = list_disclosures(journal, "");
    REQUIRE(disclosures.size() == 1);
    CHECK(disclosures[0].recipient == "zq-consent-recipient");
    CHECK(disclosures[0].purpose == "zq-consent-purpose");
    CHECK(disclosures[0].peer_purposes == std::vector<std::string>{"zq-consent-purpose"});
    CHECK(list_supervision(journal, std::nullopt)[0].topics == "zq-supervision-topics");
    CHECK(list_resources(journal)[0].contact == "zq-resource-contact");
    CHECK(list_groups(journal)[0].group.schedule == "zq-group-schedule");
    CHECK(removal_reason(path, journal, 2) == "zq-consent-removal-reason");
}

TEST_CASE_FIXTURE(Fixture, "each correction of a typed text in an encrypted journal seals it") {
    { encrypted_with_records(); }
    Journal journal = unlocked_journal();
    GoalEdit goal_text;
    goal_text.text = "wq-goal-text";
    edit_goal(journal, 1, goal_text, k_today);
    CheckinEdit checkin_note;
    checkin_note.note = "wq-checkin-note";
    edit_checkin(journal, 1, checkin_note, k_today);
    SupervisionEdit topics;
    topics.topics = "wq-supervision-topics";
    edit_supervision(journal, 1, topics, k_today);
    ResourceEdit contact;
    contact.contact = "wq-resource-contact";
    edit_resource(journal, "Harbor House", contact);
    GroupEdit schedule;
    schedule.schedule = "wq-group-schedule";
    edit_group(journal, "Tuesday circle", schedule);
    remove_consent(journal, 1, "wq-consent-removal-reason", Removal::apply);
    // Edits of the other fields leave each sealed text as it is (never rewritten as read).
    GoalEdit goal_domain;
    goal_domain.domain = GoalDomain::housing;
    edit_goal(journal, 1, goal_domain, k_today);
    CheckinEdit stress;
    stress.stress = 1;
    edit_checkin(journal, 1, stress, k_today);
    SupervisionEdit minutes;
    minutes.minutes = 45;
    edit_supervision(journal, 1, minutes, k_today);
    ResourceEdit category;
    category.category = "shelter";
    edit_resource(journal, "Harbor House", category);
    GroupEdit rename;
    rename.name = "Tuesday group";
    edit_group(journal, "Tuesday circle", rename);

    std::string bytes = directory_bytes(dir.path());
    for (const AuditEvent& event : list_audit(journal, std::nullopt)) {
        INFO(event.action);
        CHECK(event.summary.find("wq-") == std::string::npos);
    }
    for (const char* text :
         {"wq-goal-text", "wq-checkin-note", "wq-supervision-topics", "wq-resource-contact",
          "wq-group-schedule", "wq-consent-removal-reason"}) {
        INFO(text);
        CHECK(bytes.find(text) == std::string::npos);
    }
    {
        SQLite::Database raw(path);
        CHECK(count_clear_values(raw) == 0);
    }
    CHECK(list_goals(journal, std::nullopt)[0].text == "wq-goal-text");
    CHECK(list_goals(journal, std::nullopt)[0].domain == GoalDomain::housing);
    Checkin checkin = list_checkins(journal, std::nullopt, false, CheckinNotes::include)[0];
    CHECK(checkin.note == "wq-checkin-note");
    CHECK(checkin.stress == 1);
    SupervisionMeeting meeting = list_supervision(journal, std::nullopt)[0];
    CHECK(meeting.topics == "wq-supervision-topics");
    CHECK(meeting.minutes == 45);
    Resource resource = list_resources(journal)[0];
    CHECK(resource.contact == "wq-resource-contact");
    CHECK(resource.category == "shelter");
    Group group = list_groups(journal)[0].group;
    CHECK(group.name == "Tuesday group");
    CHECK(group.schedule == "wq-group-schedule");
    CHECK(removal_reason(path, journal, 1) == "wq-consent-removal-reason");
    CHECK(verify_audit(journal).intact());
}

TEST_CASE_FIXTURE(Fixture, "consents match their recipient once opened, case-insensitively") {
    { encrypted_with_records(); }
    Journal journal = unlocked_journal();
    CHECK(valid_consents(journal, "P1", "ZQ-CONSENT-RECIPIENT ", "", k_today).size() == 1);
    CHECK(valid_consents(journal, "P1", "someone else", "", k_today).empty());
    CHECK(revoke_consent(journal, 1, k_today, k_today).revoked_on == k_today);
}

TEST_CASE_FIXTURE(Fixture, "listings that ask no passphrase show sealed text as (encrypted)") {
    { encrypted_with_records(); }
    Journal journal = Journal::open(path, OpenMode::read); // locked, and no passphrase source
    CHECK(list_peers(journal, true)[0].peer.referred_by == k_sealed_marker);
    BoundaryReport report = build_boundary_report(journal, period_of_week(iso_week_of(k_today)));
    REQUIRE(report.rules.size() == 2);
    CHECK(report.rules[0].rule == BoundaryRule::contact_hours);
    CHECK(report.rules[0].flags[0].override_reason == k_sealed_marker);
    CHECK(report.rules[1].flags[0].override_reason.empty());
    CHECK(report.overrides == 1);
    CHECK(list_groups(journal, SealedText::shown_encrypted)[0].group.schedule == k_sealed_marker);
    CHECK(failure_of([&] { list_groups(journal); }) == ErrorKind::privacy);
    CHECK(failure_of([&] { list_consents(journal, ""); }) == ErrorKind::privacy);
    CHECK(failure_of([&] { peer_overview(journal, "P1"); }) == ErrorKind::privacy);
}

TEST_CASE_FIXTURE(Fixture, "new audit events of an encrypted journal quote no typed text") {
    { encrypted_with_records(); }
    Journal journal = unlocked_journal();
    Consent consent;
    consent.peer_code = "P1";
    consent.recipient = "yq-recipient";
    consent.purpose = "yq-purpose";
    consent.information = "yq-information";
    consent.expires_on = ymd(2027, 1, 1);
    consent.share = ShareSet{ShareCategory::notes};
    consent.signed_on = consent.effective_on = k_today;
    add_consent(journal, consent, k_today);
    Session session = get_session(journal, 1);
    SessionEdit edit;
    edit.minutes = 40;
    edit_session(journal, 1, edit, k_today, blocking_contact_hours(), "yq-new-reason");
    for (const AuditEvent& event : list_audit(journal, std::nullopt)) {
        INFO(event.action);
        CHECK(event.summary.find("yq-") == std::string::npos);
    }
    CHECK(get_session(journal, 1).flags[0].override_reason == "yq-new-reason");
    CHECK(verify_audit(journal).intact());
}

TEST_CASE_FIXTURE(Fixture, "an override that stands keeps its sealed reason through an edit") {
    { encrypted_with_records(); }
    std::string sealed_before =
        SQLite::Database(path).execAndGet("SELECT override_reason FROM session_flag").getString();
    {
        Journal journal = Journal::open(path, OpenMode::update);
        int asked = 0;
        set_passphrase_source(journal, [&] {
            ++asked;
            return SecretBuffer::from(k_passphrase);
        });
        SessionEdit edit;
        edit.minutes = 45;
        check_session_edit(journal, 1, edit, k_today, blocking_contact_hours(), "");
        CHECK(asked == 0); // the standing override is checked without opening it
        Session edited = edit_session(journal, 1, edit, k_today, blocking_contact_hours(), "");
        CHECK(edited.flags[0].override_reason == "zq-override-reason");
    }
    CHECK(
        SQLite::Database(path).execAndGet("SELECT override_reason FROM session_flag").getString() ==
        sealed_before);
}

TEST_CASE_FIXTURE(Fixture, "encrypt refuses an encrypted journal; finish seals what was left") {
    {
        Journal journal = encrypted_with_records();
        CHECK(failure_of([&] { encrypt_journal(journal, passphrase); }) == ErrorKind::conflict);
        CHECK(failure_of([&] { finish_encryption(journal); }) == ErrorKind::conflict);
    }
    // A referral source written in the clear by an earlier peerlog (with its event): read as it
    // is, then sealed.
    tamper(path, "UPDATE peer SET referred_by = 'xq-left-in-the-clear'");
    Journal journal = Journal::open(path, OpenMode::update);
    set_passphrase_source(journal, [] { return SecretBuffer::from(k_passphrase); });
    write_transaction(journal, [](SQLite::Database& db) {
        append_audit(db, "peer.edit", "peer #1", "referral source stored in the clear");
    });
    REQUIRE(verify_audit(journal).intact());
    CHECK(list_peers(journal, true)[0].peer.referred_by == "xq-left-in-the-clear");
    EncryptResult result = finish_encryption(journal);
    CHECK(result.was_encrypted);
    CHECK(result.sealed == 1);
    CHECK(result.wiped);
    CHECK(directory_bytes(dir.path()).find("xq-left") == std::string::npos);
    CHECK(peer_overview(journal, "P1").peer.referred_by == "xq-left-in-the-clear");
    CHECK(verify_audit(journal).intact());
}

TEST_CASE_FIXTURE(Fixture, "a journal whose key record is deleted stays refused, never plain") {
    { encrypted_with_records(); }
    tamper(path, "DELETE FROM journal_key");
    CHECK(failure_of([&] { Journal::open(path, OpenMode::update); }) == ErrorKind::corrupt);
    // Every other mark removed as well: the sealed values still say it.
    tamper(path, "PRAGMA application_id = 1346718791; DELETE FROM audit_event WHERE action = "
                 "'journal.encrypt'");
    std::string message = message_of([&] { Journal::open(path, OpenMode::read); });
    CHECK(message.find("holds sealed values") != std::string::npos);
    CHECK(message.find("key record") != std::string::npos);
}

TEST_CASE_FIXTURE(Fixture, "a fresh encrypted journal without its key record is refused too") {
    AuditHead published;
    {
        Journal journal = Journal::open(path, OpenMode::write);
        enable_encryption(journal, passphrase);
        published = verify_audit(journal).head; // as an export would carry it
    }
    tamper(path, "DELETE FROM journal_key");
    CHECK(failure_of([&] { Journal::open(path, OpenMode::update); }) == ErrorKind::corrupt);
    tamper(path, "PRAGMA application_id = 1346718791");
    std::string message = message_of([&] { Journal::open(path, OpenMode::update); });
    CHECK(message.find("audit trail records its encryption") != std::string::npos);
    CHECK(message.find("key for sealing drafts") != std::string::npos);
    tamper(path, "DELETE FROM audit_event WHERE action = 'journal.encrypt'");
    CHECK(failure_of([&] { Journal::open(path, OpenMode::update); }) == ErrorKind::corrupt);
    // Every mark removed from a journal with nothing sealed yet: it opens as plain, but its trail
    // is still keyed (audit verify fails), and the head published before shows the event cut
    // off the end of the chain.
    tamper(path, "UPDATE draft_key SET public_key = NULL, secret_key = NULL");
    Journal journal = Journal::open(path, OpenMode::update);
    CHECK_FALSE(encrypted(journal));
    AuditCheck check = verify_audit(journal);
    CHECK_FALSE(check.intact());
    CHECK(check.problem.find("holds no key") != std::string::npos);
    CHECK(check.head.id < published.id);
}

TEST_CASE_FIXTURE(Fixture, "a key row deleted while a command runs refuses the write") {
    { encrypted_with_records(); }
    Journal journal = unlocked_journal();
    tamper(path, "DELETE FROM journal_key");
    Session session = contact_with_note("never in the clear");
    CHECK(failure_of([&] { add_session(journal, session, k_today); }) == ErrorKind::corrupt);
    CHECK(directory_bytes(dir.path()).find("never in the clear") == std::string::npos);
}

TEST_CASE_FIXTURE(Fixture, "a journal encrypted by another program since this one asked is "
                           "never written in the clear") {
    Journal journal = Journal::open(path, OpenMode::write);
    fill_every_text(journal);
    CHECK_FALSE(encrypted(journal)); // remembered: no transaction has begun since
    {
        Journal other = Journal::open(path, OpenMode::update);
        encrypt_journal(other, passphrase);
    }
    // The answer remembered before is stale now; the write reads it again under its lock.
    Session session = contact_with_note("xq-typed-after-encrypt");
    CHECK(failure_of([&] { add_session(journal, session, k_today); }) == ErrorKind::privacy);
    CHECK(directory_bytes(dir.path()).find("xq-typed-after-encrypt") == std::string::npos);
    write_transaction(journal, [&](SQLite::Database&) { CHECK(encrypted(journal)); });
    unlock(journal, passphrase);
    CHECK(add_session(journal, session, k_today) > 0);
    CHECK(directory_bytes(dir.path()).find("xq-typed-after-encrypt") == std::string::npos);
}

TEST_CASE_FIXTURE(Fixture,
                  "a damaged key record is refused as damaged, not as a wrong passphrase") {
    { encrypted_with_records(); }
    SUBCASE("a flipped byte of the wrapped key") {
        tamper(path, "UPDATE journal_key SET wrapped_key = "
                     "CAST(zeroblob(length(wrapped_key)) AS BLOB)");
    }
    SUBCASE("a salt of the wrong size") {
        tamper(path, "UPDATE journal_key SET salt = x'00'");
    }
    SUBCASE("text where the key belongs") {
        tamper(path, "UPDATE journal_key SET wrapped_key = 'not a key'");
    }
    std::string message = message_of([&] { Journal::open(path, OpenMode::read); });
    CHECK(message.find("damaged") != std::string::npos);
    CHECK(failure_of([&] { Journal::open(path, OpenMode::read); }) == ErrorKind::corrupt);
}

TEST_CASE_FIXTURE(Fixture, "a plain journal with a sealed value in it is refused") {
    {
        Journal journal = Journal::open(path, OpenMode::write);
        fill_every_text(journal);
    }
    tamper(path, "UPDATE session SET note = x'0102030405'");
    CHECK(failure_of([&] { Journal::open(path, OpenMode::read); }) == ErrorKind::corrupt);
}

TEST_CASE_FIXTURE(Fixture, "a draft of an encrypted journal is sealed without the passphrase") {
    TempDir state;
    ::setenv("XDG_STATE_HOME", state.path().c_str(), 1);
    { encrypted_with_records(); }
    DraftContext how = draft_context(path, DraftKind::session_note, {{"p1"}, {}});
    CHECK_FALSE(how.seal_key.empty());
    REQUIRE(how.peers.size() == 1);
    CHECK(how.peers[0].code == "P1");
    CHECK(how.peers[0].id == 1);
    auto file = save_draft("wq-typed-after-a-wrong-passphrase", how);
    CHECK(directory_bytes(state.path()).find("wq-typed") == std::string::npos);

    Journal journal = Journal::open(path, OpenMode::read);
    auto drafts = list_drafts(journal);
    REQUIRE(drafts.size() == 1);
    CHECK(drafts[0].sealed);
    CHECK(drafts[0].kind == DraftKind::session_note);
    CHECK(failure_of([&] { open_draft(journal, drafts[0].id); }) == ErrorKind::privacy);
    set_passphrase_source(journal, [] { return SecretBuffer::from("wrong passphrase"); });
    CHECK(failure_of([&] { open_draft(journal, drafts[0].id); }) == ErrorKind::privacy);
    Journal right = unlocked_journal();
    CHECK(open_draft(right, drafts[0].id) == "wq-typed-after-a-wrong-passphrase");

    // A session's draft names the session's peer; forgetting the peer deletes both drafts.
    save_draft("wq-second", draft_context(path, DraftKind::session_note, {{}, {1}}));
    CHECK(preview_forget(right, "P1").drafts == 2);
    ForgetResult forgotten = forget_peer(right, "P1");
    CHECK(forgotten.drafts == 2);
    CHECK(describe(forgotten).find("; 2 drafts deleted") != std::string::npos);
    CHECK(list_drafts(right).empty());
    // The accounting keeps P1's disclosure; its sealed purpose, resealed for the row without
    // the code, still opens, and the trail still matches the records.
    auto disclosures = list_disclosures(right, "");
    REQUIRE(disclosures.size() == 1);
    CHECK(disclosures[0].peer_codes == std::vector<std::string>{k_forgotten_peer});
    CHECK(disclosures[0].peer_purposes == std::vector<std::string>{"zq-consent-purpose"});
    CHECK(disclosures[0].recipient == "zq-consent-recipient");
    CHECK(verify_audit(right).intact());
    CHECK(directory_bytes(dir.path()).find("zq-consent-purpose") == std::string::npos);
    ::unsetenv("XDG_STATE_HOME");
}

TEST_CASE_FIXTURE(Fixture, "a replaced draft public key is found at the next unlock") {
    { encrypted_with_records(); }
    tamper(path, "UPDATE draft_key SET public_key = zeroblob(32)");
    Journal journal = Journal::open(path, OpenMode::update);
    CHECK(failure_of([&] { unlock(journal, passphrase); }) == ErrorKind::corrupt);
}

TEST_CASE_FIXTURE(Fixture, "drafts of a plain journal are plain and tied to it") {
    TempDir state;
    ::setenv("XDG_STATE_HOME", state.path().c_str(), 1);
    {
        Journal journal = Journal::open(path, OpenMode::write);
        Peer peer;
        peer.code = "P7";
        peer.since = ymd(2026, 10, 1);
        add_peer(journal, peer);
    }
    auto file = save_draft("vq-plain", draft_context(path, DraftKind::checkin_note, {}));
    std::ifstream in(file);
    CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "vq-plain");
    // Another journal's draft is not this one's.
    TempDir other;
    { Journal journal = Journal::open(other.path() / "other.db", OpenMode::write); }
    save_draft("vq-other",
               draft_context(other.path() / "other.db", DraftKind::review_comment, {{"P7"}, {}}));
    Journal journal = Journal::open(path, OpenMode::read);
    long long others = 0;
    auto drafts = list_drafts(journal, &others);
    REQUIRE(drafts.size() == 1);
    CHECK(others == 1);
    CHECK(open_draft(journal, drafts[0].id) == "vq-plain");
    CHECK(preview_forget(journal, "P7").drafts == 0); // the other journal's P7 is another peer
    ::unsetenv("XDG_STATE_HOME");
}
