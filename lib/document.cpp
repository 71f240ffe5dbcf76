// Rendering a report document: terminal text, markdown, long-form csv, self-contained HTML.
#include "document.hpp"

#include "peerlog/safe_text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace peerlog {
namespace {

TextTable text_table(const DocTable& table) {
    TextTable text;
    for (const auto& column : table.columns) {
        text.column(column.header, column.align);
    }
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        auto row = table.rows[i];
        if (i < table.highlight.size() && table.highlight[i] && !row.empty()) {
            row[0] = "* " + row[0];
        }
        text.row(row);
    }
    return text;
}

void write_text(std::ostream& out, const Document& document, bool markdown,
                const RenderStyle& style) {
    auto heading = [&](const std::string& text, int level) {
        out << render_heading(terminal_safe(text, LineBreaks::flatten), level, markdown, style);
    };
    heading(document.title, 1);
    out << "\n";
    for (const auto& section : document.sections) {
        heading(section.heading, 2);
        if (!section.figures.empty()) {
            DocTable figures{{{"Figure", "figure"}, {"Value", "value", Align::right}}, {}, {}};
            for (const auto& [label, value] : section.figures) {
                figures.rows.push_back({label, value});
            }
            TextTable table = text_table(figures);
            out << (markdown ? table.render_markdown() : table.render_text(style)) << "\n";
        }
        for (const auto& note : section.notes) {
            out << terminal_safe(note, LineBreaks::flatten) << "\n\n";
        }
        for (const auto& table : section.tables) {
            if (table.rows.empty()) {
                continue;
            }
            TextTable text = text_table(table);
            out << (markdown ? text.render_markdown() : text.render_text(style)) << "\n";
        }
    }
}

void write_csv(std::ostream& out, const Document& document) {
    out << csv_line({"section", "item", "field", "value"});
    for (const auto& section : document.sections) {
        for (const auto& [label, value] : section.figures) {
            out << csv_line({section.heading, label, "value", value});
        }
        for (const auto& table : section.tables) {
            for (const auto& row : table.rows) {
                for (std::size_t c = 1; c < table.columns.size() && c < row.size(); ++c) {
                    out << csv_line({section.heading, row[0], table.columns[c].key, row[c]});
                }
            }
        }
    }
}

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

constexpr double k_width = 640, k_height = 240, k_left = 48, k_right = 150, k_top = 16,
                 k_bottom = 40;

double chart_max(const Chart& chart) {
    if (chart.y_max) {
        return *chart.y_max;
    }
    double top = 0;
    if (chart.kind == Chart::Kind::stacked_bars) {
        for (std::size_t i = 0; i < chart.categories.size(); ++i) {
            double sum = 0;
            for (const auto& series : chart.series) {
                sum += i < series.values.size() ? series.values[i] : 0;
            }
            top = std::max(top, sum);
        }
    } else {
        for (const auto& series : chart.series) {
            for (double value : series.values) {
                top = std::max(top, value);
            }
            for (const auto& [x, y] : series.xy) {
                top = std::max(top, y);
            }
        }
    }
    return top <= chart.y_min ? chart.y_min + 1 : top;
}

void write_axes(std::ostream& out, const Chart& chart, double top) {
    double plot_h = k_height - k_top - k_bottom;
    for (int tick = 0; tick <= 4; ++tick) {
        double value = chart.y_min + (top - chart.y_min) * tick / 4.0;
        double y = k_top + plot_h - plot_h * tick / 4.0;
        out << fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" "
                           "stroke=\"#dddddd\"/><text x=\"{}\" y=\"{:.1f}\" font-size=\"10\" "
                           "text-anchor=\"end\">{:.4g}</text>\n",
                           k_left, y, k_width - k_right, y, k_left - 4, y + 3, value);
    }
    out << fmt::format("<text x=\"4\" y=\"{}\" font-size=\"10\">{}</text>\n", k_top - 4,
                       html_escape(chart.y_label));
}

double y_of(double value, double low, double top) {
    double plot_h = k_height - k_top - k_bottom;
    return k_top + plot_h - plot_h * (value - low) / (top - low);
}

void write_legend(std::ostream& out, const Chart& chart) {
    double y = k_top + 4;
    for (const auto& series : chart.series) {
        out << fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                           "<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\">{}</text>\n",
                           k_width - k_right + 10, y, series.color, k_width - k_right + 24, y + 9,
                           html_escape(series.name));
        y += 16;
    }
}

void write_bars(std::ostream& out, const Chart& chart, double top) {
    double plot_w = k_width - k_left - k_right;
    double slot = plot_w / std::max<std::size_t>(chart.categories.size(), 1);
    double bar = std::max(2.0, slot * 0.7);
    for (std::size_t i = 0; i < chart.categories.size(); ++i) {
        double x = k_left + slot * static_cast<double>(i) + (slot - bar) / 2;
        double base = chart.y_min;
        for (const auto& series : chart.series) {
            double value = i < series.values.size() ? series.values[i] : 0;
            double stacked = chart.kind == Chart::Kind::stacked_bars ? base + value : value;
            double y_top = y_of(stacked, chart.y_min, top);
            double y_bottom = y_of(chart.kind == Chart::Kind::stacked_bars ? base : chart.y_min,
                                   chart.y_min, top);
            bool alert = i < chart.highlight.size() && chart.highlight[i];
            out << fmt::format("<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
                               "height=\"{:.1f}\" fill=\"{}\"><title>{}: {:.4g}</title></rect>\n",
                               x, y_top, bar, std::max(0.0, y_bottom - y_top),
                               alert ? "#c9302c" : series.color, html_escape(chart.categories[i]),
                               value);
            base += value;
        }
        if (chart.categories.size() <= 16) {
            out << fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"9\" "
                               "text-anchor=\"middle\">{}</text>\n",
                               x + bar / 2, k_height - k_bottom + 14,
                               html_escape(chart.categories[i]));
        }
    }
}

