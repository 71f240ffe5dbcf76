// Identified disclosures: exports that carry identity and notes for consenting peers, and the
// accounting of every such disclosure (HIPAA 164.528, 42 CFR 2.24).
#pragma once

#include "peerlog/audit.hpp"
#include "peerlog/config.hpp"
#include "peerlog/output_format.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/session.hpp"

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
    /// What the accounting of disclosures records as disclosed.
    std::string information = "identity fields and session notes";
};

/// The request of an identified export or report: the specialist from the config and its
/// redisclosure notice (42 CFR 2.32(a)(1) when privacy.redisclosure_notice is empty). Throws
/// Error(usage) when `recipient` is blank: identified records go only to a named recipient.
DisclosureRequest disclosure_request(const Config& config, std::string recipient,
                                     std::string purpose, Date today);

/// One consenting peer's records as disclosed.
struct DisclosedPeer {
    std::string code;
    PeerIdentity identity;
    std::vector<std::int64_t> consent_ids;
    std::vector<Session> sessions; ///< notes included
    std::string purpose;           ///< the purposes of the consents that allowed it, joined by "; "
};

/// The identified export: a value the writers render. prepare_disclosure builds it from one
/// read snapshot, with the id it will be recorded under and that snapshot's chain head;
/// record_disclosure records it under that id.
struct IdentifiedExport {
    Period period;
    DisclosureRequest request;
    std::vector<DisclosedPeer> peers;  ///< consenting peers with sessions in the period
    std::vector<std::string> left_out; ///< peers with sessions but no valid consent
    std::int64_t disclosure_id = 0;    ///< the id it is (to be) recorded under
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
/// consents' purposes, and an audit event, with `request.information` as what was disclosed)
/// in one short write transaction. Call it once the output is whole and before it is named
/// (write_output_file in peerlog/output_file.hpp), or, for output that cannot be taken back
/// (stdout), before writing it: then a disclosure is recorded even when writing fails midway.
/// Throws Error(busy) when another disclosure took the foreseen id meanwhile (nothing is
/// recorded: the output, which carries that id, must not be given out).
void record_disclosure(Journal& journal, const IdentifiedExport& disclosed);

/// The stderr line that names the peers left out for want of a valid consent ("" when none).
std::string left_out_warning(const IdentifiedExport& disclosed);

/// The stderr confirmation that the disclosure was recorded, with its id and recipient.
std::string disclosure_confirmation(const IdentifiedExport& disclosed);

/// Writes the identified export as json, ndjson or csv, always with the notice.
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
    std::vector<std::string> peer_codes;
    std::vector<std::string> peer_purposes; ///< for each code, its consents' purposes ("" before
                                            ///< schema 4)
};

/// Disclosures, oldest first. With `peer_code` (a peer's own accounting): only those that
/// included it, each with that peer's code and consents' purposes alone (the purpose is the one
/// asked for, else theirs), never the other peers disclosed with them or their purposes.
std::vector<DisclosureRecord> list_disclosures(Journal& journal, const std::string& peer_code);

/// Writes the accounting as a table or json.
void write_disclosures(std::ostream& out, const std::vector<DisclosureRecord>& records,
                       OutputFormat format, const RenderStyle& style);

/// Writes audit events as a table or json.
void write_audit_events(std::ostream& out, const std::vector<AuditEvent>& events,
                        OutputFormat format, const RenderStyle& style);

} // namespace peerlog
