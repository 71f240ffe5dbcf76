// Inline SVG charts: bars as columns (labels level, thinned or upright) or as rows in panels,
// lines in panels of at most 8 series told apart by colour, marker and dash.
#include "chart.hpp"

#include "document.hpp"
#include "peerlog/safe_text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

namespace peerlog {
namespace {

constexpr double k_width = 640, k_left = 52, k_right = 150, k_top = 16, k_plot_height = 184;
constexpr double k_label_font = 9, k_row_font = 10, k_row_pitch = 14;
constexpr double k_em_per_char = 0.65; // wider than any sans-serif average, so labels fit
constexpr double k_row_label_max = 200;
constexpr std::size_t k_series_per_panel = 8, k_rows_per_panel = 30;
constexpr const char* k_alert = "#c9302c";
constexpr const char* k_palette[] = {"#0275d8", "#d9534f", "#5cb85c", "#f0ad4e",
                                     "#5bc0de", "#8e44ad", "#2c3e50", "#16a085"};
constexpr const char* k_markers[] = {"circle", "square", "triangle", "diamond"};
constexpr const char* k_dashes[] = {"", "6 3", "2 2"};

double text_width(std::string_view text, double font) {
    return static_cast<double>(display_width(text)) * font * k_em_per_char;
}

// `text` cut to `width` pixels with an ellipsis; the full text goes in the element's <title>.
std::string fit_text(const std::string& text, double width, double font) {
    if (text_width(text, font) <= width) {
        return text;
    }
    std::string cut = text;
    while (!cut.empty() && text_width(cut + "\u2026", font) > width) {
        do {
            cut.pop_back();
        } while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
        if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0) {
            cut.pop_back();
        }
    }
    return cut + "\u2026";
}

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

// Where the plot sits in the SVG, and how tall the SVG is.
struct Frame {
    double left = k_left, top = k_top, width = k_width - k_left - k_right, height = k_plot_height;
    double svg_height = k_top + k_plot_height + 40;
    double bottom() const { return top + height; }
};

// The value axis: up the plot (columns, lines) or across it (rows).
double y_of(double value, const ChartAxis& axis, const Frame& f) {
    return f.bottom() - f.height * (value - axis.low) / (axis.top - axis.low);
}
double x_of(double value, const ChartAxis& axis, const Frame& f) {
    return f.left + f.width * (value - axis.low) / (axis.top - axis.low);
}

int tick_count(const ChartAxis& axis) {
    return static_cast<int>(std::lround((axis.top - axis.low) / axis.step));
}

void axis_title(std::ostream& out, double x, double y, const std::string& text, bool upright) {
    if (text.empty()) {
        return;
    }
    out << fmt::format("<text class=\"axis-title\" x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" "
                       "text-anchor=\"middle\"{}>{}</text>\n",
                       x, y,
                       upright ? fmt::format(" transform=\"rotate(-90 {:.1f} {:.1f})\"", x, y)
                               : std::string(),
                       html_escape(text));
}

// Horizontal grid lines and their values, left of the plot.
void write_value_ticks_up(std::ostream& out, const ChartAxis& axis, const Frame& f) {
    for (int tick = 0; tick <= tick_count(axis); ++tick) {
        double value = axis.low + axis.step * tick;
        double y = y_of(value, axis, f);
        out << fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                           "stroke=\"#dddddd\"/><text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" "
                           "font-size=\"10\" text-anchor=\"end\">{:.4g}</text>\n",
                           f.left, y, f.left + f.width, y, f.left - 4, y + 3, value);
    }
}

// Vertical grid lines and their values, under the plot.
void write_value_ticks_across(std::ostream& out, const ChartAxis& axis, const Frame& f) {
    for (int tick = 0; tick <= tick_count(axis); ++tick) {
        double value = axis.low + axis.step * tick;
        double x = x_of(value, axis, f);
        out << fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                           "stroke=\"#dddddd\"/><text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" "
                           "font-size=\"10\" text-anchor=\"middle\">{:.4g}</text>\n",
                           x, f.top, x, f.bottom(), x, f.bottom() + 12, value);
    }
}

bool any_hatched(const Chart& chart) {
    return std::find(chart.hatched.begin(), chart.hatched.end(), true) != chart.hatched.end();
}

