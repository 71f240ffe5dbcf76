// `report boundaries` as document sections and JSON, shared with `report summary`. Private to
// the library.
#pragma once

#include "document.hpp"
#include "json_codec.hpp"
#include "peerlog/boundary_report.hpp"

namespace peerlog {

/// The summary's Boundaries section: the flagged sessions and overrides, the flags by rule with
/// their overrides, and the sessions flagged (each with its rules and any override reason).
DocSection boundaries_section(const BoundaryReport& report);

/// One line for the summary's "at a glance": "2 flagged sessions, 1 override (contact_hours 2)".
std::string boundaries_glance(const BoundaryReport& report);

/// The report's figures and flags by rule, without schema_version, kind or period: each rule's
/// flags a marker, its stream added to `streams` (write_json_streamed writes them in place).
Json boundaries_json(const BoundaryReport& report, std::vector<JsonStream>& streams);

} // namespace peerlog
