// Unit tests of terminal, CSV and Markdown safety.
#include "peerlog/safe_text.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace peerlog;

TEST_CASE("terminal_safe neutralises escape sequences and control characters") {
    CHECK(terminal_safe("plain text", LineBreaks::keep) == "plain text");
    CHECK(terminal_safe("\x1b[31mred\x1b[0m", LineBreaks::keep) == "^[[31mred^[[0m");
    CHECK(terminal_safe("\x1b]52;c;AAAA\x07", LineBreaks::keep) == "^[]52;c;AAAA^G");
    CHECK(terminal_safe("over\rwrite", LineBreaks::keep) == "over^Mwrite");
    CHECK(terminal_safe("del\x7f", LineBreaks::keep) == "del^?");
    CHECK(terminal_safe(std::string("nul\0x", 5), LineBreaks::keep) == "nul^@x");
}

TEST_CASE("terminal_safe keeps or flattens line breaks as asked") {
    CHECK(terminal_safe("a\nb\tc", LineBreaks::keep) == "a\nb\tc");
    CHECK(terminal_safe("a\nb\tc", LineBreaks::flatten) == "a b c");
}

TEST_CASE("terminal_safe keeps valid UTF-8 and replaces C1 controls and broken bytes") {
    CHECK(terminal_safe("café ✓", LineBreaks::keep) == "café ✓");
    CHECK(terminal_safe("\xc2\x9b"
                        "31m",
                        LineBreaks::keep) == "\xEF\xBF\xBD"
                                             "31m"); // C1 CSI
    CHECK(terminal_safe("bad\xff\xfe", LineBreaks::keep) == "bad\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(terminal_safe("\xc0\xaf", LineBreaks::keep).find('\xc0') == std::string::npos);
}

TEST_CASE("no output of terminal_safe holds an ESC or C1 byte, whatever the input") {
    std::string all_bytes;
    for (int byte = 0; byte < 256; ++byte) {
        all_bytes += static_cast<char>(byte);
        all_bytes += static_cast<char>(0xC2);
        all_bytes += static_cast<char>(byte);
    }
    std::string safe = terminal_safe(all_bytes, LineBreaks::keep);
    CHECK(safe.find('\x1b') == std::string::npos);
    CHECK(safe.find("\xc2\x9b") == std::string::npos);
    CHECK(safe.find('\r') == std::string::npos);
}

TEST_CASE("terminal_safe passes printable ASCII as it is and stops at its edges") {
    std::string printable;
    for (char c = 0x20; c < 0x7F; ++c) {
        printable += c;
    }
    CHECK(terminal_safe(printable, LineBreaks::keep) == printable);
    CHECK(terminal_safe("a\x1f", LineBreaks::keep) == "a^_");
    CHECK(terminal_safe("a\x7f", LineBreaks::keep) == "a^?");
    CHECK(terminal_safe("a\tb", LineBreaks::flatten) == "a b");
    CHECK(terminal_safe("caf\xc3\xa9", LineBreaks::keep) == "caf\xc3\xa9");
}

TEST_CASE("csv_cell quotes per RFC 4180 and defuses formula prefixes") {
    CHECK(csv_cell("plain") == "plain");
    CHECK(csv_cell("a,b") == "\"a,b\"");
    CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
    CHECK(csv_cell("=1+1") == "'=1+1");
    CHECK(csv_cell("+1") == "'+1");
    CHECK(csv_cell("-1") == "'-1");
    CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_cell("\tx") == "'\tx");
    CHECK(csv_cell("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    CHECK(csv_line({"a", "b,c"}) == "a,\"b,c\"\r\n");
}

TEST_CASE("csv_cell lets no control byte through, since CSV often goes to a terminal") {
    CHECK(csv_cell(std::string_view("a\0b", 3)) == "a^@b");
    CHECK(csv_cell("\x1b]52;c;SGVsbG8=\x07") == "^[]52;c;SGVsbG8=^G");
    CHECK(csv_cell("\x1b[31mred") == "^[[31mred");
    CHECK(csv_cell(std::string_view("\0x", 2)) == "'^@x");
    CHECK(csv_cell("\rx") == "'^Mx");
    CHECK(csv_cell("tab\tand\nline") == "\"tab\tand\nline\"");
}

TEST_CASE("markdown_safe leaves no tag, link, emphasis or table cell to typed text") {
    CHECK(markdown_safe("find a flat") == "find a flat");
    CHECK(markdown_safe("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>");
    CHECK(markdown_safe("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))");
    CHECK(markdown_safe("![i](http://x/y.png)") == "!\\[i\\](http://x/y.png)");
    CHECK(markdown_safe("a|b") == "a\\|b");
    CHECK(markdown_safe("*bold* _it_ `code` ~~gone~~ $x$") ==
          "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ \\$x\\$");
    CHECK(markdown_safe("a \\ b") == "a \\\\ b");
    CHECK(markdown_safe("&lt;script&gt;") == "\\&lt;script\\&gt;");
    CHECK(markdown_safe("# not a heading #") == "\\# not a heading \\#");
}

TEST_CASE("markdown_safe keeps text on one line and starts no block") {
    CHECK(markdown_safe("one\ntwo\tthree") == "one two three");
    CHECK(markdown_safe("\x1b[31mred") == "^\\[\\[31mred");
    CHECK(markdown_safe("- item") == "\\- item");
    CHECK(markdown_safe("+ item") == "\\+ item");
    CHECK(markdown_safe("===") == "\\===");
    CHECK(markdown_safe("12. twelfth") == "12\\. twelfth");
    CHECK(markdown_safe("3) third") == "3\\) third");
    // Numbers, dates and hyphens inside text stay as they are.
    CHECK(markdown_safe("2.83") == "2.83");
    CHECK(markdown_safe("2026-11-18") == "2026-11-18");
    CHECK(markdown_safe("Follow-ups due (2)") == "Follow-ups due (2)");
}

TEST_CASE("terminal_safe shows each bidirectional control and invisible format character") {
    // U+202E RIGHT-TO-LEFT OVERRIDE would show "evil\u202Etxt.exe" as "evilexe.txt".
    CHECK(terminal_safe("evil\u202Etxt.exe", LineBreaks::keep) == "evil<U+202E>txt.exe");
    for (char32_t hidden : {0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
                            0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF}) {
        CAPTURE(static_cast<unsigned>(hidden));
        CHECK(is_hidden_format(hidden));
        std::string encoded;
        encoded += static_cast<char>(0xE0 | (hidden >> 12));
        encoded += static_cast<char>(0x80 | ((hidden >> 6) & 0x3F));
        encoded += static_cast<char>(0x80 | (hidden & 0x3F));
        if (hidden < 0x800) {
            encoded = {static_cast<char>(0xC0 | (hidden >> 6)),
                       static_cast<char>(0x80 | (hidden & 0x3F))};
        }
        std::string shown = fmt::format("a<U+{:04X}>b", static_cast<unsigned>(hidden));
        CHECK(terminal_safe("a" + encoded + "b", LineBreaks::flatten) == shown);
        CHECK(csv_cell("a" + encoded + "b") == shown);
    }
    // Their neighbours are ordinary text.
    for (char32_t plain : {0x200A, 0x2010, 0x2029, 0x202F, 0x2065, 0x206A, 0xFEFE, 0xFF00}) {
        CHECK_FALSE(is_hidden_format(plain));
    }
    CHECK(terminal_safe("café ✓ עברית", LineBreaks::keep) == "café ✓ עברית");
    CHECK(markdown_safe("x\u2066y") == "x\\<U+2066\\>y");
}

TEST_CASE("json_safe escapes DEL, C1 controls and hidden format characters inside strings") {
    CHECK(json_safe("{\"a\":\"del\x7f c1\xc2\x9b\xc2\x80\xc2\x9f ok\xc2\xa0\"}") ==
          "{\"a\":\"del\\u007f c1\\u009b\\u0080\\u009f ok\xc2\xa0\"}");
    CHECK(json_safe("[\"rlo\u202Ex\",\"bom\uFEFF\"]") == "[\"rlo\\u202ex\",\"bom\\ufeff\"]");
    CHECK(json_safe("[\"caf\xc3\xa9 \xe2\x9c\x93\"]") == "[\"caf\xc3\xa9 \xe2\x9c\x93\"]");
    CHECK(json_safe("[\"bad\xff\"]") == "[\"bad\xEF\xBF\xBD\"]");
}
