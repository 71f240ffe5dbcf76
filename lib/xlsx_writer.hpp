// Writing sheets of typed cells as one xlsx workbook (libxlsxwriter). Private to the library.
#pragma once

#include "sheet.hpp"

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// An xlsx workbook written as its rows come, sheet after sheet, so that a sheet of a million
/// rows takes the memory of one: libxlsxwriter's constant-memory mode puts each row in a
/// scratch file once the next row starts, and writes text as inline strings (no shared-strings
/// table). Hence the order: a sheet is done when the next begins, a table when the next begins.
///
/// Cells: text cells as inline strings (so `0042` stays `0042`, and `=1+1` is text, never a
/// formula), numbers as numbers in the decimals they were printed with, dates as date cells
/// shown yyyy-mm-dd, each sheet's header row bold and frozen, each column as wide as its
/// widest cell (up to a limit). Sheet names are made valid (31 characters, no []:*?/\) and
/// unique.
///
/// libxlsxwriter writes only to a path: the workbook is made in an unnamed scratch file (through
/// /proc/self/fd; without /proc, in a private 0700 directory), its temporary files in a private
/// directory that goes with peerlog (on SIGINT, SIGTERM or SIGHUP too), read back whole, then
/// copied into `out`, so where it ends up is decided by whoever owns `out` (the output-file
/// piece). Throws Error(usage) for a cell or sheet larger than a spreadsheet holds, Error(io)
/// when the workbook cannot be written or a part of it was cut short.
class WorkbookWriter {
  public:
    /// Opens the workbook in its scratch file; nothing reaches `out` before finish().
    explicit WorkbookWriter(std::ostream& out);
    ~WorkbookWriter(); ///< an unfinished workbook is dropped with its scratch
    WorkbookWriter(const WorkbookWriter&) = delete;
    WorkbookWriter& operator=(const WorkbookWriter&) = delete;

    /// Starts the next sheet, named after `name`; the sheet before it is done.
    void begin_sheet(std::string_view name);
    /// Starts a table on the current sheet, a blank row below the one before: its header row.
    void begin_table(const std::vector<SheetColumn>& columns);
    /// Writes the next row of the current table (cells past its columns are left out).
    void write_row(const std::vector<std::string>& cells);
    /// Writes a whole sheet: begin_sheet, then each table and its rows.
    void write_sheet(const Sheet& sheet);
    /// Closes the workbook (a sheet "Empty" if none was begun), reads it back whole and copies
    /// it into `out`.
    void finish();

  private:
    struct Open; ///< libxlsxwriter's workbook and the scratch it is written in
    std::unique_ptr<Open> m_open;
};

/// Writes `sheets` as one workbook into `out` (WorkbookWriter, one sheet after another).
void write_workbook(std::ostream& out, const std::vector<Sheet>& sheets);

} // namespace peerlog
