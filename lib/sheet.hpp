// A table of typed cells: what a spreadsheet (xlsx) and a csv file are both written from.
// Private to the library.
#pragma once

#include "peerlog/calendar.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// How a spreadsheet reads a column's cells. Codes and names are text, so `0042`, `3E5`,
/// `11-12` and `DEC-1` stay as typed; figures are numbers, so they add up.
enum class CellType { text, number, date };

struct SheetColumn {
    std::string header;
    CellType type = CellType::text;
};

/// A header row and its rows. Cells are kept as printed ("2.50", "2026-11-03", "-10"); a number
/// or date cell that does not read as one ("", "n/a", "<5", "never") is written as text.
struct SheetTable {
    std::vector<SheetColumn> columns;
    std::vector<std::vector<std::string>> rows;
};

/// One tab of a workbook: its tables one under another, a blank row apart. The first table's
/// header row is row 1, frozen.
struct Sheet {
    std::string name;
    std::vector<SheetTable> tables;
};

/// A plain decimal number as printed: its value, its decimals and whether it had a `+`.
struct CellNumber {
    double value = 0;
    int decimals = 0;
    bool plus_sign = false;
};

/// `-10`, `+3`, `2.50`, `42`: a number; anything else (`1e5`, `0x10`, `1,5`, ``): nullopt.
std::optional<CellNumber> read_number(std::string_view text);

/// `2026-11-03`: that date; anything else: nullopt.
std::optional<Date> read_iso_date(std::string_view text);

/// One csv line of a typed row (CRLF-terminated): a number cell that reads as a number is
/// written as it is, never formula-guarded (`-10` stays `-10`, so the column can be summed);
/// every other cell goes through csv_cell, so text starting with = + - @ is still guarded.
std::string csv_typed_line(const std::vector<SheetColumn>& columns,
                           const std::vector<std::string>& cells);

/// The header line of a table in csv.
std::string csv_header_line(const std::vector<SheetColumn>& columns);

/// A table in csv: its header line, then its rows by csv_typed_line.
void write_csv_table(std::ostream& out, const SheetTable& table);

} // namespace peerlog
