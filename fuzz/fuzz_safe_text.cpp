// Fuzz target: the output guards. terminal_safe lets no control byte, hidden format character
// or invalid UTF-8 through; csv_cell lets none through either and never starts a cell with an
// unguarded formula; json_safe leaves no DEL, C1 or hidden format character.
#include "peerlog/safe_text.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace peerlog;

namespace {

void require(bool property) {
    if (!property) {
        std::abort();
    }
}

// True when `text` is valid UTF-8 with no C0 control but those allowed, no DEL, no C1 and no
// hidden format character (a bidi control, a zero-width character, the BOM).
bool printable(std::string_view text, std::string_view allowed_controls) {
    for (std::size_t i = 0; i < text.size();) {
        auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : 4;
        if ((lead >= 0x80 && lead < 0xC2) || lead > 0xF4 || i + length > text.size()) {
            return false;
        }
        if (lead < 0x20 && allowed_controls.find(static_cast<char>(lead)) == std::string::npos) {
            return false;
        }
        if (lead == 0x7F || (lead == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0)) {
            return false; // DEL, or a C1 control U+0080..U+009F
        }
        char32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
                return false;
            }
            code_point = (code_point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        if (is_hidden_format(code_point)) {
            return false;
        }
        i += length;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    require(printable(terminal_safe(text, LineBreaks::keep), "\n\t"));
    require(printable(terminal_safe(text, LineBreaks::flatten), ""));

    std::string cell = csv_cell(text);
    require(printable(cell, "\n\t"));
    std::string_view body = cell;
    if (body.starts_with('"')) {
        require(body.size() >= 2 && body.ends_with('"'));
        body = body.substr(1, body.size() - 2);
    }
    constexpr std::string_view k_formula_starts("=+-@\t\r", 6);
    require(body.empty() || k_formula_starts.find(body.front()) == std::string_view::npos);
    require(csv_line({std::string(text), "x"}).ends_with("\r\n"));
    std::string every_c0(32, '\0'); // JSON's own escapes are nlohmann's work, not json_safe's
    for (std::size_t c = 0; c < every_c0.size(); ++c) {
        every_c0[c] = static_cast<char>(c);
    }
    require(printable(json_safe(text), every_c0));
    return 0;
}
