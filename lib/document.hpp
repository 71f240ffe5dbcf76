// A report laid out as sections of figures, tables and charts, rendered as text, markdown,
// csv or one self-contained HTML page with inline SVG. Private to the library.
#pragma once

#include "chart.hpp"
#include "peerlog/output_format.hpp"
#include "peerlog/text_table.hpp"
#include "sheet.hpp"

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace peerlog {

struct DocColumn {
    std::string header; ///< on a terminal, in markdown, html and xlsx
    std::string key;    ///< in csv
    Align align = Align::left;
    CellType type = CellType::text; ///< how a spreadsheet reads the cells (csv guards only text)
};

/// One row of a table as it is rendered: its cells and whether it is marked.
struct DocRow {
    const std::vector<std::string>& cells;
    bool highlight = false;
};

/// Hands `visit` each row of a table, in order, every time it is called: a table read as it is
/// rendered (from a journal's snapshot) rather than held. A terminal table calls it twice, the
/// first time for its column widths.
using DocRowSource = std::function<void(const std::function<void(const DocRow&)>& visit)>;

struct DocTable {
    std::vector<DocColumn> columns;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> highlight; ///< per row: drawn bold / marked, e.g. a peer not seen
    bool totals_row = false;     ///< the last row sums the others: set apart, not marked
    /// When set, the rows (after those in `rows`): every format renders them a row at a time,
    /// so a table of a million rows takes the memory of one.
    DocRowSource streamed{};
};

/// Hands `visit` each row of `table`, held then streamed, and whether it is the last.
void for_each_row(const DocTable& table,
                  const std::function<void(const DocRow& row, bool last)>& visit);

struct DocSection {
    std::string heading;
    std::vector<std::pair<std::string, std::string>> figures; ///< label, value
    std::vector<std::string> notes;                           ///< sentences
    std::vector<DocTable> tables;
    std::vector<Chart> charts;
};

struct Document {
    std::string title;
    std::vector<DocSection> sections;
};

/// Text for HTML and SVG: controls neutralised as by terminal_safe, line breaks as spaces,
/// & < > " ' as entities.
std::string html_escape(std::string_view text);

/// The sheets render_document writes as xlsx, for a caller that adds its own: held whole, so
/// for documents without a long streamed table.
std::vector<Sheet> document_sheets(const Document& document);

/// Renders sections alone, without the document's title, as table or markdown: a part of a
/// document written around them.
void render_sections(std::ostream& out, const std::vector<DocSection>& sections,
                     OutputFormat format, const RenderStyle& style);

/// Renders table, markdown, csv (section,item,field,value rows), html, or xlsx (one sheet per
/// section: its tables, then its figures and notes). Not json.
void render_document(std::ostream& out, const Document& document, OutputFormat format,
                     const RenderStyle& style);

} // namespace peerlog
