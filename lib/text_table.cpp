// Rendering tables for a terminal and as Markdown.
#include "peerlog/text_table.hpp"

#include "peerlog/safe_text.hpp"

#include <algorithm>

namespace peerlog {

void TextTable::column(std::string header, Align align) {
    m_headers.push_back(std::move(header));
    m_aligns.push_back(align);
}

namespace {

std::string safe_cell(std::string_view cell) {
    return terminal_safe(cell, LineBreaks::flatten);
}

} // namespace

void TextTable::row(std::vector<std::string> cells) {
    cells.resize(m_headers.size());
    for (auto& cell : cells) {
        cell = safe_cell(cell);
    }
    m_rows.push_back(std::move(cells));
    m_emphasis.emplace_back();
}

// Each part is made safe on its own, so the emphasis covers the same text once it is safe.
void TextTable::row(std::vector<std::string> cells, CellEmphasis emphasis) {
    std::string_view cell = cells.at(emphasis.column);
    std::string before = safe_cell(cell.substr(0, emphasis.begin));
    std::string shown = safe_cell(cell.substr(emphasis.begin, emphasis.end - emphasis.begin));
    std::string after = safe_cell(cell.substr(emphasis.end));
    row(std::move(cells));
    m_rows.back()[emphasis.column] = before + shown + after;
    m_emphasis.back() = CellEmphasis{emphasis.column, before.size(), before.size() + shown.size()};
}

namespace {

// One line of a terminal table: cells padded to `widths`, two spaces apart, no trailing blanks.
std::string text_line(const std::vector<std::string>& cells, const std::vector<std::size_t>& widths,
                      const std::vector<Align>& aligns, const RenderStyle& style,
                      std::optional<CellEmphasis> emphasis) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        std::string padding(widths[i] - display_width(cells[i]), ' ');
        std::string cell = cells[i];
        if (style.color && emphasis && emphasis->column == i) {
            cell.insert(emphasis->end, "\x1b[0m");
            cell.insert(emphasis->begin, "\x1b[1;31m");
        }
        text += i == 0 ? "" : "  ";
        text += aligns[i] == Align::right ? padding + cell : cell + padding;
    }
    text.erase(text.find_last_not_of(' ') + 1);
    return text + "\n";
}

std::string header_line(const std::vector<std::string>& headers,
                        const std::vector<std::size_t>& widths, const std::vector<Align>& aligns,
                        const RenderStyle& style) {
    std::string header = text_line(headers, widths, aligns, style, std::nullopt);
    return style.color ? "\x1b[1m" + header.substr(0, header.size() - 1) + "\x1b[0m\n" : header;
}

// A cell is typed text (a goal, a group's name): it must not become markup.
std::string markdown_row(const std::vector<std::string>& cells) {
    std::string text = "|";
    for (const auto& cell : cells) {
        text += " " + markdown_safe(cell) + " |";
    }
    return text + "\n";
}

std::string markdown_header(const std::vector<std::string>& headers,
                            const std::vector<Align>& aligns) {
    std::string rule = "|";
    for (auto align : aligns) {
        rule += align == Align::right ? " ---: |" : " --- |";
    }
    return markdown_row(headers) + rule + "\n";
}

std::vector<std::size_t> display_widths(const std::vector<std::string>& cells) {
    std::vector<std::size_t> widths;
    for (const auto& cell : cells) {
        widths.push_back(display_width(cell));
    }
    return widths;
}

} // namespace

std::string TextTable::render_text(const RenderStyle& style) const {
    std::vector<std::size_t> widths = display_widths(m_headers);
    for (const auto& cells : m_rows) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(cells[i]));
        }
    }
    std::string text = header_line(m_headers, widths, m_aligns, style);
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        text += text_line(m_rows[r], widths, m_aligns, style, m_emphasis[r]);
    }
    return text;
}

std::string TextTable::render_markdown() const {
    std::string text = markdown_header(m_headers, m_aligns);
    for (const auto& cells : m_rows) {
        text += markdown_row(cells);
    }
    return text;
}

void TextTableLines::column(std::string header, Align align) {
    m_widths.push_back(display_width(header));
    m_headers.push_back(std::move(header));
    m_aligns.push_back(align);
}

void TextTableLines::measure(const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size() && i < m_widths.size(); ++i) {
        m_widths[i] = std::max(m_widths[i], display_width(safe_cell(cells[i])));
    }
}

std::string TextTableLines::header_text(const RenderStyle& style) const {
    return header_line(m_headers, m_widths, m_aligns, style);
}

std::string TextTableLines::row_text(std::vector<std::string> cells) const {
    cells.resize(m_headers.size());
    for (auto& cell : cells) {
        cell = safe_cell(cell);
    }
    return text_line(cells, m_widths, m_aligns, RenderStyle{}, std::nullopt);
}

std::string TextTableLines::header_markdown() const {
    return markdown_header(m_headers, m_aligns);
}

std::string TextTableLines::row_markdown(std::vector<std::string> cells) const {
    cells.resize(m_headers.size());
    for (auto& cell : cells) {
        cell = safe_cell(cell);
    }
    return markdown_row(cells);
}

std::string render_heading(const std::string& text, int level, bool markdown,
                           const RenderStyle& style) {
    if (markdown) {
        return std::string(static_cast<std::size_t>(level), '#') + ' ' + markdown_safe(text) +
               "\n\n";
    }
    std::string shown = style.color ? "\x1b[1m" + text + "\x1b[0m" : text;
    return shown + "\n" + std::string(display_width(text), level == 1 ? '=' : '-') + "\n";
}

} // namespace peerlog
