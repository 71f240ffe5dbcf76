// Drafts and their journal: sealing for an encrypted journal, finding a journal's drafts, and
// opening a sealed one with the journal's draft key.
#include "peerlog/draft_store.hpp"

#include "draft_rows.hpp"
#include "journal_db.hpp"
#include "json_codec.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"
#include "peerlog/text_table.hpp"
#include "sealed_columns.hpp"
#include "sensitive_text.hpp"
#include "text_util.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sodium.h>
#include <sqlite3.h>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

// The secret half is sealed under the data key at this address, like any sealed field.
constexpr FieldAddress k_secret_key_address{"draft_key", "secret_key", 1};

bool table_exists(SQLite::Database& db, std::string_view table) {
    SQLite::Statement query(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                                "name = ?");
    query.bind(1, std::string(table));
    query.executeStep();
    return query.getColumn(0).getInt() > 0;
}

std::string journal_id_of(SQLite::Database& db) {
    if (!table_exists(db, "draft_key")) {
        return "";
    }
    SQLite::Statement query(db, "SELECT journal_id FROM draft_key WHERE id = 1");
    return query.executeStep() ? query.getColumn(0).getString() : "";
}

std::string public_key_of(SQLite::Database& db) {
    if (!table_exists(db, "draft_key")) {
        return "";
    }
    SQLite::Statement query(db, "SELECT public_key FROM draft_key WHERE id = 1");
    return query.executeStep() && query.getColumn(0).isBlob() ? query.getColumn(0).getString() : "";
}

// Whether a journal read straight from its file is encrypted, by any of the marks
// check_encryption_at_open looks for (an earlier schema has fewer of them).
bool marked_encrypted(SQLite::Database& db) {
    if (table_exists(db, "journal_key") &&
        db.execAndGet("SELECT count(*) FROM journal_key").getInt() > 0) {
        return true;
    }
    if (db.execAndGet("PRAGMA application_id").getInt() == k_encrypted_application_id) {
        return true;
    }
    if (db.execAndGet("PRAGMA user_version").getInt() < 5) {
        return false; // an earlier peerlog's journal: its key record is its only mark
    }
    return db.execAndGet("SELECT EXISTS (SELECT 1 FROM audit_event WHERE action = "
                         "'journal.encrypt')")
                   .getInt() != 0 ||
           sealed_value_present(db);
}

void add_peer(std::vector<DraftPeer>& peers, DraftPeer peer) {
    bool known = std::any_of(peers.begin(), peers.end(), [&](const DraftPeer& other) {
        return other.id && peer.id ? *other.id == *peer.id
                                   : to_lower(other.code) == to_lower(peer.code);
    });
    if (!known && !peer.code.empty()) {
        peers.push_back(std::move(peer));
    }
}

// The peers of `subject` as the journal knows them: each code by its peer's id when there is
// one; each session by its peer, or a group session by its named attendees.
std::vector<DraftPeer> peers_of(SQLite::Database& db, const DraftSubject& subject) {
    std::vector<DraftPeer> peers;
    bool has_peers = table_exists(db, "peer");
    for (const std::string& code : subject.codes) {
        DraftPeer peer{code, std::nullopt};
        if (has_peers) {
            SQLite::Statement query(db, "SELECT id, code FROM peer WHERE code = ?");
            query.bind(1, code);
            if (query.executeStep()) {
                peer = {query.getColumn(1).getString(), query.getColumn(0).getInt64()};
            }
        }
        add_peer(peers, std::move(peer));
    }
    if (!has_peers || !table_exists(db, "session_attendee")) {
        return peers;
    }
    for (std::int64_t session_id : subject.session_ids) {
        SQLite::Statement query(
            db, "SELECT p.id, p.code FROM session s JOIN peer p ON p.id = s.peer_id WHERE s.id = "
                "?1 UNION SELECT p.id, p.code FROM session_attendee a JOIN peer p ON p.id = "
                "a.peer_id WHERE a.session_id = ?1");
        query.bind(1, session_id);
        while (query.executeStep()) {
            add_peer(peers, {query.getColumn(1).getString(), query.getColumn(0).getInt64()});
        }
    }
    return peers;
}

Error cannot_seal(const fs::path& journal_path, std::string_view why) {
    return Error(ErrorKind::privacy,
                 fmt::format("it could not be sealed for the journal {} ({}), and a note meant "
                             "for an encrypted journal is never written in the clear",
                             journal_path.string(), why));
}

bool is_this_journals(const Draft& draft, const std::string& journal_id) {
    return draft.journal_id.empty() || draft.journal_id == journal_id;
}

