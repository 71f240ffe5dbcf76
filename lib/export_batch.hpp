// Many export files read as one batch: `report team` and `team load` name them, read them and
// tell copies from conflicts the same way.
#pragma once

#include "export_figures.hpp"
#include "peerlog/error.hpp"

#include <cstddef>
#include <filesystem>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace peerlog {

/// The files named, each directory standing for the .json files under it in name order (a
/// team's year of exports outgrows the command line's length limit); "-" stays "-". Throws
/// Error(io) when a directory cannot be read, Error(usage) when nothing is left.
std::vector<std::filesystem::path>
expand_export_files(const std::vector<std::filesystem::path>& names);

/// Reads export files a slice at a time on every core; "-" is one export on `input`, read when
/// the batch is made (so it can be named only once).
class ExportBatch {
  public:
    /// Throws Error(usage) when "-" is named twice or there is no input for it, io when the
    /// input cannot be read.
    ExportBatch(std::vector<std::filesystem::path> files, std::istream* input);

    const std::vector<std::filesystem::path>& files() const { return m_files; }

    /// The figures of files [begin, end), in their order; throws the error of the first bad
    /// file among them (see parse_export_figures).
    std::vector<ExportFigures> read(std::size_t begin, std::size_t end, SessionRows rows) const;

  private:
    std::vector<std::filesystem::path> m_files;
    std::string m_stdin_text;
};

/// The name of a file in messages: "-" is "- (stdin)".
std::string export_file_name(const std::filesystem::path& file);

/// Error(conflict): `first` and `second` hold different exports of `specialist` for one
/// period. `advice` says what to do.
Error conflicting_exports(const std::string& first, const std::string& second,
                          const std::string& specialist, Date from, Date to,
                          const std::string& advice);

/// The exports of a batch by specialist and period, to tell a copy of an export read before
/// (counted once) from another export under the same name and period (two unnamed specialists'
/// exports in one folder), which nothing may add silently.
class ExportCopies {
  public:
    /// nullopt when `figures` is the first export of its specialist and period (it is
    /// remembered with `index`); else the index of the one it copies. Throws
    /// conflicting_exports naming both files when their figures differ.
    std::optional<std::size_t> earlier(const std::string& file, const ExportFigures& figures,
                                       std::size_t index);

  private:
    struct Seen {
        std::string file, fingerprint;
        std::size_t index;
    };
    std::map<std::tuple<std::string, Date, Date>, Seen> m_seen;
};

/// The export's middle day (of two, the earlier): the day that places it in one period only.
Date middle_day(const ExportFigures& figures);

} // namespace peerlog
