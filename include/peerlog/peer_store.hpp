// Storing, finding and changing peers in the journal.
#pragma once

#include "peerlog/backup_copies.hpp"
#include "peerlog/config.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/peer.hpp"
#include "peerlog/scrub.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peerlog {

struct PeerIdentity;

/// Adds a new peer, with the identity fields that are not empty, in one transaction; returns
/// its id, one no peer had before (ids of forgotten peers are not given again). Throws
/// Error(conflict) when the code is taken (codes compare case-insensitively), and
/// Error(invalid_data) when its `since` is after `today` (when given).
std::int64_t add_peer(Journal& journal, const Peer& peer, const PeerIdentity& identity,
                      std::optional<Date> today = std::nullopt);
std::int64_t add_peer(Journal& journal, const Peer& peer);

/// The peer with this code (case-insensitive). Throws Error(not_found) with a hint.
Peer get_peer(Journal& journal, std::string_view code);

/// The changes `peer edit` can make; unset fields stay as they are.
struct PeerEdit {
    std::optional<std::string> code; ///< a new pseudonymous code
    std::optional<std::optional<Pathway>> pathway;
    std::optional<std::optional<RecoveryStage>> stage;
    std::optional<Date> since;
    std::optional<std::string> referred_by;
    std::optional<std::string> name;    ///< identity: kept apart, sealed when encrypted
    std::optional<std::string> contact; ///< identity
};

/// Applies `edit` to the peer with `code` and returns the stored result; audited as peer.edit
/// naming the fields that changed (with the new stage, pathway or since; never the referral
/// source's text). Throws Error(invalid_data) when a new `since` is after `today` (when given)
/// or after the peer's first contact (a one-on-one session or a group session attended).
Peer edit_peer(Journal& journal, std::string_view code, const PeerEdit& edit,
               std::optional<Date> today = std::nullopt);

/// Closes a peer's record on `date`, which may not be after `today` (no new sessions until
/// reopened).
Peer close_peer(Journal& journal, std::string_view code, Date date,
                std::optional<Date> today = std::nullopt);

/// Puts a peer on pause (still on the caseload, not expected to be seen).
Peer pause_peer(Journal& journal, std::string_view code);

/// Makes a paused or closed peer active again.
Peer reopen_peer(Journal& journal, std::string_view code);

/// A peer's sensitive identity, kept apart from the pseudonymous record (encrypted at rest in
/// an encrypted journal). Never part of an export or report unless consented and asked for.
struct PeerIdentity {
    std::string name;
    std::string contact;
    bool empty() const { return name.empty() && contact.empty(); }
};

/// Sets the fields of `identity` that are given (audited without their values).
void set_identity(Journal& journal, std::string_view code, const std::optional<std::string>& name,
                  const std::optional<std::string>& contact);

/// The identity on file (empty fields when none).
PeerIdentity get_identity(Journal& journal, std::string_view code);

/// How the accounting of disclosures, and the peer.forget event, show a forgotten peer.
inline constexpr const char* k_forgotten_peer = "a forgotten peer";

/// What forgetting a peer removed.
struct ForgetResult {
    std::string peer_code;
    long long sessions = 0;
    long long consents = 0;
    long long goals = 0;
    long long referrals = 0;
    long long assessments = 0;
    /// group sessions the peer is no longer listed at, each counting them as unnamed instead
    long long group_sessions = 0;
    long long redacted_events = 0; ///< audit events about the peer whose summary was redacted
    /// disclosures that included the peer: kept in the accounting, the peer's code and id taken
    /// out of them
    long long disclosures = 0;
    /// the backups taken since the peer's first record, which still hold them
    std::vector<BackupCopy> backups;
    /// whether the deleted bytes are gone from the journal's files (never pending for a preview)
    Scrub scrub = Scrub::complete;
    long long drafts = 0; ///< draft files about the peer (see draft.hpp), deleted once committed
};

/// What a ForgetResult counts, for every message about a forget (the dry run, the result and
/// the peer.forget event alike): "2 sessions, 1 consent, 0 goals, 0 referrals and 1 assessment
/// deleted; removed from 1 group session (now counted there as unnamed); 7 audit events
/// redacted" (no parenthesis when the peer attended no group session), then "; kept in the
/// accounting of 1 disclosure as a forgotten peer" when disclosures included them, and "; 1
/// draft deleted" when drafts of notes about them were kept.
std::string describe(const ForgetResult& result);

