// Importing peers and sessions from CSV files, e.g. a spreadsheet someone kept before peerlog.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/output_format.hpp"
#include "peerlog/rules.hpp"
#include "peerlog/session.hpp"

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// How dates in an imported file are written. ISO (YYYY-MM-DD) is always accepted.
enum class ImportDateFormat {
    iso, ///< YYYY-MM-DD only
    us,  ///< MM/DD/YYYY (or M/D/YYYY), and YYYY-MM-DD
};

ImportDateFormat parse_import_date_format(std::string_view text);
std::string_view to_string(ImportDateFormat format);

/// What an import may do and the defaults it fills in.
struct ImportOptions {
    ImportDateFormat date_format = ImportDateFormat::iso;
    bool dry_run = false;       ///< check and count, change nothing
    bool create_peers = false;  ///< sessions: add unknown peer codes instead of refusing them
    bool create_groups = false; ///< sessions: add unknown group names instead of refusing them
    Modality default_modality = Modality::in_person;
    Setting default_setting = Setting::office;
    BoundaryPolicy boundaries; ///< the configured rules; a block only flags (see warn_only)
    Date today{};
};

/// A row that cannot be imported, by the line of the file it starts on.
struct ImportProblem {
    std::size_t line = 0;
    std::string reason;
};

/// What an import did, or would do under dry_run.
struct ImportResult {
    std::string what; ///< "sessions" or "peers"
    bool dry_run = false;
    bool committed = false;                   ///< true once rows were written
    std::size_t rows = 0;                     ///< data rows read (header and blank lines aside)
    std::size_t added = 0;                    ///< new rows (to be) added
    std::size_t already_present = 0;          ///< rows the journal already holds (skipped)
    std::size_t peers_created = 0;            ///< sessions with create_peers: new peer codes
    std::size_t groups_created = 0;           ///< sessions with create_groups: new group names
    std::vector<std::string> ignored_columns; ///< header names peerlog does not read
    std::vector<ImportProblem> problems;      ///< every bad row; none when committed
};

/// Imports sessions from CSV (see peerlog-import(1) for the columns and their aliases).
/// All rows or none: with any problem nothing is written and the result lists them all.
/// A row with a group is a group session (its attendees and unnamed count apart). A row's
/// identity is (peer or group, date, start, minutes, support kinds): the n-th row of the file
/// with a given identity is skipped when the journal already holds n such sessions, so
/// importing the same file twice adds nothing. Throws Error(invalid_data) for an unusable
/// header, Error(busy/io/...) from the journal.
ImportResult import_sessions(Journal& journal, std::istream& in, const ImportOptions& options);

/// Imports peers from CSV. A code already in the journal (any case) is skipped, not changed.
ImportResult import_peers(Journal& journal, std::istream& in, const ImportOptions& options);

/// Renders a result as text lines (for a person) or JSON (for a script).
void write_import_result(std::ostream& out, const ImportResult& result, OutputFormat format);

} // namespace peerlog
