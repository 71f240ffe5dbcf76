// The weekly export for scripts: a de-identified rendering of a PeriodSummary.
#pragma once

#include "peerlog/output_format.hpp"
#include "peerlog/summary.hpp"

#include <optional>
#include <ostream>

namespace peerlog {

/// The export's JSON schema version; bumped when a field changes meaning or goes away.
inline constexpr int k_export_schema_version = 1;

/// Throws Error(usage) for an export that cannot be written in `format` with small-cell
/// suppression below `suppress_below` (csv lists sessions one by one, which suppression
/// removes): checked before anything is read or recorded.
void check_export_options(OutputFormat format, std::optional<int> suppress_below);

/// Writes the export as json (one document), ndjson (a header line with the totals, then one
/// line per session), csv (one row per session) or xlsx (sheets Summary, Totals, Follow-ups due
/// and Sessions). Peer codes only: no notes, no identity.
void write_export(std::ostream& out, const PeriodSummary& summary, OutputFormat format);

/// The same export, byte for byte (xlsx: cell for cell), streamed from the journal
/// (stream_summary): what `peerlog export` runs, so exporting years of sessions takes no more
/// memory than exporting a week, in every format.
void write_export(std::ostream& out, Journal& journal, const Period& period,
                  const SummaryOptions& options, OutputFormat format);

} // namespace peerlog
