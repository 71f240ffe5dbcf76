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

std::string TextTable::render_text(const RenderStyle& style) const {
    std::vector<std::size_t> widths;
    for (const auto& header : m_headers) {
        widths.push_back(display_width(header));
    }
    for (const auto& cells : m_rows) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(cells[i]));
        }
    }
    auto line = [&](const std::vector<std::string>& cells, std::optional<CellEmphasis> emphasis) {
        std::string text;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            std::string padding(widths[i] - display_width(cells[i]), ' ');
            std::string cell = cells[i];
            if (style.color && emphasis && emphasis->column == i) {
                cell.insert(emphasis->end, "\x1b[0m");
                cell.insert(emphasis->begin, "\x1b[1;31m");
            }
            text += i == 0 ? "" : "  ";
            text += m_aligns[i] == Align::right ? padding + cell : cell + padding;
        }
        text.erase(text.find_last_not_of(' ') + 1);
        return text + "\n";
    };
    std::string header = line(m_headers, std::nullopt);
    std::string text =
        style.color ? "\x1b[1m" + header.substr(0, header.size() - 1) + "\x1b[0m\n" : header;
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        text += line(m_rows[r], m_emphasis[r]);
    }
    return text;
}

std::string TextTable::render_markdown() const {
    // A cell is typed text (a goal, a group's name): it must not become markup.
    auto escape = [](const std::string& cell) { return markdown_safe(cell); };
    std::string text = "|";
    std::string rule = "|";
    for (std::size_t i = 0; i < m_headers.size(); ++i) {
        text += " " + escape(m_headers[i]) + " |";
        rule += m_aligns[i] == Align::right ? " ---: |" : " --- |";
    }
    text += "\n" + rule + "\n";
    for (const auto& cells : m_rows) {
        text += "|";
        for (const auto& cell : cells) {
            text += " " + escape(cell) + " |";
        }
        text += "\n";
    }
    return text;
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
