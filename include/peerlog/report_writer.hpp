// Rendering the supervisor's reports as table, markdown, csv, json or self-contained HTML.
#pragma once

#include "peerlog/output_format.hpp"
#include "peerlog/reports.hpp"
#include "peerlog/summary.hpp"

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

/// `report summary`: the period summary plus one line for each report, and in HTML the charts.
struct SupervisorSummary {
    PeriodSummary summary;
    CaseloadReport caseload;
    HoursReport hours;
    OutcomesReport outcomes;
    SupervisionReport supervision;
    CertificationReport certification;
    WellbeingReport wellbeing;
};

/// Builds every part in turn for the same period.
SupervisorSummary build_supervisor_summary(Journal& journal, const Period& period,
                                           const ReportOptions& options);

void write_supervisor_summary(std::ostream& out, const SupervisorSummary& summary,
                              OutputFormat format, const RenderStyle& style);

} // namespace peerlog
