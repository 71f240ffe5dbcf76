// Consents: validation, validity on a day, storage.
#include "peerlog/consent.hpp"

#include "audit_log.hpp"
#include "journal_db.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"
#include "record_ids.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"
#include "text_util.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <functional>

namespace peerlog {
namespace {

constexpr const char* k_consent_select =
    "SELECT c.id, p.code, c.recipient, c.purpose, c.information, c.signed_on, c.effective_on, "
    "c.expires_on, c.expiry_event, c.revoked_on, c.share_mask FROM consent c JOIN peer p ON p.id = "
    "c.peer_id";

// The typed elements of a consent (to whom, why, what, until which event) name people and
// circumstances: each is sealed in an encrypted journal, addressed by the consent's id.
constexpr std::string_view k_sealed_elements[] = {"recipient", "purpose", "information",
                                                  "expiry_event"};

constexpr FieldAddress element_address(std::int64_t consent_id, std::string_view column) {
    return {"consent", column, consent_id};
}

// A consent as read, its typed elements still as stored (in k_sealed_elements order).
struct StoredConsent {
    Consent consent;
    StoredText elements[4];
};

StoredConsent read_consent(SQLite::Statement& row) {
    StoredConsent stored;
    Consent& consent = stored.consent;
    consent.id = row.getColumn(0).getInt64();
    consent.peer_code = row.getColumn(1).getString();
    stored.elements[0] = stored_text(row.getColumn(2));
    stored.elements[1] = stored_text(row.getColumn(3));
    stored.elements[2] = stored_text(row.getColumn(4));
    consent.signed_on = stored_date(row.getColumn(5));
    consent.effective_on = stored_date(row.getColumn(6));
    consent.expires_on = stored_optional_date(row.getColumn(7));
    stored.elements[3] = stored_text(row.getColumn(8));
    consent.revoked_on = stored_optional_date(row.getColumn(9));
    stored.consent.share_recorded = !row.getColumn(10).isNull();
    stored.consent.share =
        stored.consent.share_recorded
            ? ShareSet::from_mask(static_cast<unsigned>(row.getColumn(10).getInt()))
            : ShareSet{ShareCategory::attendance};
    return stored;
}

// The consent with its typed elements opened (asking the passphrase of an encrypted journal),
// or with sealed ones as k_sealed_marker.
Consent revealed(Journal& journal, const StoredConsent& stored, SealedText sealed) {
    Consent consent = stored.consent;
    std::string* fields[] = {&consent.recipient, &consent.purpose, &consent.information,
                             &consent.expiry_event};
    for (std::size_t i = 0; i < std::size(k_sealed_elements); ++i) {
        *fields[i] = text_of(journal, element_address(consent.id, k_sealed_elements[i]),
                             stored.elements[i], sealed);
    }
    return consent;
}

void require(bool ok, std::string_view message) {
    if (!ok) {
        throw Error(ErrorKind::invalid_data, std::string(message));
    }
}

// The consents `where` selects, read in one transaction and opened after it, so a passphrase
// prompt never holds a transaction open.
std::vector<Consent> query_consents(Journal& journal, const std::string& where,
                                    const std::function<void(SQLite::Statement&)>& bind,
                                    SealedText sealed = SealedText::open) {
    std::vector<StoredConsent> stored;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(db, fmt::format("{} {} ORDER BY c.id", k_consent_select, where));
        bind(query);
        while (query.executeStep()) {
            stored.push_back(read_consent(query));
        }
    });
    std::vector<Consent> consents;
    for (const StoredConsent& one : stored) {
        consents.push_back(revealed(journal, one, sealed));
    }
    return consents;
}

} // namespace