/// Deletes everything about a peer (sessions, flags, consents, goals, referrals, assessments,
/// attendance at group sessions, identity, the peer itself; each group session they attended
/// counts one more unnamed attendee, so its headcount stays true), takes their code and id out
/// of the accounting of disclosures (whose rows stay: "a forgotten peer") and redacts the
/// summary of every audit event about them, of the disclosures that included them and of the
/// group sessions they attended (all of a group session's events, whoever they were about),
/// leaving one "forgotten on request" event about "a forgotten peer", all in one transaction.
/// Then it checkpoints the WAL, waiting up to the busy timeout for other readers, so the deleted
/// text does not linger in the journal's files (secure_delete is on): result.scrub says whether
/// it could; when pending, a marker committed with the deletion lets a later command finish it
/// (finish_pending_scrub). Last, it deletes the journal's drafts about the peer (peer_drafts).
/// Events from before schema 4 keep their summaries: their hash covers them.
ForgetResult forget_peer(Journal& journal, std::string_view code);

/// What forget_peer would delete and redact for `code`, from the same list of tables and the
/// same selection of events; changes nothing (for `peer forget --dry-run`). Throws
/// Error(not_found) for an unknown code.
ForgetResult preview_forget(Journal& journal, std::string_view code);

/// A peer `peerlog purge` forgot, as it was before, and what went with it.
struct PurgedPeer {
    Peer peer;
    ForgetResult forgotten;
};

/// The days before which `peerlog purge` forgets closed peers and removes disclosures.
struct PurgeCutoffs {
    Date closed_before{};               ///< peers closed before this day are forgotten
    Date disclosures_before{};          ///< disclosures made before this day are removed
    int disclosure_retention_years = 6; ///< privacy.disclosure_retention_years, to say why
};

/// The cut-offs from the config: peers closed before `closed_before` (default
/// privacy.retention_years of 365 days before `today`), disclosures made before the same day
/// privacy.disclosure_retention_years calendar years ago.
PurgeCutoffs purge_cutoffs(const Config& config, Date today, std::optional<Date> closed_before);

/// What a purge did, or would do.
struct PurgeResult {
    std::vector<PurgedPeer> peers;     ///< in order of closing
    long long disclosures_expired = 0; ///< entries of the accounting of disclosures removed
    std::vector<BackupCopy> backups;   ///< taken since the first purged peer's first record
    Scrub scrub = Scrub::complete;     ///< as for forget_peer
};

/// Forgets, as forget_peer does, every peer closed before `cutoffs.closed_before` (in order of
/// closing), and removes the disclosures made before `cutoffs.disclosures_before` (one
/// "disclosure.expire" event counts them), all in one transaction, so a failure leaves every one
/// of them as it was; each peer's event says "purged by retention (closed before CUTOFF)".
/// Checkpoints once, when anything was deleted (result.scrub, as for forget_peer).
/// `confirmed_codes` are the codes the user was shown and agreed to (preview_purge's, in any
/// order): when the peers closed before the cut-off are no longer exactly those, it forgets no
/// one and throws Error(conflict).
PurgeResult purge_closed_before(Journal& journal, const PurgeCutoffs& cutoffs,
                                std::vector<std::string> confirmed_codes);

/// What purge_closed_before would do now (each peer's ForgetResult counting its drafts alone);
/// changes nothing.
PurgeResult preview_purge(Journal& journal, const PurgeCutoffs& cutoffs);

/// Peers closed before `day`, the candidates for `peerlog purge` (in the order it takes them).
std::vector<Peer> peers_closed_before(Journal& journal, Date day);

/// A peer with the figures `peer list` and `peer show` print.
struct PeerOverview {
    Peer peer;
    long long sessions = 0;
    long long minutes = 0;
    std::optional<Date> last_contact;
};

/// Peers ordered by code; closed ones only with `include_closed`.
std::vector<PeerOverview> list_peers(Journal& journal, bool include_closed);

/// One peer's overview. Throws Error(not_found).
PeerOverview peer_overview(Journal& journal, std::string_view code);

} // namespace peerlog