// Stripes over a colour, one pattern per colour a hatched bar may have; ids unique in the page.
void write_patterns(std::ostream& out, const Chart& chart, const std::string& id) {
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

// A line series' look: its colour, marker and dash, all three distinct within a panel.
struct LineStyle {
    std::string color;
    std::string marker;
    std::string dash;
};

LineStyle line_style(const ChartSeries& series, std::size_t index) {
    return {series.color.empty() ? k_palette[index % std::size(k_palette)] : series.color,
            k_markers[index % std::size(k_markers)], k_dashes[index % std::size(k_dashes)]};
}

void write_marker(std::ostream& out, const LineStyle& style, double x, double y, std::size_t series,
                  const std::string& title) {
    std::string common = fmt::format("class=\"point point-{}\" data-series=\"{}\" fill=\"{}\"",
                                     style.marker, series, style.color);
    std::string tip = title.empty() ? "" : "<title>" + html_escape(title) + "</title>";
    if (style.marker == "circle") {
        out << fmt::format("<circle {} cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\">{}</circle>", common,
                           x, y, tip);
    } else if (style.marker == "square") {
        out << fmt::format("<rect {} x=\"{:.1f}\" y=\"{:.1f}\" width=\"7\" height=\"7\">{}</rect>",
                           common, x - 3.5, y - 3.5, tip);
    } else if (style.marker == "triangle") {
        out << fmt::format("<path {} d=\"M{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}Z\">{}</path>",
                           common, x, y - 4.5, x + 4, y + 3, x - 4, y + 3, tip);
    } else {
        out << fmt::format(
            "<path {} d=\"M{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}Z\">{}</path>",
            common, x, y - 4.5, x + 4.5, y, x, y + 4.5, x - 4.5, y, tip);
    }
    out << "\n";
}

// The legend, right of the plot: a swatch (bars) or a line sample with its marker (lines).
void write_legend(std::ostream& out, const Chart& chart, const std::string& id, const Frame& f) {
    double x = k_width - k_right + 10, y = f.top + 4;
    auto label = [&](const std::string& name) {
        out << fmt::format("<text class=\"legend\" x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\">"
                           "<title>{}</title>{}</text>\n",
                           x + 26, y + 9, html_escape(name),
                           html_escape(fit_text(name, k_right - 40, 11)));
        y += 16;
    };
    for (std::size_t i = 0; i < chart.series.size(); ++i) {
        const auto& series = chart.series[i];
        if (chart.kind == Chart::Kind::lines) {
            LineStyle style = line_style(series, i);
            out << fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                               "stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"{}\"/>",
                               x, y + 5, x + 20, y + 5, style.color, style.dash);
            write_marker(out, style, x + 10, y + 5, i, "");
        } else {
            out << fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\" "
                               "fill=\"{}\"/>",
                               x + 5, y, series.color);
        }
        label(series.name);
    }
    if (any_hatched(chart)) {
        out << fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\" "
                           "fill=\"url(#hatch-{}-n)\"/>",
                           x + 5, y, id);
        label(chart.hatched_label);
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

// One category's bar segments, from `start` along the value axis; `place(from, to)` gives the
// segment's rectangle.
template <class Place>
void write_bar(std::ostream& out, const Chart& chart, std::size_t i, const std::string& id,
               Place place) {
    bool stacked = chart.kind == Chart::Kind::stacked_bars;
    bool alert = i < chart.highlight.size() && chart.highlight[i];
    bool hatched = i < chart.hatched.size() && chart.hatched[i];
    double base = chart.y_min;
    for (const auto& series : chart.series) {
        double value = i < series.values.size() ? series.values[i] : 0;
        if (stacked && value == 0) {
            continue; // nothing to see, and its tooltip would only clutter
        }
        auto [x, y, w, h] = place(stacked ? base : chart.y_min, stacked ? base + value : value);
        std::string fill = hatched ? fmt::format("url(#hatch-{}-{})", id, alert ? "a" : "n")
                           : alert ? std::string(k_alert)
                                   : series.color;
        out << fmt::format("<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
                           "height=\"{:.1f}\" fill=\"{}\"><title>{}</title></rect>\n",
                           x, y, std::max(0.0, w), std::max(0.0, h), fill,
                           html_escape(tooltip(chart, i, series, value)));
        base += value;
    }
}

// How the category labels under columns fit: level, every `every`-th (weeks), or upright.
struct ColumnLabels {
    bool fits = true; ///< false: too many named categories, draw rows instead
    bool upright = false;
    std::size_t every = 1;
    double depth = 14; ///< the height they take under the plot
};

