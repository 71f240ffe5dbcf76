// Making stored text safe to print: no terminal control, no spreadsheet formulas, no markup.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// Whether line breaks and tabs survive (a note) or become spaces (a table cell).
enum class LineBreaks { keep, flatten };

/// Whether `code_point` is a bidirectional control or an invisible format character: U+061C,
/// U+200B-U+200F, U+202A-U+202E, U+2066-U+2069 or U+FEFF. Each can make text on a screen read
/// otherwise than it is stored (reordered, hidden, or two texts alike).
bool is_hidden_format(char32_t code_point);

/// `text` with every control character neutralised: C0 controls and DEL shown in caret
/// notation (ESC -> "^["), C1 controls and invalid UTF-8 as U+FFFD, a bare CR as "^M", and each
/// hidden format character (is_hidden_format) as its code point, e.g. "<U+202E>".
std::string terminal_safe(std::string_view text, LineBreaks line_breaks);

/// A dumped JSON text with DEL, the C1 controls and the hidden format characters inside its
/// strings written as \u escapes ("\u007f", "\u009b", "\u202e"): the same document, which no
/// terminal it is printed on acts upon. Invalid UTF-8 (nlohmann's dump with
/// error_handler_t::replace leaves none) becomes U+FFFD.
std::string json_safe(std::string_view json);

/// One CSV cell (RFC 4180 quoting); a cell starting with = + - @ TAB CR or NUL gets a
/// leading ' so a spreadsheet shows it as text instead of running it (OWASP). Control
/// characters are neutralised as by terminal_safe (line breaks and tabs kept).
std::string csv_cell(std::string_view text);

/// Stored or typed text as literal Markdown (GitHub-flavoured) on one line: controls neutralised
/// as by terminal_safe, line breaks and tabs as spaces, and every character that could start
/// markup, an HTML tag or entity, a link or image, emphasis, code, a heading, math or a table
/// cell (\ ` * _ [ ] < > | # & ~ $) backslash-escaped; so are a leading - + = (a list, a rule)
/// and the . or ) after leading digits before a space (a numbered list: 2.5 stays). ( ) and ! stay:
/// without [ ] they cannot make a link or an image. For table cells, headings and paragraphs alike.
std::string markdown_safe(std::string_view text);

/// One CSV line, cells joined with commas, ending in CRLF as RFC 4180 asks.
std::string csv_line(const std::vector<std::string>& cells);

/// The number of terminal columns `text` takes (one per code point; good enough for tables).
std::size_t display_width(std::string_view text);

} // namespace peerlog