void write_lines(std::ostream& out, const Chart& chart, double top) {
    double plot_w = k_width - k_left - k_right;
    for (const auto& series : chart.series) {
        std::string points;
        for (const auto& [x, y] : series.xy) {
            points += fmt::format("{:.1f},{:.1f} ", k_left + plot_w * x, y_of(y, chart.y_min, top));
        }
        out << fmt::format("<polyline class=\"line\" fill=\"none\" stroke=\"{}\" "
                           "stroke-width=\"2\" points=\"{}\"/>\n",
                           series.color, points);
        for (const auto& [x, y] : series.xy) {
            out << fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\"/>\n",
                               k_left + plot_w * x, y_of(y, chart.y_min, top), series.color);
        }
    }
    if (chart.categories.size() == 2) {
        out << fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text><text x=\"{}\" "
                           "y=\"{}\" font-size=\"10\" text-anchor=\"end\">{}</text>\n",
                           k_left, k_height - k_bottom + 14, html_escape(chart.categories[0]),
                           k_width - k_right, k_height - k_bottom + 14,
                           html_escape(chart.categories[1]));
    }
}

void write_chart(std::ostream& out, const Chart& chart) {
    double top = chart_max(chart);
    out << fmt::format("<figure><figcaption>{}</figcaption>\n<svg class=\"chart\" "
                       "role=\"img\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\">\n",
                       html_escape(chart.title), k_width, k_height, k_width, k_height);
    write_axes(out, chart, top);
    if (chart.kind == Chart::Kind::lines) {
        write_lines(out, chart, top);
    } else {
        write_bars(out, chart, top);
    }
    if (chart.reference) {
        double y = y_of(*chart.reference, chart.y_min, top);
        out << fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" "
                           "stroke=\"#555555\" stroke-dasharray=\"4 3\"/>\n",
                           k_left, y, k_width - k_right, y);
    }
    write_legend(out, chart);
    out << "</svg></figure>\n";
}

constexpr const char* k_style =
    "body{font-family:sans-serif;margin:2em;color:#222;max-width:60em}"
    "h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.5em}"
    "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:2px 8px}"
    "th{background:#f2f2f2}td.num{text-align:right}tr.alert td{background:#fbe3e2;"
    "font-weight:bold}figure{margin:0.5em 0}figcaption{font-weight:bold;font-size:0.9em}"
    "@media print{body{margin:0}figure,table{page-break-inside:avoid}}";

void write_html_table(std::ostream& out, const DocTable& table) {
    out << "<table><thead><tr>";
    for (const auto& column : table.columns) {
        out << "<th>" << html_escape(column.header) << "</th>";
    }
    out << "</tr></thead><tbody>\n";
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        bool alert = r < table.highlight.size() && table.highlight[r];
        out << (alert ? "<tr class=\"alert\">" : "<tr>");
        for (std::size_t c = 0; c < table.rows[r].size() && c < table.columns.size(); ++c) {
            out << (table.columns[c].align == Align::right ? "<td class=\"num\">" : "<td>")
                << html_escape(table.rows[r][c]) << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody></table>\n";
}

void write_html(std::ostream& out, const Document& document) {
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        << "<title>" << html_escape(document.title) << "</title><style>" << k_style
        << "</style></head>\n<body>\n<h1>" << html_escape(document.title) << "</h1>\n";
    for (const auto& section : document.sections) {
        out << "<section><h2>" << html_escape(section.heading) << "</h2>\n";
        if (!section.figures.empty()) {
            out << "<table class=\"figures\"><tbody>\n";
            for (const auto& [label, value] : section.figures) {
                out << "<tr><th>" << html_escape(label) << "</th><td class=\"num\">"
                    << html_escape(value) << "</td></tr>\n";
            }
            out << "</tbody></table>\n";
        }
        for (const auto& note : section.notes) {
            out << "<p>" << html_escape(note) << "</p>\n";
        }
        for (const auto& chart : section.charts) {
            write_chart(out, chart);
        }
        for (const auto& table : section.tables) {
            if (!table.rows.empty()) {
                write_html_table(out, table);
            }
        }
        out << "</section>\n";
    }
    out << "</body></html>\n";
}

} // namespace

void render_document(std::ostream& out, const Document& document, OutputFormat format,
                     const RenderStyle& style) {
    switch (format) {
    case OutputFormat::csv:
        write_csv(out, document);
        return;
    case OutputFormat::html:
        write_html(out, document);
        return;
    case OutputFormat::markdown:
        write_text(out, document, true, style);
        return;
    default:
        write_text(out, document, false, style);
        return;
    }
}

} // namespace peerlog
