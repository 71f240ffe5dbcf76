// The period summary as document sections: its own figures for an HTML page, or all of it for
// a workbook. Private to the library.
#pragma once

#include "document.hpp"
#include "peerlog/summary.hpp"

#include <vector>

namespace peerlog {

/// The follow-ups overdue as a table: peer, due day (a date cell) and session (a number).
DocTable overdue_doc_table(const std::vector<FollowUp>& overdue);

/// The period's figures, its overdue follow-ups and the audit chain head: the first section of
/// the HTML summary, and of the identified one (the other formats print them through
/// write_summary_report).
DocSection period_section(const PeriodSummary& summary);

/// The period summary as sections (one sheet each in xlsx), suppressed figures as printed
/// ("<5"): the workbook of write_summary_report (`report summary --suppress-below N`), and the
/// summary's sheets of the identified report's.
Document summary_document(const PeriodSummary& summary);

} // namespace peerlog
