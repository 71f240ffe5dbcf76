// Reading RFC 4180 CSV from a stream: quoted fields, embedded commas, quotes and line breaks.
#pragma once

#include "peerlog/error.hpp"

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace peerlog {

/// One record and the line of the input it starts on (1-based, counting embedded breaks).
struct CsvRecord {
    std::size_t line = 0;
    std::vector<std::string> fields;
};

/// Reads records one at a time. Accepts CRLF, LF or CR line ends, a UTF-8 byte order mark at
/// the start, and blank lines (skipped). A field is at most 1 MiB.
class CsvReader {
  public:
    explicit CsvReader(std::istream& in) : m_in(in) {}

    /// Reads the next record into `record`; false at the end of the input. Throws
    /// Error(invalid_data) for a quote left open, text after a closing quote, or a field over
    /// the size limit; error_line() then says where.
    bool next(CsvRecord& record);

    /// The line the last error was found on.
    std::size_t error_line() const { return m_error_line; }

  private:
    int get();
    Error error_at(std::size_t line, std::string_view what);
    std::size_t m_error_line = 0;
    std::istream& m_in;
    std::size_t m_line = 1;
    bool m_started = false;
};

/// A spreadsheet formula guard undone: "'=1+2" read back is "=1+2" (see csv_cell).
std::string unguard_csv_cell(std::string text);

} // namespace peerlog
