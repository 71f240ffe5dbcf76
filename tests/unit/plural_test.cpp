// Unit tests of counted nouns in messages.
#include "peerlog/plural.hpp"

#include <doctest/doctest.h>

using namespace peerlog;

TEST_CASE("counted: one is singular, zero and many take the plural") {
    CHECK(counted(1, "session") == "1 session");
    CHECK(counted(0, "session") == "0 sessions");
    CHECK(counted(12, "row") == "12 rows");
    CHECK(counted(2, "entry", "entries") == "2 entries");
    CHECK(counted(1, "entry", "entries") == "1 entry");
    CHECK(noun_for(3, "peer") == "peers");
}
