// Scrubbing deleted records out of the journal's files: the checkpoint after a forget or purge,
// and the marker that lets a later command finish it.
#include "peerlog/scrub.hpp"

#include "journal_db.hpp"
#include "peerlog/error.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace peerlog {

void mark_scrub_pending(SQLite::Database& db) {
    SQLite::Statement mark(db, "INSERT INTO pending_scrub (deleted_at) VALUES (?)");
    mark.bind(1, utc_timestamp());
    mark.exec();
}

Scrub scrub_deleted(Journal& journal, ReaderWait wait) {
    if (checkpoint(journal, wait) == Scrub::pending) {
        return Scrub::pending;
    }
    // The marker's own deletion writes a page or two of the WAL with nothing forgotten in them;
    // the second checkpoint only empties the WAL again and need not succeed.
    write_transaction(journal, [](SQLite::Database& db) { db.exec("DELETE FROM pending_scrub"); });
    checkpoint(journal, ReaderWait::no);
    return Scrub::complete;
}

PendingScrub finish_pending_scrub(Journal& journal) {
    PendingScrub found;
    read_statement(journal, [&](SQLite::Database& db) {
        SQLite::Statement earliest(db, "SELECT min(deleted_at) FROM pending_scrub");
        if (earliest.executeStep() && !earliest.getColumn(0).isNull()) {
            found.deleted_at = earliest.getColumn(0).getString();
        }
    });
    if (found.deleted_at.empty()) {
        return found;
    }
    if (!journal.writable()) {
        found.state = PendingScrub::State::read_only;
        return found;
    }
    // Without waiting: a reader still holding on must not make every command wait the busy
    // timeout; the next one tries again.
    found.state = scrub_deleted(journal, ReaderWait::no) == Scrub::complete
                      ? PendingScrub::State::finished
                      : PendingScrub::State::waiting;
    return found;
}

std::string describe(const PendingScrub& scrub) {
    switch (scrub.state) {
    case PendingScrub::State::none:
        return "";
    case PendingScrub::State::finished:
        return fmt::format("finished scrubbing the records deleted at {} (peer forget or purge): "
                           "their bytes are gone from the journal's files.",
                           scrub.deleted_at);
    case PendingScrub::State::waiting:
        return fmt::format("the records deleted at {} (peer forget or purge) are gone from the "
                           "journal, but their bytes stay in its files while another program "
                           "holds an old read snapshot of it; the next peerlog command after "
                           "that program lets go finishes the scrub.",
                           scrub.deleted_at);
    case PendingScrub::State::read_only:
        return fmt::format("the records deleted at {} (peer forget or purge) are gone from the "
                           "journal, but their bytes are still in its files: the journal is "
                           "read-only here, so run a peerlog command with write access to it to "
                           "finish the scrub.",
                           scrub.deleted_at);
    }
    return "";
}

std::string scrub_pending_message(std::string_view what) {
    return fmt::format("{} are deleted, but their bytes stay in the journal's files while "
                       "another program holds a read snapshot of it (a sqlite3 shell, a backup "
                       "or sync tool). Close it: the next peerlog command finishes the scrub "
                       "and says so.",
                       what);
}

} // namespace peerlog
