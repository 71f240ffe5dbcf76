// Reading a batch of export files on every core, and telling copies from conflicts.
#include "export_batch.hpp"

#include "peerlog/error.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <fmt/format.h>
#include <iterator>
#include <thread>

namespace peerlog {
namespace fs = std::filesystem;

std::vector<fs::path> expand_export_files(const std::vector<fs::path>& names) {
    std::vector<fs::path> files;
    for (const auto& name : names) {
        std::error_code error;
        if (name == "-" || !fs::is_directory(name, error)) {
            files.push_back(name);
            continue;
        }
        std::vector<fs::path> found;
        for (fs::recursive_directory_iterator it(name, error), end; !error && it != end;
             it.increment(error)) {
            if (it->is_regular_file() && it->path().extension() == ".json") {
                found.push_back(it->path());
            }
        }
        if (error) {
            throw Error(ErrorKind::io,
                        fmt::format("{}: cannot be read: {}.", name.string(), error.message()));
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    if (files.empty()) {
        throw Error(ErrorKind::usage, "name at least one export file (or a directory that holds "
                                      "some .json export files).");
    }
    return files;
}

ExportBatch::ExportBatch(std::vector<fs::path> files, std::istream* input)
    : m_files(std::move(files)) {
    auto dashes = std::count(m_files.begin(), m_files.end(), fs::path("-"));
    if (dashes > 1) {
        throw Error(ErrorKind::usage, "- (one export on stdin) can be named only once.");
    }
    if (dashes == 1) {
        if (!input) {
            throw Error(ErrorKind::usage, "- (stdin) cannot be read here: name export files.");
        }
        m_stdin_text.assign(std::istreambuf_iterator<char>(*input),
                            std::istreambuf_iterator<char>());
        if (input->bad()) {
            throw Error(ErrorKind::io, "-: stdin cannot be read.");
        }
    }
}

// The results keep the files' order, so the first bad file named is the one reported.
std::vector<ExportFigures> ExportBatch::read(std::size_t begin, std::size_t end,
                                             SessionRows rows) const {
    std::vector<ExportFigures> parsed(end - begin);
    std::vector<std::exception_ptr> errors(end - begin);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < parsed.size(); i = next++) {
            const fs::path& file = m_files[begin + i];
            try {
                parsed[i] = file == "-" ? parse_export_figures(m_stdin_text, export_file_name(file),
                                                               "(stdin)", rows)
                                        : read_export_figures(file, rows);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    unsigned count = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < count && parsed.size() > 64; ++t) {
        workers.emplace_back(work);
    }
    work();
    for (auto& worker : workers) {
        worker.join();
    }
    for (const auto& error : errors) {
        if (error) {
            std::rethrow_exception(error);
        }
    }
    return parsed;
}

std::string export_file_name(const fs::path& file) {
    return file == "-" ? "- (stdin)" : file.string();
}

Error conflicting_exports(const std::string& first, const std::string& second,
                          const std::string& specialist, Date from, Date to,
                          const std::string& advice) {
    return Error(ErrorKind::conflict,
                 fmt::format("{} and {} are both exports of '{}' for {} to {}, with different "
                             "figures. {}",
                             first, second, specialist, format_date(from), format_date(to),
                             advice));
}

std::optional<std::size_t> ExportCopies::earlier(const std::string& file,
                                                 const ExportFigures& figures, std::size_t index) {
    auto fingerprint = figures_fingerprint(figures);
    auto [seen, first] = m_seen.try_emplace({figures.specialist, figures.from, figures.to},
                                            Seen{file, fingerprint, index});
    if (first) {
        return std::nullopt;
    }
    if (seen->second.fingerprint != fingerprint) {
        throw conflicting_exports(seen->second.file, file, figures.specialist, figures.from,
                                  figures.to,
                                  "Give each specialist's journal a [specialist] name, or keep "
                                  "each one's exports in a directory of their own.");
    }
    return seen->second.index;
}

Date middle_day(const ExportFigures& figures) {
    return add_days(figures.from, std::max(0, days_between(figures.from, figures.to)) / 2);
}

} // namespace peerlog
