// Typed cells: what reads as a number or a date, and how a typed row is written as csv.
#include "sheet.hpp"

#include <doctest/doctest.h>

using namespace peerlog;

TEST_CASE("read_number takes plain decimals with a sign, nothing a spreadsheet would reinterpret") {
    CHECK(read_number("-10")->value == -10);
    CHECK(read_number("+3")->plus_sign);
    CHECK(read_number("2.50")->decimals == 2);
    CHECK(read_number("0042")->value == 42); // only ever asked of a number column
    for (const char* text : {"", "-", "+", "1e5", "3E5", "0x10", "1,5", ".5", "5.", "11-12", "<11",
                             "n/a", " 1", "1 ", "1234567890123456"}) {
        CHECK_MESSAGE(!read_number(text), text);
    }
}

TEST_CASE("read_iso_date takes YYYY-MM-DD of a real day only") {
    CHECK(read_iso_date("2026-11-03") ==
          Date{std::chrono::year{2026}, std::chrono::November, std::chrono::day{3}});
    for (const char* text : {"2026-02-30", "2026-13-01", "26-11-03", "2026-11-3", "DEC-1", "11-12",
                             "never (on caseload 5 days)", ""}) {
        CHECK_MESSAGE(!read_iso_date(text), text);
    }
}

TEST_CASE("in csv a number cell is never formula-guarded; a text cell always is") {
    std::vector<SheetColumn> columns{{"peer"}, {"change", CellType::number}, {"reason"}};
    CHECK(csv_typed_line(columns, {"0042", "-10", "=1+1"}) == "0042,-10,'=1+1\r\n");
    CHECK(csv_typed_line(columns, {"-x", "+3", "@x"}) == "'-x,+3,'@x\r\n");
    // A number column whose cell is not a number is text, and guarded as text.
    CHECK(csv_typed_line(columns, {"P1", "-1+cmd|' /C calc'!A0", ""}) ==
          "P1,'-1+cmd|' /C calc'!A0,\r\n");
    CHECK(csv_header_line(columns) == "peer,change,reason\r\n");
}
