// Unit tests of the screen for config text toml++ 3.3 cannot read safely.
#include "toml_hazard.hpp"

#include <doctest/doctest.h>

using namespace peerlog;

namespace {
// "line:column" of the first hazard, or "none".
std::string hazard_at(std::string_view text) {
    auto hazard = find_toml_hazard(text);
    return hazard ? std::to_string(hazard->line) + ":" + std::to_string(hazard->column) : "none";
}
} // namespace

TEST_CASE("any UTF-8 passes in strings and comments, and a byte order mark first") {
    CHECK(hazard_at("[specialist]\nname = \"Jos\xc3\xa9\" # caf\xc3\xa9\n") == "none");
    CHECK(hazard_at("name = 'Jos\xc3\xa9'\n") == "none");
    CHECK(hazard_at("name = \"a\\\"\xc3\xa9\"\n") == "none"); // an escaped quote ends nothing
    CHECK(hazard_at("note = \"\"\"\n\xef\xb9\xbf\n\"\"\"\n") == "none");
    CHECK(hazard_at("note = \"\"\"a\"\"\"\"\"\nb = '\xc3\xa9'\n") == "none"); // quotes before """
    CHECK(hazard_at("note = '''\\\n\xc3\xa9'''\n") == "none"); // literal: no line-ending backslash
    CHECK(hazard_at("\xef\xbb\xbf[journal]\npath = \"x\"\n") == "none");
    CHECK(hazard_at("") == "none");
}

TEST_CASE("a non-ASCII character outside quotes is found where it is") {
    CHECK(hazard_at("\xef\xb9\xbf[= = 1\n") == "1:1"); // the fuzzer's U+FE7F
    CHECK(hazard_at("\xcc\xaa") == "1:1");             // toml++ issue #295's U+032A
    CHECK(hazard_at("[journal]\npath = \"x\" \xc2\xa0\n") == "2:12");
    CHECK(hazard_at("a = \"unclosed\n\xc3\xa9 = 1\n") == "2:1"); // a string ends with its line
    CHECK(find_toml_hazard("x \xc3\xa9")->what.find("quoted string or a comment") !=
          std::string::npos);
}

TEST_CASE("in a multi-line basic string, non-ASCII right after a backslash is found") {
    CHECK(hazard_at("s = \"\"\"\\\n\xc2\xa7\"\"\"\n") == "2:1"); // toml++ issue #190
    CHECK(hazard_at("s = \"\"\"\\  \n   \n  \xc2\xa7\"\"\"\n") == "3:3");
    CHECK(hazard_at("s = \"\"\"a\\\xc3\xa9\"\"\"\n") == "1:10");
    CHECK(hazard_at("s = \"\"\"\\n\xc3\xa9\"\"\"\n") == "none"); // \n escapes, é is text
    CHECK(find_toml_hazard("s = \"\"\"\\\n\xc2\xa7\"\"\"")->what.find("\\uXXXX") !=
          std::string::npos);
}

TEST_CASE("a quote inside a number or a date opens no string: what follows it is found") {
    // toml++ reads a value starting with a digit, + or - to its terminator, testing each
    // character; these all reached its undefined behaviour (found by review, checked with UBSan).
    CHECK(hazard_at("[report]\ninactive_days = 30\"\xc3\xa9\"\n") == "2:20");
    CHECK(hazard_at("x = 1'\xc3\xa9'") == "1:7");
    CHECK(hazard_at("x = -\"\"\"\xc3\xa9\"\"\"") == "1:9");
    CHECK(hazard_at("x = +'''\xc3\xa9'''") == "1:9");
    CHECK(hazard_at("x = [1\"\xc3\xa9\"]") == "1:8");
    CHECK(hazard_at("x = {a = 1'\xc3\xa9'}") == "1:12");
    CHECK(hazard_at("x = 2026-01-01\"\xc3\xa9\"") == "1:16");
    CHECK(hazard_at("x = 2026-01-01 07:00\"\xc3\xa9\"") == "1:22");
    // A number ends at its terminator; a string or comment after it is one.
    CHECK(hazard_at("x = [1, \"\xc3\xa9\"]\ny = 2 # \xc3\xa9\n") == "none");
    CHECK(find_toml_hazard("x = 1'\xc3\xa9'")->what.find("number or date") != std::string::npos);
}

TEST_CASE("a line-ending backslash before CR LF, and quotes before a closing delimiter") {
    CHECK(hazard_at("s = \"\"\"\\\r\n\xc2\xa7\"\"\"\r\n") == "2:1");
    CHECK(hazard_at("s = \"\"\"a\"\"\"\"\"\xc2\xa7 = 1\n") == "1:14");
}
