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
            TextTable table = text_table(figures);
            out << (markdown ? table.render_markdown() : table.render_text(style)) << "\n";
        }
        for (const auto& note : section.notes) {
            out << (markdown ? markdown_safe(note) : terminal_safe(note, LineBreaks::flatten))
                << "\n\n";
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

void write_text(std::ostream& out, const Document& document, bool markdown,
                const RenderStyle& style) {
    out << render_heading(terminal_safe(document.title, LineBreaks::flatten), 1, markdown, style);
    out << "\n";
    write_text_sections(out, document.sections, markdown, style);
}

void write_csv(std::ostream& out, const Document& document) {
    out << csv_line({"section", "item", "field", "value"});
    for (const auto& section : document.sections) {
        for (const auto& [label, value] : section.figures) {
            out << csv_line({section.heading, label, "value", value});
        }
        // How to read the figures (e.g. a session of several kinds under each) travels with them.
        for (const auto& note : section.notes) {
            out << csv_line({section.heading, "note", "text", note});
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

constexpr double k_width = 640, k_height = 240, k_left = 52, k_right = 150, k_top = 16,
                 k_bottom = 40;
constexpr const char* k_alert = "#c9302c";

// The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least `raw`.
double nice_step(double raw) {
    double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double multiple : {1.0, 2.0, 2.5, 5.0}) {
        if (multiple * power >= raw * (1 - 1e-9)) {
            return multiple * power;
        }
    }
    return 10 * power;
}

double data_max(const Chart& chart) {
    double top = chart.reference.value_or(chart.y_min);
    if (chart.kind == Chart::Kind::stacked_bars) {
        for (std::size_t i = 0; i < chart.categories.size(); ++i) {
            double sum = 0;
            for (const auto& series : chart.series) {
                sum += i < series.values.size() ? series.values[i] : 0;
            }
            top = std::max(top, sum);
        }
        return top;
    }
    for (const auto& series : chart.series) {
        for (double value : series.values) {
            top = std::max(top, value);
        }
        for (const auto& [x, y] : series.xy) {
            top = std::max(top, y);
        }
    }
    return top;
}

// A fixed range (BARC-10 10 to 60) is cut in 2 to 6 round steps; a range from the data is
// rounded up to the next tick of about five round steps (2.5 h: 0, 0.5, ... 2.5).
ChartAxis axis_of(const Chart& chart) {
    double low = chart.y_min;
    if (chart.y_max && *chart.y_max > low) {
        double range = *chart.y_max - low;
        for (double step = nice_step(range / 6); range / step >= 2 - 1e-9;
             step = nice_step(step * 1.001)) {
            double steps = range / step;
            if (std::abs(steps - std::round(steps)) < 1e-9) {
                return {low, *chart.y_max, step};
            }
        }
        return {low, *chart.y_max, range / 4};
    }
    double top = data_max(chart);
    if (top <= low) {
        top = low + 1;
    }
    double step = nice_step((top - low) / 5);
    return {low, low + std::ceil((top - low) / step - 1e-9) * step, step};
}

double y_of(double value, const ChartAxis& axis) {
    double plot_h = k_height - k_top - k_bottom;
    return k_top + plot_h - plot_h * (value - axis.low) / (axis.top - axis.low);
}

void write_axes(std::ostream& out, const Chart& chart, const ChartAxis& axis) {
    auto ticks = static_cast<int>(std::lround((axis.top - axis.low) / axis.step));
    for (int tick = 0; tick <= ticks; ++tick) {
        double value = axis.low + axis.step * tick;
        double y = y_of(value, axis);
        out << fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" "
                           "stroke=\"#dddddd\"/><text x=\"{}\" y=\"{:.1f}\" font-size=\"10\" "
                           "text-anchor=\"end\">{:.4g}</text>\n",
                           k_left, y, k_width - k_right, y, k_left - 4, y + 3, value);
    }
    // Upright along the axis, clear of the tick labels.
    double middle = k_top + (k_height - k_top - k_bottom) / 2;
    out << fmt::format("<text x=\"12\" y=\"{:.1f}\" font-size=\"10\" text-anchor=\"middle\" "
                       "transform=\"rotate(-90 12 {:.1f})\">{}</text>\n",
                       middle, middle, html_escape(chart.y_label));
}

bool any_hatched(const Chart& chart) {
    return std::find(chart.hatched.begin(), chart.hatched.end(), true) != chart.hatched.end();
}

// Stripes over a colour, one pattern per colour a hatched bar may have; ids unique in the page.
void write_patterns(std::ostream& out, const Chart& chart, int id) {
    if (!any_hatched(chart)) {
        return;
    }
    out << "<defs>";
    for (const auto& [name, colour] :
         {std::pair{"n", chart.series.front().color}, std::pair{"a", std::string(k_alert)}}) {
        out << fmt::format(
            "<pattern id=\"hatch-{}-{}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
            "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{}\"/><line "
            "x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"3\"/></pattern>",
            id, name, colour);
    }
    out << "</defs>\n";
}

void write_legend(std::ostream& out, const Chart& chart, int id) {
    double y = k_top + 4;
    auto entry = [&](const std::string& fill, const std::string& name) {
        out << fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                           "<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\">{}</text>\n",
                           k_width - k_right + 10, y, fill, k_width - k_right + 24, y + 9,
                           html_escape(name));
        y += 16;
    };
    for (const auto& series : chart.series) {
        entry(series.color, series.name);
    }
    if (any_hatched(chart)) {
        entry(fmt::format("url(#hatch-{}-n)", id), chart.hatched_label);
    }
}

// "W45, emotional: 1.5 h"; the series is named only when there are several.
std::string tooltip(const Chart& chart, std::size_t category, const ChartSeries& series,
                    double value) {
    if (category < chart.tooltips.size() && !chart.tooltips[category].empty()) {
        return chart.tooltips[category];
    }
    std::string who = chart.categories[category];
    if (chart.series.size() > 1) {
        who += ", " + series.name;
    }
    return fmt::format("{}: {:.4g}{}{}", who, value, chart.unit.empty() ? "" : " ", chart.unit);
}

void write_bars(std::ostream& out, const Chart& chart, const ChartAxis& axis, int id) {
    double plot_w = k_width - k_left - k_right;
    double slot = plot_w / static_cast<double>(std::max<std::size_t>(chart.categories.size(), 1));
    double bar = std::max(2.0, slot * 0.7);
    bool stacked = chart.kind == Chart::Kind::stacked_bars;
    for (std::size_t i = 0; i < chart.categories.size(); ++i) {
        double x = k_left + slot * static_cast<double>(i) + (slot - bar) / 2;
        double base = chart.y_min;
        bool alert = i < chart.highlight.size() && chart.highlight[i];
        bool hatched = i < chart.hatched.size() && chart.hatched[i];
        for (const auto& series : chart.series) {
            double value = i < series.values.size() ? series.values[i] : 0;
            if (stacked && value == 0) {
                continue; // nothing to see, and its tooltip would only clutter
            }
            double y_top = y_of(stacked ? base + value : value, axis);
            double y_bottom = y_of(stacked ? base : chart.y_min, axis);
            std::string fill = hatched ? fmt::format("url(#hatch-{}-{})", id, alert ? "a" : "n")
                               : alert ? std::string(k_alert)
                                       : series.color;
            out << fmt::format("<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
                               "height=\"{:.1f}\" fill=\"{}\"><title>{}</title></rect>\n",
                               x, y_top, bar, std::max(0.0, y_bottom - y_top), fill,
                               html_escape(tooltip(chart, i, series, value)));
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

void write_lines(std::ostream& out, const Chart& chart, const ChartAxis& axis) {
    double plot_w = k_width - k_left - k_right;
    for (const auto& series : chart.series) {
        std::string points;
        for (const auto& [x, y] : series.xy) {
            points += fmt::format("{:.1f},{:.1f} ", k_left + plot_w * x, y_of(y, axis));
        }
        out << fmt::format("<polyline class=\"line\" fill=\"none\" stroke=\"{}\" "
                           "stroke-width=\"2\" points=\"{}\"/>\n",
                           series.color, points);
        for (const auto& [x, y] : series.xy) {
            out << fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\"><title>{}: "
                               "{:.4g}</title></circle>\n",
                               k_left + plot_w * x, y_of(y, axis), series.color,
                               html_escape(series.name), y);
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

void write_chart(std::ostream& out, const Chart& chart, int id) {
    ChartAxis axis = axis_of(chart);
    out << "<figure><figcaption>" << html_escape(chart.title);
    if (!chart.caption.empty()) {
        out << "<br><span class=\"caption\">" << html_escape(chart.caption) << "</span>";
    }
    out << fmt::format("</figcaption>\n<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {} {}\" "
                       "width=\"{}\" height=\"{}\">\n",
                       k_width, k_height, k_width, k_height);
    write_patterns(out, chart, id);
    write_axes(out, chart, axis);
    if (chart.kind == Chart::Kind::lines) {
        write_lines(out, chart, axis);
    } else {
        write_bars(out, chart, axis, id);
    }
    if (chart.reference) {
        double y = y_of(*chart.reference, axis);
        out << fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" "
                           "stroke=\"#555555\" stroke-dasharray=\"4 3\"/>\n",
                           k_left, y, k_width - k_right, y);
    }
    write_legend(out, chart, id);
    out << "</svg></figure>\n";
}

constexpr const char* k_style =
    "body{font-family:sans-serif;margin:2em;color:#222;max-width:60em}"
    "h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.5em}"
    "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:2px 8px}"
    "th{background:#f2f2f2}td.num{text-align:right}table.data td{white-space:nowrap}"
    "tr.alert td{background:#fbe3e2;font-weight:bold}"
    "tr.total td{font-weight:bold;border-top:2px solid #555}"
    "figure{margin:0.5em 0}figcaption{font-weight:bold;font-size:0.9em}"
    "figcaption .caption{font-weight:normal}"
    "@media print{body{margin:0}figure,table{page-break-inside:avoid}}";

void write_html_table(std::ostream& out, const DocTable& table) {
    out << "<table class=\"data\"><thead><tr>";
    for (const auto& column : table.columns) {
        out << "<th>" << html_escape(column.header) << "</th>";
    }
    out << "</tr></thead><tbody>\n";
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        bool alert = r < table.highlight.size() && table.highlight[r];
        bool total = table.totals_row && r + 1 == table.rows.size();
        out << (total ? "<tr class=\"total\">" : alert ? "<tr class=\"alert\">" : "<tr>");
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
    int charts = 0;
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
            write_chart(out, chart, ++charts);
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

void render_sections(std::ostream& out, const std::vector<DocSection>& sections,
                     OutputFormat format, const RenderStyle& style) {
    write_text_sections(out, sections, format == OutputFormat::markdown, style);
}

ChartAxis chart_axis(const Chart& chart) {
    return axis_of(chart);
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
    case OutputFormat::markdown:
        write_text(out, document, true, style);
        return;
    default:
        write_text(out, document, false, style);
        return;
    }
}

} // namespace peerlog
