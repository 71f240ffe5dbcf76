// Rendering sessions: the `session list` formats and the `session show` page.
#pragma once

#include "peerlog/output_format.hpp"
#include "peerlog/session.hpp"
#include "peerlog/session_store.hpp"

#include <ostream>
#include <vector>

namespace peerlog {

/// Whether private text (the note, the disclosure purpose) is included.
enum class PrivateText { omit, include };

/// Writes a listing as table, csv, json, ndjson or xlsx. Notes only with PrivateText::include.
/// A listing a note search chose shows each session's matching line: in the table always (a
/// MATCH column, the line cut to fit, the match emphasised in colour: the person who searched
/// reads it), in csv, json, ndjson and xlsx, which go to files and programs, only with
/// PrivateText::include, as notes do (match_line, more_matching_lines).
void write_session_list(std::ostream& out, const SessionListing& listing, OutputFormat format,
                        PrivateText private_text, const RenderStyle& style);

/// Writes one session, note included, as a labelled page (table) or JSON.
void write_session_detail(std::ostream& out, const Session& session, OutputFormat format,
                          const RenderStyle& style);

} // namespace peerlog
