// Storing, finding and changing sessions in the journal.
#pragma once

#include "peerlog/journal.hpp"
#include "peerlog/session.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace peerlog {

/// Adds a session after validating it and checking its peer (or its group and every attendee)
/// exists and is not closed, and that each linked goal belongs to a peer of the session.
/// Returns the new id. Throws Error(invalid_data | not_found | conflict).
std::int64_t add_session(Journal& journal, const Session& session, Date today);

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

    bool empty() const;
};

/// Applies `edit` to session `id`, validates the result and stores it; returns it. A group
/// session's peer cannot be changed (Error(conflict)); its attendees and goals stay.
Session edit_session(Journal& journal, std::int64_t id, const SessionEdit& edit, Date today);

/// Deletes session `id`. Throws Error(not_found).
void remove_session(Journal& journal, std::int64_t id);

/// Which sessions a listing holds; unset fields do not filter.
struct SessionFilter {
    std::optional<std::string> peer_code;
    std::optional<Period> period;
    std::optional<SupportKind> support;
    std::optional<std::string> group; ///< only this group's sessions
    bool unreviewed_only = false;     ///< only sessions no supervisor has reviewed yet
};

/// A peer's filter matches the peer's own sessions and the group sessions they attended.
/// Calls `visit` for each matching session in date, start time, id order, streaming.
/// Throws Error(not_found) when the filter names an unknown peer.
void for_each_session(Journal& journal, const SessionFilter& filter,
                      const std::function<void(const Session&)>& visit);

/// The matching sessions, in the order of for_each_session.
std::vector<Session> list_sessions(Journal& journal, const SessionFilter& filter);

} // namespace peerlog
