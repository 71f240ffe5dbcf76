// Unit tests of session durations.
#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"

#include <doctest/doctest.h>

using namespace peerlog;

TEST_CASE("parse_duration reads the forms the issue lists") {
    CHECK(parse_duration("45m") == 45);
    CHECK(parse_duration("1h") == 60);
    CHECK(parse_duration("1h30m") == 90);
    CHECK(parse_duration("1h30") == 90);
    CHECK(parse_duration("1.5h") == 90);
    CHECK(parse_duration("90") == 90);
    CHECK(parse_duration(" 2H ") == 120);
    CHECK(parse_duration("24h") == 1440);
}

TEST_CASE("durations out of range or malformed are invalid data") {
    for (const char* text : {"0", "0m", "25h", "1441", "abc", "", "1.5", "30m1h", "1h1h", "-5m",
                             "1.25m", "0.01h", "1hm"}) {
        CAPTURE(text);
        try {
            parse_duration(text);
            FAIL("accepted");
        } catch (const Error& error) {
            CHECK(error.kind() == ErrorKind::invalid_data);
        }
    }
}

TEST_CASE("durations and hours print as people read them") {
    CHECK(format_duration(45) == "45m");
    CHECK(format_duration(60) == "1h");
    CHECK(format_duration(95) == "1h35m");
    CHECK(format_duration(61) == "1h01m");
    CHECK(format_hours(135) == "2.25");
    CHECK(format_hours(0) == "0.00");
    CHECK(format_hours(50) == "0.83");
}
