// The supervisor's one-page summary report: a rendering of a PeriodSummary.
#pragma once

#include "peerlog/output_format.hpp"
#include "peerlog/summary.hpp"

#include <ostream>

namespace peerlog {

/// The summary report's JSON schema version.
inline constexpr int k_report_schema_version = 1;

/// Writes the report as table (for a terminal), markdown, csv (section,item,sessions,minutes,
/// value rows), json or xlsx (a sheet per section). De-identified: peer codes only.
void write_summary_report(std::ostream& out, const PeriodSummary& summary, OutputFormat format,
                          const RenderStyle& style);

} // namespace peerlog