ColumnLabels column_labels(const Chart& chart, double slot) {
    double widest = 0;
    for (const auto& category : chart.categories) {
        widest = std::max(widest, text_width(category, k_label_font));
    }
    constexpr double gap = 4, line_height = 12;
    if (widest + gap <= slot) {
        return {};
    }
    if (chart.time_axis) {
        return {true, false, static_cast<std::size_t>(std::ceil((widest + gap) / slot)), 14};
    }
    if (slot >= line_height && widest <= k_row_label_max) {
        return {true, true, 1, widest + 8};
    }
    return {false};
}

void write_svg_open(std::ostream& out, const std::string& title, const std::string& caption,
                    double height) {
    out << "<figure><figcaption>" << html_escape(title);
    if (!caption.empty()) {
        out << "<br><span class=\"caption\">" << html_escape(caption) << "</span>";
    }
    out << fmt::format("</figcaption>\n<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {} {:.0f}\" "
                       "width=\"{}\" height=\"{:.0f}\">\n",
                       k_width, height, k_width, height);
}

// The end of a chart drawn in `f`: both axis titles, the reference line (a target
// or an average, dashed), the legend, and the closing tags.
void write_svg_close(std::ostream& out, const Chart& chart, const std::string& id,
                     const ChartAxis& axis, const Frame& f) {
    axis_title(out, 12, f.top + f.height / 2, chart.y_label, true);
    axis_title(out, f.left + f.width / 2, f.svg_height - 4, chart.x_label, false);
    if (chart.reference) {
        double y = y_of(*chart.reference, axis, f);
        out << fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                           "stroke=\"#555555\" stroke-dasharray=\"4 3\"/>\n",
                           f.left, y, f.left + f.width, y);
    }
    write_legend(out, chart, id, f);
    out << "</svg></figure>\n";
}

void write_columns(std::ostream& out, const Chart& chart, const ColumnLabels& labels,
                   const std::string& id) {
    ChartAxis axis = chart_axis(chart);
    Frame f;
    f.svg_height = f.bottom() + 4 + labels.depth + 18;
    write_svg_open(out, chart.title, chart.caption, f.svg_height);
    write_patterns(out, chart, id);
    write_value_ticks_up(out, axis, f);
    double slot = f.width / static_cast<double>(std::max<std::size_t>(chart.categories.size(), 1));
    double bar = std::max(1.0, slot * 0.7);
    for (std::size_t i = 0; i < chart.categories.size(); ++i) {
        double x = f.left + slot * static_cast<double>(i) + (slot - bar) / 2;
        write_bar(out, chart, i, id, [&](double from, double to) {
            double top = y_of(to, axis, f);
            return std::array<double, 4>{x, top, bar, y_of(from, axis, f) - top};
        });
        if (i % labels.every != 0) {
            continue;
        }
        double centre = x + bar / 2;
        std::string label = html_escape(chart.categories[i]);
        if (labels.upright) {
            double y = f.bottom() + 4, x_text = centre + k_label_font * 0.35;
            out << fmt::format(
                "<text class=\"category\" x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" "
                "text-anchor=\"end\" transform=\"rotate(-90 {:.1f} {:.1f})\">{}"
                "</text>\n",
                x_text, y, k_label_font, x_text, y, label);
        } else {
            out << fmt::format(
                "<text class=\"category\" x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" "
                "text-anchor=\"middle\">{}</text>\n",
                centre, f.bottom() + 15, k_label_font, label);
        }
    }
    write_svg_close(out, chart, id, axis, f);
}