// This journal's draft `id`; Error(conflict) for another journal's.
Draft own_draft(Journal& journal, std::string_view id) {
    Draft draft = find_draft_file(id);
    std::string journal_id;
    read_transaction(journal, [&](SQLite::Database& db) { journal_id = journal_id_of(db); });
    if (!is_this_journals(draft, journal_id)) {
        throw Error(ErrorKind::conflict,
                    fmt::format("the draft {} was kept for another journal, not {}: give that "
                                "journal with --journal to see or delete it.",
                                draft.id, journal.path().string()));
    }
    return draft;
}

} // namespace

DraftContext draft_context(const fs::path& journal_path, DraftKind kind,
                           const DraftSubject& subject) {
    DraftContext context;
    context.kind = kind;
    for (const std::string& code : subject.codes) {
        add_peer(context.peers, {code, std::nullopt});
    }
    std::error_code error;
    if (!fs::is_regular_file(journal_path, error) || fs::file_size(journal_path, error) == 0) {
        return context; // no journal yet: nothing to seal to, nothing sealed to leak
    }
    try {
        SQLite::Database db(journal_path.string(), SQLite::OPEN_READONLY);
        int application_id = db.execAndGet("PRAGMA application_id").getInt();
        if (application_id != k_application_id && application_id != k_encrypted_application_id) {
            return context; // not a peerlog journal (nor an empty one): no journal of ours
        }
        context.journal_id = journal_id_of(db);
        context.seal_key = public_key_of(db);
        context.peers = peers_of(db, subject);
        if (context.seal_key.empty() && marked_encrypted(db)) {
            throw cannot_seal(journal_path, "it is encrypted but has no draft key yet: an "
                                            "earlier peerlog's journal gets one the first time "
                                            "its passphrase is given");
        }
    } catch (const SQLite::Exception& sqlite_error) {
        if ((sqlite_error.getErrorCode() & 0xFF) == SQLITE_NOTADB) {
            return context;
        }
        throw cannot_seal(journal_path,
                          fmt::format("it cannot be read to tell: {}", sqlite_error.what()));
    }
    return context;
}

void create_draft_key(Journal& journal, SQLite::Database& db) {
    if (!public_key_of(db).empty()) {
        return;
    }
    if (sodium_init() < 0) {
        throw Error(ErrorKind::io, "libsodium could not be initialised.");
    }
    std::string public_key(crypto_box_PUBLICKEYBYTES, '\0');
    SecretBuffer secret_key(crypto_box_SECRETKEYBYTES);
    secret_key.resize(crypto_box_SECRETKEYBYTES);
    crypto_box_keypair(reinterpret_cast<unsigned char*>(public_key.data()), secret_key.data());
    std::string sealed_secret =
        seal_bytes(journal, k_secret_key_address, secret_key.data(), secret_key.size());
    SQLite::Statement upsert(
        db, "INSERT INTO draft_key (id, journal_id, public_key, secret_key) VALUES (1, "
            "lower(hex(randomblob(16))), ?1, ?2) ON CONFLICT (id) DO UPDATE SET public_key = ?1, "
            "secret_key = ?2");
    upsert.bind(1, public_key.data(), static_cast<int>(public_key.size()));
    upsert.bind(2, sealed_secret.data(), static_cast<int>(sealed_secret.size()));
    upsert.exec();
}

namespace {

// The journal's draft key pair: the public half as stored, the secret half opened (the journal
// unlocked through its source). Error(corrupt) when there is none or it does not open.
std::pair<std::string, SecretBuffer> draft_key_pair(Journal& journal) {
    std::string public_key, sealed_secret;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(db, "SELECT public_key, secret_key FROM draft_key WHERE id = 1");
        if (query.executeStep() && query.getColumn(0).isBlob() && query.getColumn(1).isBlob()) {
            public_key = query.getColumn(0).getString();
            sealed_secret = query.getColumn(1).getString();
        }
    });
    if (public_key.size() != crypto_box_PUBLICKEYBYTES) {
        throw Error(ErrorKind::corrupt, fmt::format("the journal {} has no usable draft key; "
                                                    "restore it from a backup.",
                                                    journal.path().string()));
    }
    SecretBuffer secret_key = open_sealed(journal, k_secret_key_address, sealed_secret);
    if (secret_key.size() != crypto_box_SECRETKEYBYTES) {
        throw Error(ErrorKind::corrupt, "the journal's draft key is damaged; restore the journal "
                                        "from a backup.");
    }
    return {std::move(public_key), std::move(secret_key)};
}

} // namespace

