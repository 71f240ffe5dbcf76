// A throwaway journal in a temporary directory for unit tests.
#pragma once

#include "peerlog/calendar.hpp"
#include "peerlog/error.hpp"
#include "peerlog/journal.hpp"
#include "peerlog/session.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace peerlog::testing {

/// Creates a fresh temporary directory, removed again when the object goes away.
class TempDir {
  public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "peerlog-unit-XXXXXX");
        m_path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

inline Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

/// Half an hour of emotional support with `peer_code` on `date`: the plainest contact, for a
/// test about something else (a note, a disclosure) to fill in.
inline Session half_hour_contact(std::string peer_code, Date date) {
    Session session;
    session.peer_code = std::move(peer_code);
    session.date = date;
    session.minutes = 30;
    session.support = SupportSet::parse("emotional");
    return session;
}

/// The kind of the peerlog::Error that `call` throws; fails the test when it throws none.
inline ErrorKind failure_of(auto&& call) {
    try {
        call();
    } catch (const Error& error) {
        return error.kind();
    }
    FAIL("expected an Error");
    return ErrorKind::usage;
}

/// The message of the peerlog::Error that `call` throws; fails the test when it throws none.
inline std::string message_of(auto&& call) {
    try {
        call();
    } catch (const Error& error) {
        return error.what();
    }
    FAIL("expected an Error");
    return {};
}

} // namespace peerlog::testing
