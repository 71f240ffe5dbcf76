// Scrubbing deleted records out of the journal's files, now or at a later command.
#pragma once

#include "peerlog/journal.hpp"

#include <string>

namespace peerlog {

/// Whether the bytes of records deleted by a forget or purge are gone from the journal's files.
/// With secure_delete the deletion zeroes its pages in the WAL; the old pages stay in the
/// journal file and the WAL until a checkpoint copies the new ones over them and empties the
/// WAL, which it cannot do while another program still reads an older snapshot.
enum class Scrub {
    complete, ///< checkpointed and the WAL emptied: the deleted text is in no file
    pending   ///< another reader holds on: the records are deleted, their bytes remain
};

/// A scrub left pending by an earlier forget or purge, as a command found it when it opened the
/// journal (finish_pending_scrub).
struct PendingScrub {
    enum class State {
        none,     ///< there was nothing to finish
        finished, ///< this command finished it
        waiting,  ///< another program still holds an old snapshot: the next command tries again
        read_only ///< this journal is read-only here: a command that can write finishes it
    };
    State state = State::none;
    std::string deleted_at; ///< when the earliest of those records were deleted (UTC)
};

/// Finishes a scrub an earlier forget or purge left pending, if any: one checkpoint that does
/// not wait for other readers, then the marker is deleted. Cheap when there is none (one
/// lookup). Every command that opens the journal calls it; a journal opened read-only (the file
/// or its directory) cannot be checkpointed and reports read_only.
PendingScrub finish_pending_scrub(Journal& journal);

/// What to tell the person about `scrub` ("" for State::none).
std::string describe(const PendingScrub& scrub);

/// The message of a forget or purge whose records are deleted but not yet scrubbed: what is
/// deleted, that their bytes remain while another program reads, and that the next peerlog
/// command finishes it. `what` names the records ("peer P1's records").
std::string scrub_pending_message(std::string_view what);

} // namespace peerlog
