// Making stored text safe to print on a terminal, in a spreadsheet and in Markdown.
#include "peerlog/safe_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fmt/format.h>

namespace peerlog {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD

// Length of the valid UTF-8 sequence at the front of `text`, or 0 when it is not valid.
std::size_t utf8_length(std::string_view text, char32_t& code_point) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(0);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || length > text.size()) {
        return 0;
    }
    code_point = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) {
            return 0;
        }
        code_point = (code_point << 6) | (byte(i) & 0x3F);
    }
    constexpr char32_t k_smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    bool overlong = code_point < k_smallest[length];
    bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    return overlong || surrogate || code_point > 0x10FFFF ? 0 : length;
}

// "<U+202E>": how a hidden format character is shown, so a reader sees it is there.
std::string shown_code_point(char32_t code_point) {
    return fmt::format("<U+{:04X}>", static_cast<std::uint32_t>(code_point));
}

// "\u009b": the JSON escape of a code point of the Basic Multilingual Plane.
std::string json_escape(char32_t code_point) {
    return fmt::format("\\u{:04x}", static_cast<std::uint32_t>(code_point));
}

} // namespace

bool is_hidden_format(char32_t code_point) {
    // Bidirectional controls (embeddings, overrides, isolates and the marks) can show a line in
    // another order than it is stored (CVE-2021-42574, "Trojan Source"); zero-width characters
    // and the byte order mark hide text or make two different texts look the same.
    return code_point == 0x061C || (code_point >= 0x200B && code_point <= 0x200F) ||
           (code_point >= 0x202A && code_point <= 0x202E) ||
           (code_point >= 0x2066 && code_point <= 0x2069) || code_point == 0xFEFF;
}

std::string terminal_safe(std::string_view text, LineBreaks line_breaks) {
    // Most text is printable ASCII, which passes as it is: a listing checks every cell.
    if (std::all_of(text.begin(), text.end(),
                    [](unsigned char c) { return c >= 0x20 && c < 0x7F; })) {
        return std::string(text);
    }
    std::string safe;
    safe.reserve(text.size());
    while (!text.empty()) {
        char32_t code_point = 0;
        std::size_t length = utf8_length(text, code_point);
        if (length == 0) {
            safe += k_replacement;
            text.remove_prefix(1);
            continue;
        }
        bool is_break = code_point == '\n' || code_point == '\t';
        if (is_break) {
            safe += line_breaks == LineBreaks::keep ? static_cast<char>(code_point) : ' ';
        } else if (code_point < 0x20 || code_point == 0x7F) {
            safe += '^';
            safe += static_cast<char>(code_point == 0x7F ? '?' : code_point + 0x40);
        } else if (code_point >= 0x80 && code_point <= 0x9F) {
            safe += k_replacement;
        } else if (is_hidden_format(code_point)) {
            safe += shown_code_point(code_point);
        } else {
            safe += text.substr(0, length);
        }
        text.remove_prefix(length);
    }
    return safe;
}

std::string json_safe(std::string_view json) {
    std::string safe;
    safe.reserve(json.size());
    while (!json.empty()) {
        char32_t code_point = 0;
        std::size_t length = utf8_length(json, code_point);
        if (length == 0) { // not from nlohmann's dump with error_handler_t::replace
            safe += k_replacement;
            json.remove_prefix(1);
            continue;
        }
        // Outside a string JSON is ASCII without DEL, so each of these is inside a string, where
        // its \u escape means the same character.
        bool escaped = code_point == 0x7F || (code_point >= 0x80 && code_point <= 0x9F) ||
                       is_hidden_format(code_point);
        safe += escaped ? json_escape(code_point) : std::string(json.substr(0, length));
        json.remove_prefix(length);
    }
    return safe;
}

std::string markdown_safe(std::string_view text) {
    std::string flat = terminal_safe(text, LineBreaks::flatten);
    std::string_view active = "\\`*_[]<>|#&~$";
    std::string safe;
    safe.reserve(flat.size() + 8);
    std::size_t digits = 0;
    while (digits < flat.size() && std::isdigit(static_cast<unsigned char>(flat[digits]))) {
        ++digits;
    }
    for (std::size_t i = 0; i < flat.size(); ++i) {
        char c = flat[i];
        bool starts_block = i == 0 && (c == '-' || c == '+' || c == '=');
        bool numbers_list = digits > 0 && i == digits && (c == '.' || c == ')') &&
                            (i + 1 == flat.size() || flat[i + 1] == ' ');
        if (active.find(c) != std::string_view::npos || starts_block || numbers_list) {
            safe += '\\';
        }
        safe += c;
    }
    return safe;
}

std::string csv_cell(std::string_view text) {
    constexpr std::string_view k_formula_starts("=+-@\t\r\0", 7);
    bool formula = !text.empty() && k_formula_starts.find(text.front()) != std::string_view::npos;
    // CSV often lands on a terminal (`session list --format csv --with-notes`), so stored
    // control bytes are neutralised here as on any other output; line breaks and tabs stay.
    std::string safe = terminal_safe(text, LineBreaks::keep);
    bool quoted = safe.find_first_of(",\"\r\n") != std::string::npos;
    if (!formula && !quoted) {
        return safe;
    }
    std::string cell;
    cell.reserve(safe.size() + 4);
    cell += quoted ? "\"" : "";
    cell += formula ? "'" : "";
    for (char c : safe) {
        cell += c;
        if (c == '"') { // only in a quoted cell, where it is doubled
            cell += '"';
        }
    }
    cell += quoted ? "\"" : "";
    return cell;
}

std::string csv_line(const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        line += i == 0 ? "" : ",";
        line += csv_cell(cells[i]);
    }
    return line + "\r\n";
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (unsigned char c : text) {
        width += (c & 0xC0) != 0x80 ? 1 : 0;
    }
    return width;
}

} // namespace peerlog
