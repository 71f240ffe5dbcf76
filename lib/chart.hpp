// Inline SVG charts for the HTML reports, readable from 1 to hundreds of categories or series.
// Private to the library.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace peerlog {

struct ChartSeries {
    std::string name;
    std::string color;                         ///< #rrggbb
    std::vector<double> values;                ///< bars: one per category
    std::vector<std::pair<double, double>> xy; ///< lines: x in 0..1 of the width, y value
};

/// An inline SVG chart; only the HTML renderer draws it.
struct Chart {
    enum class Kind { stacked_bars, bars, lines };
    Kind kind = Kind::bars;
    std::string title;
    std::string y_label;                 ///< the value axis' title, with its unit: "hours", "days"
    std::vector<std::string> categories; ///< bars: one label each; lines: x-axis end labels
    std::vector<ChartSeries> series;
    std::vector<bool> highlight; ///< bars: categories drawn in the alert colour
    double y_min = 0;
    std::optional<double> y_max;     ///< unset: from the data, rounded up to a tick
    std::optional<double> reference; ///< a dashed line, e.g. BARC-10 47
    std::string caption{};           ///< a sentence under the title: how to read the chart
    std::string unit{};              ///< after a bar's value in its tooltip: "h", "days"
    /// bars: categories drawn hatched and told apart in the legend and tooltip, e.g. a peer
    /// never contacted, whose bar counts the days on the caseload instead.
    std::vector<bool> hatched{};
    std::string hatched_label{};         ///< the legend's words for a hatched bar
    std::vector<std::string> tooltips{}; ///< bars: per category, instead of the value's
    std::string x_label{};               ///< the category or time axis' title: "ISO week", "peer"
    /// bars: the categories follow in time (weeks), so labels may be thinned out; otherwise
    /// each category is named (peers), with labels turned upright or the bars laid as rows.
    bool time_axis = false;
};

/// The y axis a chart is drawn on, from `low` to `top` in ticks of `step`.
struct ChartAxis {
    double low = 0, top = 1, step = 1;
};

/// Round ticks (1, 2, 2.5 or 5 times a power of ten): a fixed y_max is cut in 2 to 6 of them;
/// otherwise the data (and the reference line) are rounded up to the tick above, about five.
ChartAxis chart_axis(const Chart& chart);

/// Writes the chart as one or more <figure>s of inline SVG; `id` (unique in the page) names
/// its patterns. Labels never overlap: week labels are thinned out, peer labels turned upright,
/// and past that the bars become rows, in panels that fit a printed page; a line chart of more
/// than 8 series is drawn as panels of 8, each series with its own colour, marker and dash.
void write_chart(std::ostream& out, const Chart& chart, int id);

} // namespace peerlog
