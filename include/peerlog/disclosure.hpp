// Identified disclosures: exports that carry identity and notes for consenting peers, and the
// accounting of every such disclosure (HIPAA 164.528, 42 CFR 2.24).
#pragma once

#include "peerlog/assessment.hpp"
#include "peerlog/audit.hpp"
#include "peerlog/config.hpp"
#include "peerlog/consent.hpp"
#include "peerlog/goal.hpp"
#include "peerlog/output_format.hpp"
#include "peerlog/referral.hpp"
#include "peerlog/session.hpp"
#include "peerlog/share_category.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace peerlog {

/// Who asks for what.
struct DisclosureRequest {
    std::string recipient; ///< trimmed
    std::string purpose;   ///< empty: any purpose the recipient's consents name
    Date today{};
    std::string specialist;
    std::string notice; ///< the redisclosure notice the output must carry
    /// What the output is, for the accounting of disclosures, which records it followed by the
    /// categories disclosed: "identified export: names, attendance, notes".
    std::string information = "identified export";
};

/// Whether --suppress-below was asked for alongside --identified.
enum class SuppressionAsked { no, yes };

/// The request of an identified export or report: the specialist from the config and its
/// redisclosure notice (42 CFR 2.32(a)(1) when privacy.redisclosure_notice is empty). Throws
/// Error(usage) when suppression is asked for too (it hides small counts, while identified
/// records name the peers) and when `recipient` is blank: identified records go only to a
/// named recipient.
DisclosureRequest disclosure_request(const Config& config, std::string recipient,
                                     std::string purpose, Date today, SuppressionAsked suppression);

/// When, how long, how and where a contact happened (the attendance category).
struct DisclosedAttendance {
    Date date{};
    std::optional<TimeOfDay> start;
    int minutes = 0;
    Modality modality = Modality::in_person;
    Setting setting = Setting::office;
    std::string group; ///< the group's name for a group session the peer attended, else empty
};

/// One contact as disclosed: its id and the fields of the categories the peer's consents allow;
/// a field they do not allow is never filled.
struct DisclosedSession {
    std::int64_t id = 0;
    std::optional<DisclosedAttendance> attendance; ///< attendance
    std::optional<SupportSet> support;             ///< support
    /// notes; never a group session's note, which is about the other attendees too
    std::optional<std::string> note;
    std::optional<std::vector<std::int64_t>> goals; ///< goals: the goals it addressed
};

/// One consenting peer's records as disclosed: the name (every identified output names its
/// peers), and exactly what the union of the peer's valid consents allows, nothing else. Each
/// optional is filled only when its category is allowed, so a renderer cannot write what it was
/// never given.
struct DisclosedPeer {
    std::string code;
    std::string name;
    ShareSet share; ///< the categories the peer's consents allow together
    std::vector<std::int64_t> consent_ids;
    std::string purpose; ///< the purposes of the consents that allowed it, joined by "; "
    std::optional<std::string> contact; ///< contact
    /// attendance, support or notes: the period's contacts, one-on-one and group, each with the
    /// fields of those categories allowed
    std::optional<std::vector<DisclosedSession>> sessions;
    /// goals: every goal opened by the period's last day, with its status as it stands
    std::optional<std::vector<Goal>> goals;
    /// referrals: every referral made by the period's last day, with its status as it stands
    std::optional<std::vector<Referral>> referrals;
    /// assessments: every BARC-10 assessment taken by the period's last day
    std::optional<std::vector<Assessment>> assessments;
};

/// The identified export: a value the writers render. prepare_disclosure builds it from one
/// read snapshot, with the id it will be recorded under and that snapshot's chain head;
/// record_disclosure records it under that id.
struct IdentifiedExport {
    Period period;
    DisclosureRequest request;
    std::vector<DisclosedPeer> peers;  ///< consenting peers with sessions in the period
    std::vector<std::string> left_out; ///< peers with sessions but no valid consent
    /// The consents recorded before categories existed that a disclosed peer's rest on: each
    /// counts as attendance alone (see share_not_recorded_warning).
    std::vector<Consent> share_not_recorded;
    std::int64_t disclosure_id = 0; ///< the id it is (to be) recorded under
    /// The chain head of the snapshot it was built from: the disclosure's own event follows it.
    AuditHead audit_head;
    /// The purpose recorded: the one asked for, else the purposes of the consents that allowed
    /// the disclosure (distinct, joined by "; ").
    std::string purpose;
};