void check_draft_key(Journal& journal) {
    bool has_pair = false;
    read_transaction(journal, [&](SQLite::Database& db) { has_pair = !public_key_of(db).empty(); });
    if (!has_pair) {
        return;
    }
    auto [public_key, secret_key] = draft_key_pair(journal);
    unsigned char derived[crypto_box_PUBLICKEYBYTES];
    crypto_scalarmult_base(derived, secret_key.data());
    if (sodium_memcmp(derived, public_key.data(), sizeof derived) != 0) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the draft key of the journal {} was replaced (its public half "
                                "is not its secret half's): drafts sealed to it could be read by "
                                "someone else. Restore the journal from a backup.",
                                journal.path().string()));
    }
}

std::vector<Draft> peer_drafts(SQLite::Database& db, std::int64_t peer_id, std::string_view code) {
    std::string journal_id = journal_id_of(db);
    std::vector<Draft> drafts;
    for (Draft& draft : list_draft_files()) {
        bool about_peer = std::any_of(draft.peers.begin(), draft.peers.end(), [&](const auto& p) {
            return p.id ? *p.id == peer_id : to_lower(p.code) == to_lower(code);
        });
        if (about_peer && is_this_journals(draft, journal_id)) {
            drafts.push_back(std::move(draft));
        }
    }
    return drafts;
}

long long remove_drafts(const std::vector<Draft>& drafts) {
    long long removed = 0;
    for (const Draft& draft : drafts) {
        try {
            remove_draft_files(draft);
            ++removed;
        } catch (const Error&) {
        }
    }
    return removed;
}

std::vector<Draft> list_drafts(Journal& journal, long long* others) {
    std::string journal_id;
    read_transaction(journal, [&](SQLite::Database& db) { journal_id = journal_id_of(db); });
    std::vector<Draft> drafts;
    long long elsewhere = 0;
    for (Draft& draft : list_draft_files()) {
        if (is_this_journals(draft, journal_id)) {
            drafts.push_back(std::move(draft));
        } else {
            ++elsewhere;
        }
    }
    if (others) {
        *others = elsewhere;
    }
    return drafts;
}

std::string open_draft(Journal& journal, std::string_view id) {
    Draft draft = own_draft(journal, id);
    std::string stored = read_draft_text_file(draft);
    if (!draft.sealed) {
        return stored;
    }
    if (!encrypted(journal)) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the draft {} is sealed, but the journal {} has no key to open "
                                "it.",
                                draft.id, journal.path().string()));
    }
    unlock_with_source(journal);
    auto [public_key, secret_key] = draft_key_pair(journal);
    if (stored.size() < crypto_box_SEALBYTES) {
        throw Error(ErrorKind::corrupt, fmt::format("the draft {} is damaged.", draft.id));
    }
    std::string text(stored.size() - crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(text.data()),
                             reinterpret_cast<const unsigned char*>(stored.data()), stored.size(),
                             reinterpret_cast<const unsigned char*>(public_key.data()),
                             secret_key.data()) != 0) {
        throw Error(ErrorKind::corrupt,
                    fmt::format("the draft {} does not open with this journal's key: it was "
                                "damaged, or sealed for another copy of the journal.",
                                draft.id));
    }
    return text;
}

void delete_draft(Journal& journal, std::string_view id) {
    remove_draft_files(own_draft(journal, id));
}

void write_draft_list(std::ostream& out, const std::vector<Draft>& drafts, OutputFormat format,
                      const RenderStyle& style) {
    auto codes_of = [](const Draft& draft) {
        std::vector<std::string> codes;
        for (const DraftPeer& peer : draft.peers) {
            codes.push_back(peer.code);
        }
        return codes;
    };
    if (format == OutputFormat::json) {
        Json list = Json::array();
        for (const Draft& draft : drafts) {
            list.push_back({{"id", draft.id},
                            {"created", draft.created},
                            {"kind", to_string(draft.kind)},
                            {"peers", codes_of(draft)},
                            {"sealed", draft.sealed}});
        }
        write_json(out, list, false);
        return;
    }
    TextTable table;
    for (const char* header : {"ID", "CREATED (UTC)", "KIND", "PEERS", "SEALED"}) {
        table.column(header);
    }
    for (const Draft& draft : drafts) {
        table.row({draft.id, draft.created.empty() ? "(unknown)" : draft.created,
                   std::string(to_string(draft.kind)),
                   fmt::format("{}", fmt::join(codes_of(draft), ",")),
                   draft.sealed ? "yes" : "no"});
    }
    out << table.render_text(style);
}

} // namespace peerlog
