// The figures `report team` takes from one weekly export file, read as a stream.
#pragma once

#include "peerlog/calendar.hpp"

#include <array>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace peerlog {

/// What one export file adds to its specialist.
struct ExportFigures {
    std::string specialist;                   ///< empty in the file: "(DIR)", its directory's name
    std::pair<std::string, std::string> span; ///< period from, to as written
    Date from{}, to{};
    long long sessions = 0, minutes = 0, new_peers = 0, group_sessions = 0, group_minutes = 0;
    std::array<long long, 4> minutes_by_support{}; ///< indexed by SupportKind; a session of
                                                   ///< several kinds counts in full under each
    /// As minutes_by_support, a session of several kinds split evenly between them (the first
    /// takes the remainder), so the four add up to `minutes`; from the session rows.
    std::array<long long, 4> split_minutes_by_support{};
    std::vector<std::string> peers; ///< the peer code of each session and each named attendee
    bool unnamed = false;           ///< the file had no specialist name
};

/// Reads `file` (`peerlog export --format json`) with nlohmann's SAX parser: no document is
/// built, which makes a team's year of files about twice as fast to read. Throws Error naming
/// the file: io when it cannot be read; invalid_data when it is not JSON, not an export object,
/// not a peerlog export, of a schema_version this peerlog cannot read, suppressed, missing a
/// figure, or when its totals disagree with its session rows (sessions, minutes, minutes by
/// support kind).
ExportFigures read_export_figures(const std::filesystem::path& file);

/// As read_export_figures, for the text of an export already read; `name` stands for the file
/// in messages, and `unnamed_as` is the specialist an export without a name counts under.
ExportFigures parse_export_figures(const std::string& text, const std::string& name,
                                   const std::string& unnamed_as);

} // namespace peerlog
