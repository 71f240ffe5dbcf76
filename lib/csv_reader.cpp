// Reading RFC 4180 CSV from a stream: quoted fields, embedded commas, quotes and line breaks.
#include "csv_reader.hpp"

#include "peerlog/error.hpp"

#include <fmt/format.h>

namespace peerlog {
namespace {

constexpr std::size_t k_max_field_bytes = 1 << 20;

} // namespace

Error CsvReader::error_at(std::size_t line, std::string_view what) {
    m_error_line = line;
    return Error(ErrorKind::invalid_data, std::string(what));
}

int CsvReader::get() {
    int c = m_in.get();
    if (!m_started) {
        m_started = true;
        // A byte order mark (EF BB BF) that spreadsheets put first is not part of the header.
        if (c == 0xEF && m_in.peek() == 0xBB) {
            m_in.get();
            if (m_in.peek() == 0xBF) {
                m_in.get();
                return m_in.get();
            }
            throw error_at(1, "the file starts with a broken byte order mark");
        }
    }
    return c;
}

bool CsvReader::next(CsvRecord& record) {
    record.fields.clear();
    std::string field;
    bool quoted = false, in_quotes = false, any = false;
    record.line = m_line;
    auto end_field = [&] {
        record.fields.push_back(std::move(field));
        field.clear();
        quoted = false;
    };
    for (int c = get();; c = get()) {
        if (c == std::char_traits<char>::eof()) {
            if (in_quotes) {
                throw error_at(record.line, "a quoted field is never closed (a \" is missing)");
            }
            if (!any) {
                return false;
            }
            end_field();
            return true;
        }
        if (in_quotes) {
            if (c == '"' && m_in.peek() == '"') {
                field += static_cast<char>(get());
            } else if (c == '"') {
                in_quotes = false;
            } else {
                m_line += c == '\n' ? 1 : 0;
                field += static_cast<char>(c);
            }
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && m_in.peek() == '\n') {
                get();
            }
            ++m_line;
            if (!any) { // a blank line: no record
                record.line = m_line;
                continue;
            }
            end_field();
            return true;
        } else if (c == ',') {
            end_field();
        } else if (c == '"' && field.empty() && !quoted) {
            in_quotes = quoted = true;
        } else if (quoted) {
            throw error_at(m_line, "text after a closing quote; a quote inside a quoted field "
                                   "is written twice (\"\")");
        } else {
            field += static_cast<char>(c);
        }
        any = true;
        if (field.size() > k_max_field_bytes) {
            throw error_at(m_line, "a field is longer than 1 MiB");
        }
    }
}

std::string unguard_csv_cell(std::string text) {
    if (text.size() >= 2 && text[0] == '\'' &&
        std::string_view("=+-@\t\r\0", 7).find(text[1]) != std::string_view::npos) {
        text.erase(0, 1);
    }
    return text;
}

} // namespace peerlog
