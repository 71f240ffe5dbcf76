// The identified summary report: a period's de-identified summary plus, for peers with a valid
// consent for one recipient, their identity and session notes (a recorded disclosure).
#pragma once

#include "peerlog/disclosure.hpp"
#include "peerlog/output_format.hpp"
#include "peerlog/summary.hpp"

#include <ostream>
#include <string_view>

namespace peerlog {

/// What the accounting of disclosures records as disclosed by an identified report, before the
/// categories given (see disclosed_information).
inline constexpr std::string_view k_identified_report_information = "identified report summary";

/// The identified report: a value the writer renders. prepare_identified_report builds it
/// unrecorded; record_disclosure(journal, report.disclosed) records it.
struct IdentifiedReport {
    PeriodSummary summary;      ///< the figures `report summary` shows, never suppressed
    IdentifiedExport disclosed; ///< the consenting peers, the left-out codes, the disclosure
};

/// The period's summary and the consenting peers' records, not yet recorded: built as the
/// identified export is (prepare_disclosure: same consent check, same notice), with
/// k_identified_report_information as what is disclosed, both from one read snapshot (so they
/// carry the same chain head). Record it with record_disclosure once the report file is whole
/// (see there). Throws Error(privacy) when no peer with sessions in the period has a valid
/// consent.
IdentifiedReport prepare_identified_report(Journal& journal, const Period& period,
                                           const SummaryOptions& options,
                                           DisclosureRequest request);

/// Writes the report as table, markdown, csv, json, html or xlsx: the redisclosure notice first,
/// then the summary as write_summary_report renders it (html: the period's figures; xlsx: its
/// sheets, after a "Disclosure" sheet), then the identified records: each consenting peer's name
/// and what its DisclosedPeer holds (the categories its consents allow; xlsx: one "Identified
/// records" sheet, a row per record, as `export --identified` writes it). Left-out peers are
/// not named in it.
void write_identified_report(std::ostream& out, const IdentifiedReport& report, OutputFormat format,
                             const RenderStyle& style);

} // namespace peerlog
