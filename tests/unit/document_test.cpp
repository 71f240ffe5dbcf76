// The report document's charts: round axis ticks and readable tooltips.
#include "document.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace peerlog;

namespace {

Chart bars(std::vector<double> values, std::optional<double> reference = std::nullopt) {
    Chart chart;
    chart.kind = Chart::Kind::bars;
    chart.series.push_back({"days since contact", "#0275d8", std::move(values), {}});
    for (std::size_t i = 0; i < chart.series[0].values.size(); ++i) {
        chart.categories.push_back("P" + std::to_string(i + 1));
    }
    chart.reference = reference;
    return chart;
}

} // namespace

TEST_CASE("a chart's axis ends on a round tick above the data") {
    auto hours = chart_axis(bars({1.0, 2.5}));
    CHECK(hours.top == doctest::Approx(2.5));
    CHECK(hours.step == doctest::Approx(0.5)); // 0, 0.5, ... 2.5 (was 0.625, 1.25, 1.875)
    auto days = chart_axis(bars({4, 13, 89, 41}, 30.0));
    CHECK(days.top == doctest::Approx(100));
    CHECK(days.step == doctest::Approx(20));
    auto team = chart_axis(bars({5.083}));
    CHECK(team.top == doctest::Approx(6));
    CHECK(team.step == doctest::Approx(2));
    auto small = chart_axis(bars({0.2}));
    CHECK(small.top == doctest::Approx(0.2));
    CHECK(small.step == doctest::Approx(0.05));
    auto empty = chart_axis(bars({0, 0}));
    CHECK(empty.top == doctest::Approx(1));
    CHECK(empty.step == doctest::Approx(0.2));
    // The reference line stays on the chart when every bar is below it.
    CHECK(chart_axis(bars({3, 5}, 30.0)).top == doctest::Approx(30));
}

TEST_CASE("a fixed axis range is cut in round steps") {
    Chart barc10;
    barc10.kind = Chart::Kind::lines;
    barc10.y_min = 10;
    barc10.y_max = 60;
    CHECK(chart_axis(barc10).step == doctest::Approx(10)); // was 12.5: 22.5, 35, 47.5
    Chart wellbeing = barc10;
    wellbeing.y_min = 1;
    wellbeing.y_max = 5;
    CHECK(chart_axis(wellbeing).step == doctest::Approx(1));
}

TEST_CASE("an html chart's ticks are round and its bars' tooltips name the kind and unit") {
    Chart chart;
    chart.kind = Chart::Kind::stacked_bars;
    chart.title = "Hours per week by support kind";
    chart.caption = "A session of several kinds is split evenly between them in this chart.";
    chart.y_label = "hours";
    chart.unit = "h";
    chart.categories = {"W45", "W46"};
    chart.series = {{"emotional", "#d9534f", {1, 0.25}, {}},
                    {"affiliational", "#f0ad4e", {0, 1.5}, {}}};
    std::ostringstream out;
    render_document(out, Document{"t", {DocSection{"Hours", {}, {}, {}, {chart}}}},
                    OutputFormat::html, {});
    std::string html = out.str();
    CHECK(html.find("<title>W45, emotional: 1 h</title>") != std::string::npos);
    CHECK(html.find("<title>W46, affiliational: 1.5 h</title>") != std::string::npos);
    CHECK(html.find("W45, affiliational") == std::string::npos); // a zero segment is not drawn
    CHECK(html.find(">1.5</text>") != std::string::npos);
    CHECK(html.find(">2</text>") != std::string::npos);
    CHECK(html.find("0.625") == std::string::npos);
    CHECK(html.find("split evenly between them in this chart") != std::string::npos);
    CHECK(html.find("rotate(-90") != std::string::npos); // the axis label stands clear of ticks
}

TEST_CASE("hatched bars get a pattern, a legend entry and their own tooltip") {
    Chart chart = bars({4, 89});
    chart.unit = "days";
    chart.hatched = {false, true};
    chart.hatched_label = "never contacted";
    chart.tooltips = {"", "P2: never contacted, on the caseload 89 days"};
    std::ostringstream out;
    render_document(out, Document{"t", {DocSection{"Caseload", {}, {}, {}, {chart}}}},
                    OutputFormat::html, {});
    std::string html = out.str();
    CHECK(html.find("<title>P1: 4 days</title>") != std::string::npos);
    CHECK(html.find("<title>P2: never contacted, on the caseload 89 days</title>") !=
          std::string::npos);
    CHECK(html.find("fill=\"url(#hatch-1-n)\"><title>P2") != std::string::npos);
    CHECK(html.find("never contacted</text>") != std::string::npos);
}

TEST_CASE("a table streamed from a row source renders as the same rows held, in every format") {
    std::vector<std::vector<std::string>> rows = {
        {"Café, \"late\"", "1"}, {"wide\x01 name here", "22"}, {"total", "23"}};
    std::vector<bool> highlight = {false, true, false};
    auto document = [&](bool streamed) {
        DocTable table{
            {{"Name", "name"}, {"Count", "count", Align::right, CellType::number}}, {}, {}};
        table.totals_row = true;
        DocTable none = table; // no rows: no table at all
        if (streamed) {
            table.streamed = [&](const std::function<void(const DocRow&)>& visit) {
                for (std::size_t r = 0; r < rows.size(); ++r) {
                    visit(DocRow{rows[r], highlight[r]});
                }
            };
            none.streamed = [](const std::function<void(const DocRow&)>&) {};
        } else {
            table.rows = rows;
            table.highlight = highlight;
        }
        return Document{"t", {DocSection{"S", {{"Figure", "1"}}, {"a note"}, {table, none}, {}}}};
    };
    for (auto format :
         {OutputFormat::table, OutputFormat::markdown, OutputFormat::csv, OutputFormat::html}) {
        for (bool color : {false, true}) {
            std::ostringstream held, streamed;
            render_document(held, document(false), format, {color});
            render_document(streamed, document(true), format, {color});
            CHECK(streamed.str() == held.str());
        }
    }
    std::ostringstream html;
    render_document(html, document(true), OutputFormat::html, {});
    CHECK(html.str().find("<tr class=\"total\"><td>total</td>") != std::string::npos);
    CHECK(html.str().find("<tr class=\"alert\"><td>wide") != std::string::npos);
    auto sheets = document_sheets(document(true));
    REQUIRE(sheets.size() == 1);
    CHECK(sheets[0].tables[0].rows == rows);
    CHECK(sheets[0].tables[1].rows.empty()); // a header row alone, as a held empty table
}
