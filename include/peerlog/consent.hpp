// A peer's written consent to disclose (the elements 42 CFR Part 2 and HIPAA ask for).
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peerlog {

/// One consent. The specialist (the journal's owner) is who discloses.
struct Consent {
    std::int64_t id = 0;
    std::string peer_code;
    std::string recipient;          ///< to whom
    std::string purpose;            ///< why
    std::string information;        ///< how much and what kind of information
    Date signed_on{};               ///< signature date
    Date effective_on{};            ///< first day it counts (default: signed_on)
    std::optional<Date> expires_on; ///< last day it counts, or
    std::string expiry_event;       ///< the event that ends it, e.g. "discharge"
    std::optional<Date> revoked_on; ///< from this day on it no longer counts
};

/// Throws Error(invalid_data) when an element is missing or dates contradict each other
/// (no expiry date and no expiry event, expiry before it takes effect, ...).
void validate(const Consent& consent);

/// True when the consent is signed, in effect, not expired and not revoked on `day`.
/// It counts through its expiry date and stops on the day of revocation.
bool is_valid_on(const Consent& consent, Date day);

/// Adds a consent for an existing peer (audited); returns its id.
std::int64_t add_consent(Journal& journal, const Consent& consent);

/// Consents in id order; only one peer's when `peer_code` is not empty.
std::vector<Consent> list_consents(Journal& journal, const std::string& peer_code);

/// One consent. Throws Error(not_found).
Consent get_consent(Journal& journal, std::int64_t id);

/// Records a revocation on `day` (audited). Throws Error(conflict) if already revoked.
Consent revoke_consent(Journal& journal, std::int64_t id, Date day);

/// The consents that allow disclosing `peer_code`'s records to `recipient` (case-insensitive)
/// on `day`, for `purpose` when it is not empty.
std::vector<Consent> valid_consents(Journal& journal, const std::string& peer_code,
                                    const std::string& recipient, const std::string& purpose,
                                    Date day);

} // namespace peerlog
