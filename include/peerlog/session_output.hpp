// Rendering sessions: the `session list` formats and the `session show` page.
#pragma once

#include "peerlog/output_format.hpp"
#include "peerlog/session.hpp"

#include <ostream>
#include <vector>

namespace peerlog {

/// Whether private text (the note, the disclosure purpose) is included.
enum class PrivateText { omit, include };

/// Writes a listing as table, csv, json or ndjson. Notes only with PrivateText::include.
void write_session_list(std::ostream& out, const std::vector<Session>& sessions,
                        OutputFormat format, PrivateText private_text, const RenderStyle& style);

/// Writes one session, note included, as a labelled page (table) or JSON.
void write_session_detail(std::ostream& out, const Session& session, OutputFormat format,
                          const RenderStyle& style);

} // namespace peerlog
