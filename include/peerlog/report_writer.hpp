// Rendering the supervisor's reports as table, markdown, csv, json or self-contained HTML.
#pragma once

#include "peerlog/boundary_report.hpp"
#include "peerlog/output_format.hpp"
#include "peerlog/reports.hpp"
#include "peerlog/summary.hpp"

#include <optional>
#include <ostream>

namespace peerlog {

void write_caseload_report(std::ostream& out, const CaseloadReport& report, OutputFormat format,
                           const RenderStyle& style);
void write_hours_report(std::ostream& out, const HoursReport& report, OutputFormat format,
                        const RenderStyle& style);
void write_outcomes_report(std::ostream& out, const OutcomesReport& report, OutputFormat format,
                           const RenderStyle& style);
/// Renders a held review queue, or one read as it is visited, a session at a time.
void write_supervision_report(std::ostream& out, const SupervisionReport& report,
                              OutputFormat format, const RenderStyle& style);
/// `report supervision` from the journal, byte for byte what the one above writes of
/// build_supervision_report, in one read snapshot with the review queue streamed from it
/// (stream_supervision_report): a period of any length in the memory of a week's, in every
/// format (a terminal table reads the queue twice, first for its widths).
void write_supervision_report(std::ostream& out, Journal& journal, const Period& period,
                              const ReportOptions& options, OutputFormat format,
                              const RenderStyle& style);
void write_certification_report(std::ostream& out, const CertificationReport& report,
                                OutputFormat format, const RenderStyle& style);
void write_wellbeing_report(std::ostream& out, const WellbeingReport& report, OutputFormat format,
                            const RenderStyle& style);

/// How much of each report a summary holds: as much as its format prints.
enum class SummaryDetail {
    glance,  ///< table, markdown, csv: one line per report; caseload and supervision not read,
             ///< hours its totals only, certification only with a target
    figures, ///< json: every report
    full,    ///< html, xlsx: every report in full (the same reads as json)
};

/// The detail `format` prints.
SummaryDetail summary_detail(OutputFormat format);

/// `report summary`: the period summary, the boundary flags and overrides, and one line for each
/// report; in HTML and xlsx every report in full (HTML with its charts).
/// A summary with small cells suppressed is shared beyond the supervisor: it holds only the
/// period summary (the other reports list peers one by one, so there is nothing to suppress).
struct SupervisorSummary {
    PeriodSummary summary;
    bool summary_only = false; ///< small cells suppressed: the other parts are left empty
    SummaryDetail detail = SummaryDetail::full;
    BoundaryReport boundaries;
    CaseloadReport caseload;
    HoursReport hours;
    OutcomesReport outcomes;
    SupervisionReport supervision;
    CertificationReport certification;
    WellbeingReport wellbeing;
};

/// Builds every part in turn for the same period, to `detail`; with `suppress_below`, only the
/// period summary, its counts from 1 to suppress_below-1 hidden (see suppress_small_cells).
/// At a glance, a week's summary reads no row per peer. Its boundary flags and review queue are
/// read from the journal as they are rendered: render it inside the read transaction it was
/// built in for one snapshot, and while `journal` lives.
SupervisorSummary build_supervisor_summary(Journal& journal, const Period& period,
                                           const ReportOptions& options,
                                           std::optional<int> suppress_below = std::nullopt,
                                           SummaryDetail detail = SummaryDetail::full);

/// Renders table, markdown, csv, json, html or xlsx. Throws Error(usage) for html when
/// summary_only: its charts are per peer; std::logic_error when `format` prints more than the
/// summary's detail holds (json from a figures summary prints an empty review queue: the
/// journal's write_supervisor_summary streams it in).
void write_supervisor_summary(std::ostream& out, const SupervisorSummary& summary,
                              OutputFormat format, const RenderStyle& style);

/// `report summary` from the journal, byte for byte what the two above write, in one read
/// snapshot, built to the detail `format` prints: in json the review queue is streamed from the
/// journal, and table, markdown and csv read only what their lines print, so a summary of years
/// takes the memory of a week's (html and xlsx, which list the queue, still hold it).
void write_supervisor_summary(std::ostream& out, Journal& journal, const Period& period,
                              const ReportOptions& options, std::optional<int> suppress_below,
                              OutputFormat format, const RenderStyle& style);

} // namespace peerlog