void validate(const Consent& c) {
    require(!trim(c.recipient).empty(), "a consent names its recipient (--recipient).");
    require(!trim(c.purpose).empty(),
            "a consent states the purpose of the disclosure (--purpose).");
    require(!trim(c.information).empty(),
            "a consent says how much and what kind of information may be disclosed (--info).");
    require(!c.share.empty(),
            fmt::format("a consent names the categories of information it allows disclosing: "
                        "give --share with one or more of {}.",
                        ShareSet::all().to_string(", ")));
    require(c.expires_on || !trim(c.expiry_event).empty(),
            "a consent needs an expiry: give --expires DATE or --until \"EVENT\" (42 CFR 2.31).");
    require(!(c.expires_on && !trim(c.expiry_event).empty()),
            "give either --expires or --until, not both.");
    require(c.signed_on <= c.effective_on,
            "a consent cannot take effect before it is signed (--effective before --signed).");
    require(!c.expires_on || c.effective_on <= *c.expires_on,
            "a consent cannot expire before it takes effect (--expires before --effective).");
    require(!c.revoked_on || c.signed_on <= *c.revoked_on,
            "a consent cannot be revoked before it was signed.");
}

void validate(const Consent& c, std::optional<Date> today) {
    validate(c);
    if (today && c.signed_on > *today) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the signature date {} (--signed) is in the future (today is {}): "
                                "record a consent once the peer has signed it.",
                                format_date(c.signed_on), format_date(*today)));
    }
}

std::string_view to_string(ConsentStatus status) {
    switch (status) {
    case ConsentStatus::valid:
        return "valid";
    case ConsentStatus::not_yet_in_effect:
        return "not-yet-in-effect";
    case ConsentStatus::expired:
        return "expired";
    case ConsentStatus::revoked:
        return "revoked";
    }
    return "valid";
}

ConsentStatus consent_status(const Consent& c, Date day) {
    if (c.revoked_on && *c.revoked_on <= day) {
        return ConsentStatus::revoked;
    }
    if (c.expires_on && *c.expires_on < day) {
        return ConsentStatus::expired;
    }
    return is_valid_on(c, day) ? ConsentStatus::valid : ConsentStatus::not_yet_in_effect;
}

bool is_valid_on(const Consent& c, Date day) {
    return c.signed_on <= day && c.effective_on <= day && (!c.expires_on || day <= *c.expires_on) &&
           (!c.revoked_on || day < *c.revoked_on);
}

std::int64_t add_consent(Journal& journal, const Consent& consent, std::optional<Date> today) {
    validate(consent, today);
    std::string recipient(trim(consent.recipient));
    unlock_to_seal(journal, recipient + consent.purpose + consent.information +
                                consent.expiry_event); // before the write lock
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement peer(db, "SELECT id, code FROM peer WHERE code = ?");
        peer.bind(1, consent.peer_code);
        if (!peer.executeStep()) {
            throw Error(ErrorKind::not_found,
                        fmt::format("no peer with code '{}' in the journal.", consent.peer_code));
        }
        // The id first: each sealed element carries it as associated data.
        id =
            db.execAndGet(fmt::format("SELECT {}", next_id_sql(NumberedTable::consent))).getInt64();
        SQLite::Statement insert(
            db, "INSERT INTO consent (id, peer_id, recipient, purpose, information, signed_on, "
                "effective_on, expires_on, expiry_event, created_at, share_mask) VALUES (?, ?, ?, "
                "?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, id);
        insert.bind(2, peer.getColumn(0).getInt64());
        const std::string* elements[] = {&recipient, &consent.purpose, &consent.information,
                                         &consent.expiry_event};
        constexpr int k_element_parameters[] = {3, 4, 5, 9};
        for (std::size_t i = 0; i < std::size(k_sealed_elements); ++i) {
            bind_sensitive(journal, insert, k_element_parameters[i],
                           element_address(id, k_sealed_elements[i]), *elements[i]);
        }
        bind_date(insert, 6, consent.signed_on);
        bind_date(insert, 7, consent.effective_on);
        bind_date(insert, 8, consent.expires_on);
        insert.bind(10, utc_timestamp());
        insert.bind(11, static_cast<int>(consent.share.mask()));
        insert.exec();
        // The recipient and purpose are typed text: an encrypted journal keeps them sealed in
        // the consent, not in the clear in the audit trail. The categories are codes.
        std::int64_t peer_id = peer.getColumn(0).getInt64();
        append_audit(db, "consent.add", fmt::format("consent {}", id),
                     encrypted(journal)
                         ? fmt::format("peer #{}; recipient and purpose sealed in the consent; "
                                       "sharing {}",
                                       peer_id, consent.share.to_string())
                         : fmt::format("peer #{} to {} for {}, sharing {}", peer_id,
                                       consent.recipient, consent.purpose,
                                       consent.share.to_string()));
    });
    return id;
}

