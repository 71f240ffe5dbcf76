// The identified summary report: a period's de-identified summary plus, for peers with a valid
// consent for one recipient, their identity and session notes (a recorded disclosure).
#pragma once

#include "peerlog/disclosure.hpp"
#include "peerlog/output_format.hpp"
#include "peerlog/summary.hpp"

#include <ostream>
#include <string_view>

namespace peerlog {

/// What the accounting of disclosures records as disclosed by an identified report.
inline constexpr std::string_view k_identified_report_information =
    "identified report summary: identity fields and session notes";

/// The identified report: a value the writer renders; its disclosure has already been recorded.
struct IdentifiedReport {
    PeriodSummary summary;      ///< the figures `report summary` shows, never suppressed
    IdentifiedExport disclosed; ///< the consenting peers, the left-out codes, the disclosure
};

/// The identified report, not yet recorded: prepare_disclosure with
/// k_identified_report_information as what is disclosed. Record it with record_disclosure once
/// the output is open. Throws Error(privacy) as build_identified_report does.
IdentifiedReport prepare_identified_report(Journal& journal, const Period& period,
                                           const SummaryOptions& options,
                                           DisclosureRequest request);

/// Builds the period's summary, then discloses the consenting peers' records exactly as the
/// identified export does (disclose(): same consent check, same record, same notice), with
/// k_identified_report_information as what was disclosed. Throws Error(privacy) when no peer
/// with sessions in the period has a valid consent: nothing is recorded then.
IdentifiedReport build_identified_report(Journal& journal, const Period& period,
                                         const SummaryOptions& options, DisclosureRequest request);

/// Writes the report as table, markdown, csv or json: the redisclosure notice first, then the
/// summary as write_summary_report renders it, then the identified records (name, contact and,
/// per session, date, minutes, support kinds and note). Left-out peers are not named in it.
void write_identified_report(std::ostream& out, const IdentifiedReport& report, OutputFormat format,
                             const RenderStyle& style);

} // namespace peerlog
