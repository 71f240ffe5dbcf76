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

TEST_CASE("an emphasised part of a cell is coloured only in colour, and stays terminal-safe") {
    TextTable table;
    table.column("ID", Align::right);
    table.column("MATCH");
    table.column("END");
    std::string cell = "the \x1b]52;c;court\x07 date";
    std::size_t begin = cell.find("court");
    table.row({"7", cell, "x"}, CellEmphasis{1, begin, begin + 5});
    table.row({"12", "short", "y"});
    std::string plain = table.render_text({});
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(plain.find("the ^[]52;c;court^G date  x") != std::string::npos);
    std::string coloured = table.render_text({true});
    CHECK(coloured.find("c;\x1b[1;31mcourt\x1b[0m^G date  x") != std::string::npos);
    // The padding of the next column counts the text, not the colour codes.
    std::string aligned = "short" + std::string(19 + 2, ' ') + "y"; // 24 wide, then 2 apart
    CHECK(coloured.find(aligned) != std::string::npos);
    CHECK(plain.find(aligned) != std::string::npos);
}
