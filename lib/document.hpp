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
    std::optional<double> y_max;     ///< unset: from the data
    std::optional<double> reference; ///< a dashed line, e.g. BARC-10 47
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

/// Renders table, markdown, csv (section,item,field,value rows) or html. Not json.
void render_document(std::ostream& out, const Document& document, OutputFormat format,
                     const RenderStyle& style);

} // namespace peerlog
