// The stacked bar chart of hours by support kind.
#include "support_chart.hpp"

#include "peerlog/session.hpp"

#include <fmt/format.h>

namespace peerlog {

Chart support_hours_chart(std::string title, std::string_view bar_adds_up_to) {
    constexpr const char* k_colours[] = {"#d9534f", "#0275d8", "#5cb85c", "#f0ad4e"};
    Chart chart;
    chart.kind = Chart::Kind::stacked_bars;
    chart.title = std::move(title);
    chart.caption = fmt::format("A session of several kinds is split evenly between them in this "
                                "chart, so a bar adds up to {}.",
                                bar_adds_up_to);
    chart.y_label = "hours";
    chart.unit = "h";
    for (auto kind : k_support_kinds) {
        chart.series.push_back(
            {std::string(to_string(kind)), k_colours[static_cast<int>(kind)], {}, {}});
    }
    return chart;
}

} // namespace peerlog