// Bars as rows, a label left of each, in panels of k_rows_per_panel that fit a printed page.
void write_rows(std::ostream& out, const Chart& chart, const std::string& id) {
    ChartAxis axis = chart_axis(chart);
    double widest = 0;
    for (const auto& category : chart.categories) {
        widest = std::max(widest, text_width(category, k_row_font));
    }
    double label_width = std::min(widest, k_row_label_max);
    std::size_t count = chart.categories.size();
    for (std::size_t first = 0; first < count; first += k_rows_per_panel) {
        std::size_t last = std::min(count, first + k_rows_per_panel);
        Frame f;
        f.left = label_width + 30;
        f.width = k_width - f.left - k_right;
        f.height = k_row_pitch * static_cast<double>(last - first);
        f.svg_height = f.bottom() + 34;
        std::string panel_id = fmt::format("{}-{}", id, first / k_rows_per_panel);
        std::string title = count > k_rows_per_panel
                                ? fmt::format("{} ({} {} to {} of {})", chart.title, chart.x_label,
                                              first + 1, last, count)
                                : chart.title;
        write_svg_open(out, title, first == 0 ? chart.caption : "", f.svg_height);
        write_patterns(out, chart, panel_id);
        write_value_ticks_across(out, axis, f);
        for (std::size_t i = first; i < last; ++i) {
            double y = f.top + k_row_pitch * static_cast<double>(i - first);
            double bar = k_row_pitch * 0.7;
            write_bar(out, chart, i, panel_id, [&](double from, double to) {
                double left = x_of(from, axis, f);
                return std::array<double, 4>{left, y + (k_row_pitch - bar) / 2,
                                             x_of(to, axis, f) - left, bar};
            });
            out << fmt::format("<text class=\"category\" x=\"{:.1f}\" y=\"{:.1f}\" "
                               "font-size=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>\n",
                               f.left - 4, y + k_row_pitch / 2 + 3.5, k_row_font,
                               html_escape(chart.categories[i]),
                               html_escape(fit_text(chart.categories[i], label_width, k_row_font)));
        }
        axis_title(out, 10, f.top + f.height / 2, chart.x_label, true);
        axis_title(out, f.left + f.width / 2, f.svg_height - 4, chart.y_label, false);
        write_legend(out, chart, panel_id, f);
        out << "</svg></figure>\n";
    }
}

void write_line_panel(std::ostream& out, const Chart& chart, const std::string& id) {
    ChartAxis axis = chart_axis(chart);
    Frame f;
    write_svg_open(out, chart.title, chart.caption, f.svg_height);
    write_value_ticks_up(out, axis, f);
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const auto& series = chart.series[s];
        LineStyle style = line_style(series, s);
        std::string points;
        for (const auto& [x, y] : series.xy) {
            points += fmt::format("{:.1f},{:.1f} ", f.left + f.width * x, y_of(y, axis, f));
        }
        out << fmt::format("<polyline class=\"line\" data-series=\"{}\" fill=\"none\" "
                           "stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"{}\" "
                           "points=\"{}\"/>\n",
                           s, style.color, style.dash, points);
        for (const auto& [x, y] : series.xy) {
            write_marker(out, style, f.left + f.width * x, y_of(y, axis, f), s,
                         fmt::format("{}: {:.4g}", series.name, y));
        }
    }
    if (chart.categories.size() == 2) {
        out << fmt::format("<text class=\"category\" x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\">"
                           "{}</text><text class=\"category\" x=\"{:.1f}\" y=\"{:.1f}\" "
                           "font-size=\"10\" text-anchor=\"end\">{}</text>\n",
                           f.left, f.bottom() + 17, html_escape(chart.categories[0]),
                           f.left + f.width, f.bottom() + 17, html_escape(chart.categories[1]));
    }
    write_svg_close(out, chart, id, axis, f);
}

// More than 8 series: panels of 8 on the same axes, so each line keeps its own look.
void write_lines(std::ostream& out, const Chart& chart, const std::string& id) {
    std::size_t count = chart.series.size();
    if (count <= k_series_per_panel) {
        write_line_panel(out, chart, id);
        return;
    }
    Chart panel = chart;
    for (std::size_t first = 0; first < count; first += k_series_per_panel) {
        std::size_t last = std::min(count, first + k_series_per_panel);
        panel.series.assign(chart.series.begin() + static_cast<std::ptrdiff_t>(first),
                            chart.series.begin() + static_cast<std::ptrdiff_t>(last));
        panel.title = fmt::format("{} ({} to {} of {})", chart.title, first + 1, last, count);
        panel.caption = first == 0 ? chart.caption : "";
        panel.y_max = chart_axis(chart).top; // one scale for every panel
        write_line_panel(out, panel, fmt::format("{}-{}", id, first / k_series_per_panel));
    }
}

} // namespace

// A fixed range (BARC-10 10 to 60) is cut in 2 to 6 round steps; a range from the data is
// rounded up to the next tick of about five round steps (2.5 h: 0, 0.5, ... 2.5).
ChartAxis chart_axis(const Chart& chart) {
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

void write_chart(std::ostream& out, const Chart& chart, int id) {
    std::string name = std::to_string(id);
    if (chart.kind == Chart::Kind::lines) {
        write_lines(out, chart, name);
        return;
    }
    double slot = (k_width - k_left - k_right) /
                  static_cast<double>(std::max<std::size_t>(chart.categories.size(), 1));
    ColumnLabels labels = column_labels(chart, slot);
    if (labels.fits) {
        write_columns(out, chart, labels, name);
    } else {
        write_rows(out, chart, name);
    }
}

} // namespace peerlog
