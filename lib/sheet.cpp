// Reading printed cells as numbers and dates, and writing typed rows as csv.
#include "sheet.hpp"

#include "peerlog/safe_text.hpp"

#include <cctype>
#include <charconv>

namespace peerlog {
namespace {

bool all_digits(std::string_view text) {
    if (text.empty()) {
        return false;
    }
    for (char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<CellNumber> read_number(std::string_view text) {
    CellNumber number;
    std::string_view digits = text;
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
        number.plus_sign = digits.front() == '+';
        digits.remove_prefix(1);
    }
    auto point = digits.find('.');
    std::string_view whole = digits.substr(0, point);
    std::string_view fraction =
        point == std::string_view::npos ? std::string_view() : digits.substr(point + 1);
    if (!all_digits(whole) || (point != std::string_view::npos && !all_digits(fraction)) ||
        whole.size() + fraction.size() > 15) { // beyond a double's exact digits: keep as text
        return std::nullopt;
    }
    // from_chars takes no leading '+'; the digits are checked above.
    std::string_view parsed = number.plus_sign ? text.substr(1) : text;
    auto [end, error] = std::from_chars(parsed.data(), parsed.data() + parsed.size(), number.value);
    if (error != std::errc() || end != parsed.data() + parsed.size()) {
        return std::nullopt;
    }
    number.decimals = static_cast<int>(fraction.size());
    return number;
}

std::optional<Date> read_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
        !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
        return std::nullopt;
    }
    auto number = [&](std::size_t at, std::size_t length) {
        int value = 0;
        std::from_chars(text.data() + at, text.data() + at + length, value);
        return value;
    };
    Date date{std::chrono::year(number(0, 4)),
              std::chrono::month(static_cast<unsigned>(number(5, 2))),
              std::chrono::day(static_cast<unsigned>(number(8, 2)))};
    return date.ok() ? std::optional<Date>(date) : std::nullopt;
}

std::string csv_typed_line(const std::vector<SheetColumn>& columns,
                           const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        line += i == 0 ? "" : ",";
        bool number = i < columns.size() && columns[i].type == CellType::number &&
                      read_number(cells[i]).has_value();
        line += number ? cells[i] : csv_cell(cells[i]);
    }
    return line + "\r\n";
}

std::string csv_header_line(const std::vector<SheetColumn>& columns) {
    std::vector<std::string> headers;
    for (const auto& column : columns) {
        headers.push_back(column.header);
    }
    return csv_line(headers);
}

void write_csv_table(std::ostream& out, const SheetTable& table) {
    out << csv_header_line(table.columns);
    for (const auto& row : table.rows) {
        out << csv_typed_line(table.columns, row);
    }
}

} // namespace peerlog
