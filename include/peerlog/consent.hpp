// A peer's written consent to disclose (the elements 42 CFR Part 2 and HIPAA ask for).
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/share_category.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// One consent. The specialist (the journal's owner) is who discloses.
struct Consent {
    std::int64_t id = 0;
    std::string peer_code;
    std::string recipient;   ///< to whom
    std::string purpose;     ///< why
    std::string information; ///< how much and what kind of information, in its words
    /// The categories it allows disclosing (--share). A consent recorded before categories
    /// existed (`share_recorded` false) counts as attendance alone.
    ShareSet share;
    bool share_recorded = true;
    Date signed_on{};               ///< signature date
    Date effective_on{};            ///< first day it counts (default: signed_on)
    std::optional<Date> expires_on; ///< last day it counts, or
    std::string expiry_event;       ///< the event that ends it, e.g. "discharge"
    std::optional<Date> revoked_on; ///< from this day on it no longer counts
};

/// Throws Error(invalid_data) when an element is missing or dates contradict each other
/// (no category to share, no expiry date and no expiry event, expiry before it takes effect,
/// ...).
void validate(const Consent& consent);

/// True when the consent is signed, in effect, not expired and not revoked on `day`.
/// It counts through its expiry date and stops on the day of revocation.
bool is_valid_on(const Consent& consent, Date day);

/// validate(), and with `today`, Error(invalid_data) when it is signed after today: a consent is
/// recorded once it is signed.
void validate(const Consent& consent, std::optional<Date> today);

/// How a consent stands on a day.
enum class ConsentStatus { valid, not_yet_in_effect, expired, revoked };
/// "valid", "not-yet-in-effect", "expired", "revoked".
std::string_view to_string(ConsentStatus status);
ConsentStatus consent_status(const Consent& consent, Date day);

/// Adds a consent for an existing peer (audited); returns its id. With `today`, a consent
/// signed after it is refused (Error(invalid_data)).
std::int64_t add_consent(Journal& journal, const Consent& consent,
                         std::optional<Date> today = std::nullopt);

/// Consents in id order; only one peer's when `peer_code` is not empty.
std::vector<Consent> list_consents(Journal& journal, const std::string& peer_code);

/// One consent. Throws Error(not_found).
Consent get_consent(Journal& journal, std::int64_t id);

/// Records a revocation on `day` (audited). Throws Error(conflict) if already revoked. With
/// `today`, a `day` after it is refused (Error(invalid_data): the consent would keep counting
/// until then), and a revocation recorded for a day after `today` (by an older peerlog) may be
/// replaced by one on or before it.
Consent revoke_consent(Journal& journal, std::int64_t id, Date day,
                       std::optional<Date> today = std::nullopt);

/// The categories that the consents allow together (their union): what a disclosure resting on
/// them may give of the peer.
ShareSet shared_categories(const std::vector<Consent>& consents);

/// For a consent recorded before categories existed: a warning that names it, says it counts as
/// attendance alone and how to record one that shares more; "" for any other consent.
std::string share_not_recorded_warning(const Consent& consent);

/// The consents that allow disclosing `peer_code`'s records to `recipient` (case-insensitive)
/// on `day`, for `purpose` when it is not empty.
std::vector<Consent> valid_consents(Journal& journal, const std::string& peer_code,
                                    const std::string& recipient, const std::string& purpose,
                                    Date day);

} // namespace peerlog
