// Unit tests of a batch of export files: copies counted once, conflicts refused, "-" read once.
#include "export_batch.hpp"
#include "peerlog/error.hpp"
#include "test_journal.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace peerlog;
using peerlog::testing::failure_of;
using peerlog::testing::ymd;

namespace {

ExportFigures figures(const std::string& specialist, Date from, long long minutes) {
    ExportFigures f;
    f.specialist = specialist;
    f.from = from;
    f.to = add_days(from, 6);
    f.minutes = minutes;
    f.peers = {"P1"};
    return f;
}

} // namespace

TEST_CASE("a copy of an export read before names the first; a different one is a conflict") {
    ExportCopies copies;
    auto ana = figures("Ana", ymd(2026, 11, 16), 90);
    CHECK_FALSE(copies.earlier("a.json", ana, 0));
    CHECK_FALSE(copies.earlier("b.json", figures("Ben", ymd(2026, 11, 16), 90), 1));
    CHECK_FALSE(copies.earlier("c.json", figures("Ana", ymd(2026, 11, 23), 90), 2));
    CHECK(copies.earlier("copy/a.json", ana, 3) == std::optional<std::size_t>{0});
    try {
        copies.earlier("d.json", figures("Ana", ymd(2026, 11, 16), 91), 4);
        FAIL("a different export of Ana's week was taken");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::conflict);
        CHECK(std::string(error.what())
                  .starts_with(
                      "a.json and d.json are both exports of 'Ana' for 2026-11-16 to 2026-11-22"));
    }
}

TEST_CASE("the middle day places a week by its Thursday, and an odd span by its earlier half") {
    CHECK(middle_day(figures("Ana", ymd(2026, 11, 30), 0)) == ymd(2026, 12, 3));
    auto two_days = figures("Ana", ymd(2026, 11, 30), 0);
    two_days.to = ymd(2026, 12, 1);
    CHECK(middle_day(two_days) == ymd(2026, 11, 30));
    auto backwards = two_days;
    backwards.to = ymd(2026, 11, 1);
    CHECK(middle_day(backwards) == ymd(2026, 11, 30));
}

TEST_CASE("- is one export on stdin, named once, and only where stdin can be read") {
    std::istringstream input("{}");
    CHECK(failure_of([&] { ExportBatch({"-", "-"}, &input); }) == ErrorKind::usage);
    CHECK(failure_of([&] { ExportBatch({"-"}, nullptr); }) == ErrorKind::usage);
    ExportBatch batch({"-"}, &input);
    CHECK(failure_of([&] { batch.read(0, 1, SessionRows::drop); }) == ErrorKind::invalid_data);
    CHECK(export_file_name("-") == "- (stdin)");
}