/// Builds the identified export for the period from one read snapshot, not yet recorded: with
/// the next free disclosure id and the snapshot's chain head. Throws Error(privacy) when no peer
/// with sessions in the period has a valid consent for the recipient: nothing is disclosed then.
IdentifiedExport prepare_disclosure(Journal& journal, const Period& period,
                                    const DisclosureRequest& request);

/// Records a prepared disclosure (a disclosure row under its foreseen id, its peers with their
/// consents' purposes and the categories given of each, and an audit event, with
/// `request.information` and the categories given as what was disclosed) in one short write
/// transaction. Call it once the output is whole and before it is named (write_output_file in
/// peerlog/output_file.hpp), or, for output that cannot be taken back (stdout), before writing
/// it: then a disclosure is recorded even when writing fails midway. Throws Error(busy) when
/// another disclosure took the foreseen id meanwhile (nothing is recorded: the output, which
/// carries that id, must not be given out).
void record_disclosure(Journal& journal, const IdentifiedExport& disclosed);

/// The stderr line that names the peers left out for want of a valid consent ("" when none).
std::string left_out_warning(const IdentifiedExport& disclosed);

/// The warnings for stderr before an identified output is written: the peers left out, then
/// each consent recorded before categories existed that counts as attendance alone.
std::vector<std::string> disclosure_warnings(const IdentifiedExport& disclosed);

/// What the accounting records as disclosed: `request.information`, the names and the
/// categories given of any peer, e.g. "identified export: names, attendance, notes".
std::string disclosed_information(const IdentifiedExport& disclosed);

/// The stderr confirmation that the disclosure was recorded, with its id and recipient.
std::string disclosure_confirmation(const IdentifiedExport& disclosed);

/// Writes the identified export as json, ndjson, csv or xlsx, always with the notice: for each
/// peer, its code and name and what its DisclosedPeer holds. xlsx: a "Disclosure" sheet (the
/// notice, recipient, purpose, period, disclosure id, chain head), then "Identified records",
/// the csv's rows with codes, names and contacts as text cells.
void write_identified_export(std::ostream& out, const IdentifiedExport& disclosed,
                             OutputFormat format);

/// One recorded disclosure, for the accounting of disclosures.
struct DisclosureRecord {
    std::int64_t id = 0;
    std::string at; ///< UTC timestamp
    std::string recipient;
    std::string purpose; ///< the one asked for, else the peers' consents' purposes
    std::string information;
    Period period;
    long long people = 0; ///< how many people's records it disclosed, forgotten peers included
    /// the codes listed (k_forgotten_peer, "a forgotten peer", for each one forgotten since)
    std::vector<std::string> peer_codes;
    std::vector<std::string> peer_purposes; ///< for each code, its consents' purposes ("" before
                                            ///< schema 4)
    /// For each code, the categories given of it (contact, attendance, support and notes for a
    /// disclosure made before categories existed: what peerlog gave then).
    std::vector<ShareSet> peer_shares;
};

/// Disclosures, oldest first, kept through forget and purge for
/// privacy.disclosure_retention_years (a forgotten peer listed as "a forgotten peer", with the
/// purposes of their consents). With `peer_code` (a peer's own accounting): only those that
/// included it, each with that peer's code and consents' purposes alone (the purpose is the one
/// asked for, else theirs), never the other peers disclosed with them or their purposes; `people`
/// still counts everyone it disclosed.
std::vector<DisclosureRecord> list_disclosures(Journal& journal, const std::string& peer_code);

/// Writes the accounting as a table or json.
void write_disclosures(std::ostream& out, const std::vector<DisclosureRecord>& records,
                       OutputFormat format, const RenderStyle& style);

/// Writes audit events as a table or json.
void write_audit_events(std::ostream& out, const std::vector<AuditEvent>& events,
                        OutputFormat format, const RenderStyle& style);

} // namespace peerlog
