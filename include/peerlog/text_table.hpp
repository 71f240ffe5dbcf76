// A table of text cells rendered for a terminal or as Markdown.
#pragma once

#include "peerlog/output_format.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peerlog {

enum class Align { left, right };

/// Part of a cell shown emphasised (bold red, as grep does) when the table is coloured: a
/// search's match. `begin` and `end` are byte offsets into the cell as given to row().
struct CellEmphasis {
    std::size_t column = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// Rows of cells under headers; cells are made terminal-safe when rendered.
class TextTable {
  public:
    /// Adds a column; call before adding rows.
    void column(std::string header, Align align = Align::left);
    /// Adds a row with one cell per column.
    void row(std::vector<std::string> cells);
    /// Adds a row with part of one cell emphasised (render_text with colour only).
    void row(std::vector<std::string> cells, CellEmphasis emphasis);
    bool empty() const { return m_rows.empty(); }

    /// Padded columns two spaces apart; the header line bold when `style.color`.
    std::string render_text(const RenderStyle& style) const;
    /// A GitHub-flavoured Markdown table, headers and cells escaped by markdown_safe.
    std::string render_markdown() const;

  private:
    std::vector<std::string> m_headers;
    std::vector<Align> m_aligns;
    std::vector<std::vector<std::string>> m_rows;
    std::vector<std::optional<CellEmphasis>> m_emphasis; ///< per row, in the terminal-safe cell
};

/// A text table rendered a row at a time, for more rows than it is wise to hold: the lines
/// TextTable renders, byte for byte. On a terminal the widths come first: measure() every row,
/// then header_text() and row_text() of each row again. Markdown needs no widths.
class TextTableLines {
  public:
    /// Adds a column; call before measuring rows.
    void column(std::string header, Align align = Align::left);
    /// Widens the columns to a row's terminal-safe cells.
    void measure(const std::vector<std::string>& cells);

    /// The header line of render_text, after every row was measured.
    std::string header_text(const RenderStyle& style) const;
    /// A row's line of render_text, after every row was measured.
    std::string row_text(std::vector<std::string> cells) const;
    /// The header and rule lines of render_markdown.
    std::string header_markdown() const;
    /// A row's line of render_markdown.
    std::string row_markdown(std::vector<std::string> cells) const;

  private:
    std::vector<std::string> m_headers;
    std::vector<Align> m_aligns;
    std::vector<std::size_t> m_widths; ///< display widths, the headers' to begin with
};

/// A heading above tables: in Markdown `#` (level 1) or `##` and a blank line; on a terminal
/// the text (bold when `style.color`) underlined with `=` (level 1) or `-`. `text` must already
/// be terminal-safe; in Markdown it is escaped by markdown_safe.
std::string render_heading(const std::string& text, int level, bool markdown,
                           const RenderStyle& style);

} // namespace peerlog
