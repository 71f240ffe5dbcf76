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
void write_supervision_report(std::ostream& out, const SupervisionReport& report,
                              OutputFormat format, const RenderStyle& style);
void write_certification_report(std::ostream& out, const CertificationReport& report,
                                OutputFormat format, const RenderStyle& style);
void write_wellbeing_report(std::ostream& out, const WellbeingReport& report, OutputFormat format,
                            const RenderStyle& style);

/// `report summary`: the period summary, the boundary flags and overrides, and one line for each
/// report; in HTML and xlsx every report in full (HTML with its charts).
/// A summary with small cells suppressed is shared beyond the supervisor: it holds only the
/// period summary (the other reports list peers one by one, so there is nothing to suppress).
struct SupervisorSummary {
    PeriodSummary summary;
    bool summary_only = false; ///< small cells suppressed: the other parts are left empty
    /// Built for a format that prints the other reports only at a glance (table, markdown,
    /// csv): caseload and supervision are left empty, hours has its totals only.
    bool glance_only = false;
    BoundaryReport boundaries;
    CaseloadReport caseload;
    HoursReport hours;
    long long awaiting_review = 0; ///< the period's sessions awaiting review
    OutcomesReport outcomes;
    SupervisionReport supervision;
    CertificationReport certification;
    WellbeingReport wellbeing;
};

/// Whether `format` prints every report of the summary in full (json, html, xlsx) rather than
/// a line of figures for each (table, markdown, csv).
bool summary_prints_reports(OutputFormat format);

/// Builds every part in turn for the same period; with `suppress_below`, only the period
/// summary, its counts from 1 to suppress_below-1 hidden (see suppress_small_cells). With
/// `glance_only`, only what the "at a glance" lines and the boundaries print (see
/// SupervisorSummary::glance_only): a week's summary then reads no row per peer.
SupervisorSummary build_supervisor_summary(Journal& journal, const Period& period,
                                           const ReportOptions& options,
                                           std::optional<int> suppress_below = std::nullopt,
                                           bool glance_only = false);

/// Renders table, markdown, csv, json, html or xlsx. Throws Error(usage) for html when
/// summary_only: its charts are per peer.
void write_supervisor_summary(std::ostream& out, const SupervisorSummary& summary,
                              OutputFormat format, const RenderStyle& style);

} // namespace peerlog
