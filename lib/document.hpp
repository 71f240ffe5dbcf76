// A report laid out as sections of figures, tables and charts, rendered as text, markdown,
// csv or one self-contained HTML page with inline SVG. Private to the library.
#pragma once

#include "peerlog/output_format.hpp"
#include "peerlog/text_table.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace peerlog {

struct DocColumn {
    std::string header; ///< on a terminal, in markdown and html
    std::string key;    ///< in csv
    Align align = Align::left;
};

struct DocTable {
    std::vector<DocColumn> columns;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> highlight; ///< per row: drawn bold / marked, e.g. a peer not seen
    bool totals_row = false;     ///< the last row sums the others: set apart, not marked
};

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
    std::string y_label;
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
};

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

/// The y axis a chart is drawn on, from `low` to `top` in ticks of `step`.
struct ChartAxis {
    double low = 0, top = 1, step = 1;
};

/// Round ticks (1, 2, 2.5 or 5 times a power of ten): a fixed y_max is cut in 2 to 6 of them;
/// otherwise the data (and the reference line) are rounded up to the tick above, about five.
ChartAxis chart_axis(const Chart& chart);

/// Renders sections alone, without the document's title, as table or markdown: a part of a
/// document written around them.
void render_sections(std::ostream& out, const std::vector<DocSection>& sections,
                     OutputFormat format, const RenderStyle& style);

/// Renders table, markdown, csv (section,item,field,value rows) or html. Not json.
void render_document(std::ostream& out, const Document& document, OutputFormat format,
                     const RenderStyle& style);

} // namespace peerlog
