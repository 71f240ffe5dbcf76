// The record of each copy `peerlog backup` made, so a forget can name the copies that still
// hold what it deleted.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// One copy `peerlog backup` made.
struct BackupCopy {
    std::string at;             ///< when it was taken (UTC, after the copy was read)
    std::filesystem::path path; ///< where it was written (absolute)
    bool still_there = false;   ///< a file is at that path now (it may since have been replaced)
};

/// The line a forget or purge prints about the backups that still hold the forgotten peers ("" when
/// there are none): each copy's path and date, and which are no longer there. `since` says since
/// when ("peer P1's first record").
std::string describe_backups_holding(const std::vector<BackupCopy>& copies, std::string_view since);

} // namespace peerlog
