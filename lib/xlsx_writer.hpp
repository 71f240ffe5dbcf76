// Writing sheets of typed cells as one xlsx workbook (libxlsxwriter). Private to the library.
#pragma once

#include "sheet.hpp"

#include <ostream>
#include <vector>

namespace peerlog {

/// Writes `sheets` as an xlsx workbook into `out`: text cells as shared strings (so `0042`
/// stays `0042`, and `=1+1` is text, never a formula), numbers as numbers in the decimals they
/// were printed with, dates as date cells shown yyyy-mm-dd, each sheet's header row bold and
/// frozen. Sheet names are made valid (31 characters, no []:*?/\) and unique.
///
/// libxlsxwriter writes only to a path: the workbook is made in an unnamed scratch file (through
/// /proc/self/fd; without /proc, in a private 0700 directory), its temporary files in a private
/// directory, read back whole, then copied into `out`, so where it ends up is decided by whoever
/// owns `out` (the output-file piece). Throws Error(usage) for a cell or sheet larger than a
/// spreadsheet holds, Error(io) when the workbook cannot be written or a part of it was cut short.
void write_workbook(std::ostream& out, const std::vector<Sheet>& sheets);

} // namespace peerlog