std::vector<Consent> list_consents(Journal& journal, const std::string& peer_code) {
    if (peer_code.empty()) {
        return query_consents(journal, "", [](SQLite::Statement&) {});
    }
    return query_consents(journal, "WHERE p.code = ?",
                          [&](SQLite::Statement& q) { q.bind(1, peer_code); });
}

Consent get_consent(Journal& journal, std::int64_t id) {
    std::vector<Consent> found =
        query_consents(journal, "WHERE c.id = ?", [&](SQLite::Statement& q) { q.bind(1, id); });
    if (found.empty()) {
        throw Error(ErrorKind::not_found,
                    fmt::format("no consent with id {}. See `peerlog consent list`.", id));
    }
    return found.front();
}

Consent revoke_consent(Journal& journal, std::int64_t id, Date day, std::optional<Date> today) {
    if (today && day > *today) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the revocation date {} (--date) is in the future (today is {}): "
                                "record the revocation once the peer has revoked the consent "
                                "(it stops counting on that day).",
                                format_date(day), format_date(*today)));
    }
    // Only dates change: a revocation needs no passphrase, so sealed elements are not opened.
    auto found = query_consents(
        journal, "WHERE c.id = ?", [&](SQLite::Statement& q) { q.bind(1, id); },
        SealedText::shown_encrypted);
    if (found.empty()) {
        get_consent(journal, id); // Error(not_found)
    }
    Consent consent = found.front();
    bool pending = today && consent.revoked_on && *consent.revoked_on > *today;
    if (consent.revoked_on && !pending) {
        throw Error(ErrorKind::conflict, fmt::format("consent {} was already revoked on {}.", id,
                                                     format_date(*consent.revoked_on)));
    }
    consent.revoked_on = day;
    validate(consent);
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement update(db, "UPDATE consent SET revoked_on = ? WHERE id = ?");
        bind_date(update, 1, day);
        update.bind(2, id);
        update.exec();
        append_audit(db, "consent.revoke", fmt::format("consent {}", id),
                     fmt::format("revoked on {}", format_date(day)));
    });
    return consent;
}

ShareSet shared_categories(const std::vector<Consent>& consents) {
    ShareSet shared;
    for (const auto& consent : consents) {
        shared |= consent.share;
    }
    return shared;
}

std::string share_not_recorded_warning(const Consent& c) {
    if (c.share_recorded) {
        return "";
    }
    return fmt::format("consent {} ({} to {}) was recorded before consents named the categories "
                       "they allow: it counts as attendance only. To share more, record a new "
                       "consent with the categories the peer signed for (`peerlog consent add {} "
                       "--recipient ... --share attendance,notes,...`) and revoke this one.",
                       c.id, c.peer_code, c.recipient, c.peer_code);
}

std::vector<Consent> valid_consents(Journal& journal, const std::string& peer_code,
                                    const std::string& recipient, const std::string& purpose,
                                    Date day) {
    std::vector<Consent> valid;
    for (auto& consent : list_consents(journal, peer_code)) {
        bool same_recipient = to_lower(trim(consent.recipient)) == to_lower(trim(recipient));
        bool same_purpose =
            purpose.empty() || to_lower(trim(consent.purpose)) == to_lower(trim(purpose));
        if (same_recipient && same_purpose && is_valid_on(consent, day)) {
            valid.push_back(std::move(consent));
        }
    }
    return valid;
}

} // namespace peerlog
