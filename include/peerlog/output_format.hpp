// The output formats peerlog renders, and the options every renderer takes.
#pragma once

#include <initializer_list>
#include <string_view>

namespace peerlog {

/// xlsx is a binary workbook: written only to a file (`-o FILE`), never to a terminal.
enum class OutputFormat { table, markdown, csv, json, ndjson, html, xlsx };

/// Parses a format name, accepting only those in `allowed`. Throws Error(usage) listing them.
OutputFormat parse_output_format(std::string_view text,
                                 std::initializer_list<OutputFormat> allowed);
std::string_view to_string(OutputFormat format);

/// How human-readable output may look.
struct RenderStyle {
    bool color = false; ///< ANSI bold / highlight: only on a terminal with NO_COLOR unset
};

} // namespace peerlog
