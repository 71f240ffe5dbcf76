// Storing, finding and changing sessions in the journal.
#pragma once

#include "peerlog/journal.hpp"
#include "peerlog/note_search.hpp"
#include "peerlog/rules.hpp"
#include "peerlog/session.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace peerlog {

/// A peer whose first day on the caseload moved back to the date of a session being saved:
/// a contact puts the peer on the caseload that day (else their week would miss them).
struct CaseloadStart {
    std::string peer_code;
    Date since{};
};

/// What saving a session did besides storing it, for the front end to tell the user.
struct SaveEffects {
    std::vector<CaseloadStart> caseload_starts; ///< peers whose `since` moved back, audited
    /// An override reason was given, but no rule set to block needed it: it was not stored.
    bool override_unused = false;
    /// add_session: the session as given, with its new id, its peer's code or group's name as
    /// the journal spells them and the flags stored with it (by rule), so that confirming the
    /// save needs no read back.
    Session saved;
};

/// Adds a session after validating it, checking its peer (or its group and every attendee)
/// exists and is not closed, that each linked goal belongs to a peer of the session, and
/// evaluating the boundary rules: warnings are stored as flags; a blocking rule refuses the
/// session (Error privacy) unless `override_reason` is given, which is stored and audited (a
/// blank reason is Error(usage)). A peer whose `since` is after the session's date gets the
/// session's date as `since`, in the same transaction. Returns the new id; get_session shows
/// its flags; `effects`, when given, receives what else changed and the session as saved. Throws
/// Error(invalid_data | not_found | conflict | privacy | usage).
std::int64_t add_session(Journal& journal, const Session& session, Date today,
                         const BoundaryPolicy& policy = {}, std::string_view override_reason = {},
                         SaveEffects* effects = nullptr);

/// Throws what add_session would (invalid_data, not_found, conflict for a closed peer,
/// privacy for a rule set to block without `override_reason`) without saving anything, so a
/// front end can refuse before the user writes a note in the editor.
void check_session_add(Journal& journal, const Session& session, Date today,
                       const BoundaryPolicy& policy = {}, std::string_view override_reason = {});

/// The session with this id, its private text (note, disclosure purpose, dual relationship) and
/// its reviews with their comments. Throws Error(not_found).
Session get_session(Journal& journal, std::int64_t id);

/// The changes `session edit` can make; unset fields stay as they are.
struct SessionEdit {
    std::optional<std::string> peer_code;
    std::optional<Date> date;
    std::optional<std::optional<TimeOfDay>> start;
    std::optional<int> minutes;
    std::optional<Modality> modality;
    std::optional<Setting> setting;
    std::optional<SupportSet> support;
    std::optional<std::string> note;
    std::optional<std::string> disclosure;
    std::optional<std::optional<Date>> follow_up;
    std::optional<bool> disclosed;
    std::optional<BoundaryFacts> facts;
    std::optional<std::vector<std::string>> attendees; ///< a group session's, by code
    std::optional<int> unnamed;                        ///< a group session's
    std::optional<std::vector<std::int64_t>> goals;    ///< empty takes every goal off

    bool empty() const;
};

/// `session` with the changes of `edit` applied (no validation).
Session edited(Session session, const SessionEdit& edit);

/// Applies `edit` to session `id`, validates the result, re-evaluates the boundary rules as
/// add_session does and stores it; returns it with its flags. A rule set to block that the
/// session was already saved over keeps its stored override reason unless `override_reason`
/// gives a new one; only a rule that newly blocks refuses the change (Error(privacy), saying
/// the change was not saved). A group session's peer cannot be changed, nor a one-on-one's
/// attendees (Error(conflict)). New attendees must be open peers, as in add_session; every goal
/// (the edit's, or the stored ones when attendees change) must be one of a peer in the session
/// (Error(conflict)). Peers' `since` move back to the session's date as in add_session.
Session edit_session(Journal& journal, std::int64_t id, const SessionEdit& edit, Date today,
                     const BoundaryPolicy& policy = {}, std::string_view override_reason = {},
                     SaveEffects* effects = nullptr);

/// Throws what edit_session would (not_found, conflict, invalid_data, privacy, usage) without
/// saving anything, so a front end can refuse before the user writes a note in the editor.
void check_session_edit(Journal& journal, std::int64_t id, const SessionEdit& edit, Date today,
                        const BoundaryPolicy& policy = {}, std::string_view override_reason = {});

/// Deletes session `id`. Throws Error(not_found).
void remove_session(Journal& journal, std::int64_t id);

/// Which sessions a listing holds; unset fields do not filter.
struct SessionFilter {
    std::optional<std::string> peer_code;
    std::optional<Period> period;
    std::optional<SupportKind> support;
    bool flagged_only = false; ///< only sessions with a boundary flag
    /// Fill the private text: Session::note, disclosure and facts.dual_relationship (else they
    /// are left empty; `disclosed` still says whether there was a self-disclosure).
    bool include_notes = false;
    std::optional<std::string> group{}; ///< only this group's sessions
    bool unreviewed_only = false;       ///< only sessions no supervisor has reviewed yet
    /// Only sessions whose note holds this text. In an encrypted journal each note of a
    /// session the other fields let through is opened (asking the passphrase the first time),
    /// and no other note, nor any other private text unless `include_notes` asks for it.
    std::optional<NoteSearch> note_search{};
};

/// A peer's filter matches the peer's own sessions and the group sessions they attended.
/// Calls `visit` for each matching session in date, start time, id order, streaming.
/// Throws Error(not_found) when the filter names an unknown peer.
void for_each_session(Journal& journal, const SessionFilter& filter,
                      const std::function<void(const Session&)>& visit);

/// The matching sessions, in the order of for_each_session.
std::vector<Session> list_sessions(Journal& journal, const SessionFilter& filter);

/// A session as `session list` shows it, with where its note holds the text searched for.
struct ListedSession {
    Session session;
    std::optional<NoteMatch> note_match; ///< set when the filter searched notes
};

/// What `session list` shows: the sessions in order, and whether a note search chose them.
struct SessionListing {
    std::vector<ListedSession> sessions;
    bool searched_notes = false; ///< each session then has its note_match
};

/// The matching sessions as for_each_session finds them, each with its note match when
/// `filter.note_search` is set.
SessionListing session_listing(Journal& journal, const SessionFilter& filter);

} // namespace peerlog
