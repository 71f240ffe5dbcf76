// Rendering a report document: terminal text, markdown, long-form csv, self-contained HTML.
#include "document.hpp"

#include "peerlog/safe_text.hpp"
#include "xlsx_writer.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace peerlog {
namespace {

// A row's cells as a terminal or markdown shows them: a marked row starts with "* ".
std::vector<std::string> marked_cells(const DocRow& row) {
    std::vector<std::string> cells = row.cells;
    if (row.highlight && !cells.empty()) {
        cells[0] = "* " + cells[0];
    }
    return cells;
}

// A table and a blank line, a row at a time; nothing when it has no rows. On a terminal the
// rows are read twice: first for the columns' widths.
void write_text_table(std::ostream& out, const DocTable& table, bool markdown,
                      const RenderStyle& style) {
    TextTableLines lines;
    for (const auto& column : table.columns) {
        lines.column(column.header, column.align);
    }
    bool any = false;
    if (!markdown) {
        for_each_row(table, [&](const DocRow& row, bool) {
            lines.measure(marked_cells(row));
            any = true;
        });
        if (!any) {
            return;
        }
        out << lines.header_text(style);
    }
    for_each_row(table, [&](const DocRow& row, bool) {
        if (markdown && !any) {
            out << lines.header_markdown();
        }
        any = true;
        out << (markdown ? lines.row_markdown(marked_cells(row))
                         : lines.row_text(marked_cells(row)));
    });
    if (any) {
        out << "\n";
    }
}

void write_text_sections(std::ostream& out, const std::vector<DocSection>& sections, bool markdown,
                         const RenderStyle& style) {
    auto heading = [&](const std::string& text, int level) {
        out << render_heading(terminal_safe(text, LineBreaks::flatten), level, markdown, style);
    };
    for (const auto& section : sections) {
        heading(section.heading, 2);
        if (!section.figures.empty()) {
            DocTable figures{{{"Figure", "figure"}, {"Value", "value", Align::right}}, {}, {}};
            for (const auto& [label, value] : section.figures) {
                figures.rows.push_back({label, value});
            }
            write_text_table(out, figures, markdown, style);
        }
        for (const auto& note : section.notes) {
            out << (markdown ? markdown_safe(note) : terminal_safe(note, LineBreaks::flatten))
                << "\n\n";
        }
        for (const auto& table : section.tables) {
            write_text_table(out, table, markdown, style);
        }
    }
}

void write_text(std::ostream& out, const Document& document, bool markdown,
                const RenderStyle& style) {
    if (!document.title.empty()) { // a document without a title continues another
        out << render_heading(terminal_safe(document.title, LineBreaks::flatten), 1, markdown,
                              style);
        out << "\n";
    }
    write_text_sections(out, document.sections, markdown, style);
}

// A figure's value is a number when it reads as one ("2.50"), text otherwise ("1 h in 2").
SheetColumn figure_value_column() {
    return {"Value", CellType::number};
}

void write_csv(std::ostream& out, const Document& document) {
    out << csv_line({"section", "item", "field", "value"});
    auto line = [&](const std::string& section, const std::string& item, const std::string& field,
                    const std::string& value, CellType type) {
        out << csv_typed_line({{}, {}, {}, {"", type}}, {section, item, field, value});
    };
    for (const auto& section : document.sections) {
        for (const auto& [label, value] : section.figures) {
            line(section.heading, label, "value", value, figure_value_column().type);
        }
        // How to read the figures (e.g. a session of several kinds under each) travels with them.
        for (const auto& note : section.notes) {
            out << csv_line({section.heading, "note", "text", note});
        }
        for (const auto& table : section.tables) {
            for_each_row(table, [&](const DocRow& row, bool) {
                for (std::size_t c = 1; c < table.columns.size() && c < row.cells.size(); ++c) {
                    line(section.heading, row.cells[0], table.columns[c].key, row.cells[c],
                         table.columns[c].type);
                }
            });
        }
    }
}

} // namespace

