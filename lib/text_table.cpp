// Rendering tables for a terminal and as Markdown.
#include "peerlog/text_table.hpp"

#include "peerlog/safe_text.hpp"

#include <algorithm>

namespace peerlog {

void TextTable::column(std::string header, Align align) {
    m_headers.push_back(std::move(header));
    m_aligns.push_back(align);
}

void TextTable::row(std::vector<std::string> cells) {
    cells.resize(m_headers.size());
    for (auto& cell : cells) {
        cell = terminal_safe(cell, LineBreaks::flatten);
    }
    m_rows.push_back(std::move(cells));
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
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            std::string padding(widths[i] - display_width(cells[i]), ' ');
            text += i == 0 ? "" : "  ";
            text += m_aligns[i] == Align::right ? padding + cells[i] : cells[i] + padding;
        }
        text.erase(text.find_last_not_of(' ') + 1);
        return text + "\n";
    };
    std::string header = line(m_headers);
    std::string text =
        style.color ? "\x1b[1m" + header.substr(0, header.size() - 1) + "\x1b[0m\n" : header;
    for (const auto& cells : m_rows) {
        text += line(cells);
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
