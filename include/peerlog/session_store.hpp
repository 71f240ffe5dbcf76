// Storing, finding and changing sessions in the journal.
#pragma once

#include "peerlog/journal.hpp"
#include "peerlog/rules.hpp"
#include "peerlog/session.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace peerlog {

/// Adds a session after validating it, checking its peer (or its group and every attendee)
/// exists and is not closed, that each linked goal belongs to a peer of the session, and
/// evaluating the boundary rules: warnings are stored as flags; a blocking rule refuses the
/// session (Error privacy) unless `override_reason` is given, which is stored and audited.
/// Returns the new id; get_session shows its flags. Throws Error(invalid_data | not_found |
/// conflict | privacy).
std::int64_t add_session(Journal& journal, const Session& session, Date today,
                         const BoundaryPolicy& policy = {}, std::string_view override_reason = {});

/// The flags the session would get, without saving anything (to warn before the editor opens).
std::vector<BoundaryFlag> preview_boundaries(Journal& journal, const Session& session,
                                             const BoundaryPolicy& policy);

/// Throws what add_session would for this peer (not_found, or conflict when closed), so a
/// front end can check before asking the user to type a note.
void check_peer_can_have_sessions(Journal& journal, std::string_view peer_code);

/// The session with this id. Throws Error(not_found).
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

    bool empty() const;
};

/// `session` with the changes of `edit` applied (no validation).
Session edited(Session session, const SessionEdit& edit);

/// Applies `edit` to session `id`, validates the result, re-evaluates the boundary rules as
/// add_session does and stores it; returns it with its flags. A group session's peer cannot be
/// changed (Error(conflict)); its attendees and goals stay.
Session edit_session(Journal& journal, std::int64_t id, const SessionEdit& edit, Date today,
                     const BoundaryPolicy& policy = {}, std::string_view override_reason = {});

/// Deletes session `id`. Throws Error(not_found).
void remove_session(Journal& journal, std::int64_t id);

/// Which sessions a listing holds; unset fields do not filter.
struct SessionFilter {
    std::optional<std::string> peer_code;
    std::optional<Period> period;
    std::optional<SupportKind> support;
    bool flagged_only = false;          ///< only sessions with a boundary flag
    bool include_notes = false;         ///< fill Session::note (else it is left empty)
    std::optional<std::string> group{}; ///< only this group's sessions
    bool unreviewed_only = false;       ///< only sessions no supervisor has reviewed yet
};

/// A peer's filter matches the peer's own sessions and the group sessions they attended.
/// Calls `visit` for each matching session in date, start time, id order, streaming.
/// Throws Error(not_found) when the filter names an unknown peer.
void for_each_session(Journal& journal, const SessionFilter& filter,
                      const std::function<void(const Session&)>& visit);

/// The matching sessions, in the order of for_each_session.
std::vector<Session> list_sessions(Journal& journal, const SessionFilter& filter);

} // namespace peerlog