std::string html_escape(std::string_view text) {
    std::string safe = terminal_safe(text, LineBreaks::flatten);
    std::string escaped;
    for (char c : safe) {
        switch (c) {
        case '&':
            escaped += "&amp;";
            break;
        case '<':
            escaped += "&lt;";
            break;
        case '>':
            escaped += "&gt;";
            break;
        case '"':
            escaped += "&quot;";
            break;
        case '\'':
            escaped += "&#39;";
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

namespace {

// On paper: a heading stays with what follows it, a row or a chart is never cut by a page
// break, a long table may break between rows (its header repeated), and a hash wraps in its cell
// rather than squeezing its label.
constexpr const char* k_style =
    "body{font-family:sans-serif;margin:2em;color:#222;max-width:60em}"
    "h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.5em}"
    "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:2px 8px}"
    "th{background:#f2f2f2}td.num{text-align:right}table.data td{white-space:nowrap}"
    "table.figures th{text-align:left;white-space:nowrap}table.figures td{overflow-wrap:anywhere}"
    "code.hash{font-size:0.85em;overflow-wrap:anywhere}"
    "tr.alert td{background:#fbe3e2;font-weight:bold}"
    "tr.total td{font-weight:bold;border-top:2px solid #555}"
    "figure{margin:0.5em 0}figcaption{font-weight:bold;font-size:0.9em}"
    "figcaption .caption{font-weight:normal}"
    "h1,h2,figcaption{break-after:avoid;page-break-after:avoid}"
    ".keep,figure,tr,table.figures{break-inside:avoid;page-break-inside:avoid}"
    "thead{display:table-header-group}"
    "@media print{body{margin:0;max-width:none}}";

// A figure's value, with a long hex digest (the audit chain head's hash) set apart so that it
// can wrap in its cell.
std::string figure_html(const std::string& value) {
    std::string html = html_escape(value);
    std::size_t start = 0;
    while (start < html.size()) {
        std::size_t end = start;
        while (end < html.size() && std::isxdigit(static_cast<unsigned char>(html[end]))) {
            ++end;
        }
        if (end - start >= 32) {
            std::string hash = html.substr(start, end - start);
            html.replace(start, end - start, "<code class=\"hash\">" + hash + "</code>");
            start += hash.size() + 26; // past the closing tag
        } else {
            start = end + 1;
        }
    }
    return html;
}

// The table, its header written with its first row: nothing when it has no rows.
void write_html_table(std::ostream& out, const DocTable& table) {
    bool any = false;
    for_each_row(table, [&](const DocRow& row, bool last) {
        if (!any) {
            out << "<table class=\"data\"><thead><tr>";
            for (const auto& column : table.columns) {
                out << "<th>" << html_escape(column.header) << "</th>";
            }
            out << "</tr></thead><tbody>\n";
            any = true;
        }
        bool total = table.totals_row && last;
        out << (total ? "<tr class=\"total\">" : row.highlight ? "<tr class=\"alert\">" : "<tr>");
        for (std::size_t c = 0; c < row.cells.size() && c < table.columns.size(); ++c) {
            out << (table.columns[c].align == Align::right ? "<td class=\"num\">" : "<td>")
                << html_escape(row.cells[c]) << "</td>";
        }
        out << "</tr>\n";
    });
    if (any) {
        out << "</tbody></table>\n";
    }
}

void write_html(std::ostream& out, const Document& document) {
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        << "<title>" << html_escape(document.title) << "</title><style>" << k_style
        << "</style></head>\n<body>\n<h1>" << html_escape(document.title) << "</h1>\n";
    int charts = 0;
    for (const auto& section : document.sections) {
        // The heading is kept on one page with the figures and notes under it.
        out << "<section><div class=\"keep\"><h2>" << html_escape(section.heading) << "</h2>\n";
        if (!section.figures.empty()) {
            out << "<table class=\"figures\"><tbody>\n";
            for (const auto& [label, value] : section.figures) {
                out << "<tr><th>" << html_escape(label) << "</th><td class=\"num\">"
                    << figure_html(value) << "</td></tr>\n";
            }
            out << "</tbody></table>\n";
        }
        for (const auto& note : section.notes) {
            out << "<p>" << html_escape(note) << "</p>\n";
        }
        out << "</div>\n";
        for (const auto& chart : section.charts) {
            write_chart(out, chart, ++charts);
        }
        for (const auto& table : section.tables) {
            write_html_table(out, table);
        }
        out << "</section>\n";
    }
    out << "</body></html>\n";
}

// The sheets of a document written into a WorkbookWriter a row at a time, or gathered whole.
struct HeldSheets {
    std::vector<Sheet> sheets;
    void begin_sheet(std::string_view name) { sheets.push_back({std::string(name), {}}); }
    void begin_table(const std::vector<SheetColumn>& columns) {
        sheets.back().tables.push_back({columns, {}});
    }
    void write_row(const std::vector<std::string>& cells) {
        sheets.back().tables.back().rows.push_back(cells);
    }
};

// One sheet per section: its tables first (the first one's header is the frozen row), then its
// figures and its notes. `Sheets` is a WorkbookWriter or HeldSheets.
template <class Sheets> void write_section_sheet(Sheets& sheets, const DocSection& section) {
    sheets.begin_sheet(section.heading);
    for (const auto& table : section.tables) {
        std::vector<SheetColumn> columns;
        for (const auto& column : table.columns) {
            columns.push_back({column.header, column.type});
        }
        sheets.begin_table(columns);
        for_each_row(table, [&](const DocRow& row, bool) { sheets.write_row(row.cells); });
    }
    if (!section.figures.empty()) {
        sheets.begin_table({{"Figure"}, figure_value_column()});
        for (const auto& [label, value] : section.figures) {
            sheets.write_row({label, value});
        }
    }
    if (!section.notes.empty()) {
        sheets.begin_table({{"Note"}});
        for (const auto& note : section.notes) {
            sheets.write_row({note});
        }
    }
}

} // namespace

void render_sections(std::ostream& out, const std::vector<DocSection>& sections,
                     OutputFormat format, const RenderStyle& style) {
    write_text_sections(out, sections, format == OutputFormat::markdown, style);
}

std::vector<Sheet> document_sheets(const Document& document) {
    HeldSheets held;
    for (const auto& section : document.sections) {
        write_section_sheet(held, section);
    }
    return std::move(held.sheets);
}

void for_each_row(const DocTable& table,
                  const std::function<void(const DocRow& row, bool last)>& visit) {
    // A row is handed on when the next one comes (or none does), so the last is known as such.
    std::optional<std::pair<std::vector<std::string>, bool>> pending;
    auto next = [&](const DocRow& row) {
        if (pending) {
            visit(DocRow{pending->first, pending->second}, false);
        }
        pending.emplace(row.cells, row.highlight);
    };
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        next(DocRow{table.rows[r], r < table.highlight.size() && table.highlight[r]});
    }
    if (table.streamed) {
        table.streamed(next);
    }
    if (pending) {
        visit(DocRow{pending->first, pending->second}, true);
    }
}

void render_document(std::ostream& out, const Document& document, OutputFormat format,
                     const RenderStyle& style) {
    switch (format) {
    case OutputFormat::csv:
        write_csv(out, document);
        return;
    case OutputFormat::html:
        write_html(out, document);
        return;
    case OutputFormat::xlsx: {
        WorkbookWriter workbook(out);
        for (const auto& section : document.sections) {
            write_section_sheet(workbook, section);
        }
        workbook.finish();
        return;
    }
    case OutputFormat::markdown:
        write_text(out, document, true, style);
        return;
    default:
        write_text(out, document, false, style);
        return;
    }
}

} // namespace peerlog
