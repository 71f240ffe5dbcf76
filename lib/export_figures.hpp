// The figures `report team` takes from one weekly export file, read as a stream.
#pragma once

#include "peerlog/calendar.hpp"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peerlog {

/// One de-identified session row of an export, as `team load` stores it.
struct ExportSession {
    long long id = 0; ///< the session's id in the specialist's journal
    std::optional<Date> date;
    std::optional<TimeOfDay> start;
    long long minutes = 0;
    std::string peer;  ///< empty for a group session
    std::string group; ///< empty for a one-on-one session
    std::vector<std::string> attendees;
    long long unnamed = 0; ///< attendees not named
    unsigned support = 0;  ///< a bit per SupportKind
    std::string modality, setting;
    bool self_disclosure = false;
    std::optional<Date> follow_up;
};

/// Whether reading an export keeps its session rows (`team load`) or only their sums.
enum class SessionRows { drop, keep };

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
    std::string week;               ///< period.week as written; empty when absent or null
    std::optional<long long> audit_head_id; ///< the journal's audit head the export published
    std::string audit_head_hash;
    std::vector<ExportSession> rows; ///< only with SessionRows::keep
};

/// A digest of the figures two exports of one specialist and period must share to be copies
/// of one export (16 bytes, BLAKE2b): the same on every machine, so a database can keep it.
std::string figures_fingerprint(const ExportFigures& figures);

/// Reads `file` (`peerlog export --format json`) with nlohmann's SAX parser: no document is
/// built, which makes a team's year of files about twice as fast to read. Throws Error naming
/// the file: io when it cannot be read; invalid_data when it is not JSON, not an export object,
/// not a peerlog export, of a schema_version this peerlog cannot read, suppressed, missing a
/// figure, when a session row's date, start or follow_up is not one, or when its totals
/// disagree with its session rows (sessions, minutes, minutes by support kind).
ExportFigures read_export_figures(const std::filesystem::path& file,
                                  SessionRows rows = SessionRows::drop);

/// As read_export_figures, for the text of an export already read; `name` stands for the file
/// in messages, and `unnamed_as` is the specialist an export without a name counts under.
ExportFigures parse_export_figures(const std::string& text, const std::string& name,
                                   const std::string& unnamed_as,
                                   SessionRows rows = SessionRows::drop);

} // namespace peerlog
