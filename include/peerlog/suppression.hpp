// Small-cell suppression of aggregate figures shared beyond the supervisor (CMS cell-size policy).
#pragma once

#include "peerlog/summary.hpp"

#include <string>
#include <string_view>

namespace peerlog {

/// Hides every count from 1 to below-1 in the summary's figures (zero stays: it says nothing
/// about anyone). Where one cell of a group that adds up to a shown total is hidden, the next
/// smallest is hidden too, so the total cannot give it away. Minutes follow their session
/// count. Per-session rows and per-peer lists are dropped. Throws Error(usage) for below < 2.
void suppress_small_cells(PeriodSummary& summary, int below);

/// True when the figure at `path` ("totals.sessions", "totals.by_modality.phone.sessions",
/// "caseload.active_peers", ...) is hidden.
bool is_suppressed(const PeriodSummary& summary, std::string_view path);

/// The figure as printed: the number; "<11" when it is hidden for being small; "suppressed"
/// when it is hidden to protect another cell (or is a minutes figure).
std::string shown_count(const PeriodSummary& summary, std::string_view path, long long value);

} // namespace peerlog
