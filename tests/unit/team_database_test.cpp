// Unit tests of the team database's parts that need no server: the URL check and the schema
// files. (tests/e2e/team_database_test.sh runs the rest against a throwaway PostgreSQL.)
#include "peerlog/error.hpp"
#include "peerlog/team_database.hpp"
#include "test_journal.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <set>

using namespace peerlog;
using peerlog::testing::failure_of;

namespace {

// The message check_database_url refuses `url` with, or "" when it takes it.
std::string refusal(const std::string& url) {
    try {
        check_database_url(url);
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::usage);
        return error.what();
    }
    return "";
}

} // namespace

TEST_CASE("a database URL or conninfo string without a password is taken") {
    CHECK(refusal("postgresql://loader@db.example.org/peerlog") == "");
    CHECK(refusal("postgres:///peerlog?host=/run/postgresql") == "");
    CHECK(refusal("host=/tmp/pg dbname=team user=loader") == "");
    CHECK(refusal("service=peerlog") == "");
    CHECK(refusal("host=db sslmode=verify-full sslcert=/home/l/.pg/l.crt") == "");
    CHECK(refusal("dbname=team password=") == ""); // empty: libpq asks .pgpass
}

TEST_CASE("a password in a database URL is refused, and never repeated") {
    for (std::string url :
         {"postgresql://loader:s3cret@db/peerlog", "postgresql://loader@db/peerlog?password=s3cret",
          "host=db dbname=peerlog password=s3cret", "host=db password='s3cret' dbname=peerlog"}) {
        CAPTURE(url);
        std::string message = refusal(url);
        CHECK(message.find("holds a password") != std::string::npos);
        CHECK(message.find("~/.pgpass") != std::string::npos);
        CHECK(message.find("s3cret") == std::string::npos);
    }
}

TEST_CASE("a URL that cannot be read is a usage error that quotes no secret") {
    std::string message = refusal("postgresql://loader:s3cret@[::1/peerlog");
    CHECK(message.find("cannot be read") != std::string::npos);
    CHECK(message.find("s3cret") == std::string::npos);
    CHECK(refusal("host=db dbname").find("cannot be read") != std::string::npos);
    CHECK(refusal("host=db colour=blue").find("colour") != std::string::npos);
}

TEST_CASE("a config's URL is screened for a password without libpq, never letting one by") {
    // Whatever check_database_url refuses for a password, the screen sends to it.
    for (std::string url :
         {"postgresql://loader:s3cret@db/peerlog", "postgresql://loader@db/peerlog?password=s3cret",
          "postgres://loader@db/peerlog?p%61ssword=s3cret", "postgresql://:s3cret@db/peerlog",
          "host=db dbname=peerlog password=s3cret", "host=db PASSWORD=s3cret dbname=peerlog",
          "host=db password='s3cret' dbname=peerlog"}) {
        CAPTURE(url);
        CHECK(may_hold_password(url));
    }
    // The usual URLs need no libpq to be taken at load.
    for (std::string url :
         {"postgresql://loader@db.example.org/peerlog", "postgres:///peerlog?host=/run/postgresql",
          "postgresql://db:5432/peerlog", "postgresql://loader@[::1]:5432/peerlog",
          "host=/tmp/pg dbname=team user=loader", "service=peerlog"}) {
        CAPTURE(url);
        CHECK_FALSE(may_hold_password(url));
        CHECK(refusal(url) == "");
    }
}

TEST_CASE("the schema files are numbered 1 to k_team_schema_version, one each") {
    std::set<std::string> numbers;
    for (const auto& entry : std::filesystem::directory_iterator(
             std::filesystem::path(PEERLOG_SOURCE_DIR) / "sql" / "team")) {
        std::string name = entry.path().filename().string();
        REQUIRE(entry.path().extension() == ".sql");
        CHECK(numbers.insert(name.substr(0, 4)).second); // "001_"
    }
    std::set<std::string> expected;
    for (int version = 1; version <= k_team_schema_version; ++version) {
        expected.insert(fmt::format("{:03}_", version));
    }
    CHECK(numbers == expected);
}
