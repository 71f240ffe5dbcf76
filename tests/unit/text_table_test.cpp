// Unit tests of tables and headings for a terminal and as Markdown.
#include "peerlog/text_table.hpp"

#include <doctest/doctest.h>

using namespace peerlog;

TEST_CASE("a markdown table escapes its headers and cells, so typed text stays in its cell") {
    TextTable table;
    table.column("Goal | title");
    table.column("Sessions", Align::right);
    table.row({"[x](javascript:alert(1)) <b>", "3"});
    CHECK(table.render_markdown() == "| Goal \\| title | Sessions |\n"
                                     "| --- | ---: |\n"
                                     "| \\[x\\](javascript:alert(1)) \\<b\\> | 3 |\n");
    // On a terminal the same text is shown as typed.
    CHECK(table.render_text({}).find("[x](javascript:alert(1)) <b>") != std::string::npos);
}

TEST_CASE("a markdown heading escapes its text; a terminal heading does not") {
    CHECK(render_heading("Summary for <img src=x> #2", 1, true, {}) ==
          "# Summary for \\<img src=x\\> \\#2\n\n");
    CHECK(render_heading("Peers #2", 2, false, {}) == "Peers #2\n--------\n");
}
