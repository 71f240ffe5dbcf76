// The -o flag shared by listings and reports, and the rule that a workbook goes to a file.
#pragma once

#include "peerlog/error.hpp"
#include "peerlog/output_format.hpp"

#include <CLI/CLI.hpp>
#include <string>

namespace peerlog::cli {

/// Declares -o/--output FILE (default "-", stdout).
inline CLI::Option* add_output_option(CLI::App* command, std::string& output) {
    return command->add_option("-o,--output", output, "Write to FILE (mode 0600); - is stdout")
        ->type_name("FILE");
}

/// Refuses --format xlsx without -o FILE: a workbook is binary, garbage on a terminal, and a
/// spreadsheet opens a file.
inline void require_file_for_binary(OutputFormat format, const std::string& output) {
    if (format == OutputFormat::xlsx && (output.empty() || output == "-")) {
        throw Error(ErrorKind::usage, "--format xlsx writes a binary workbook: give -o FILE "
                                      "(e.g. -o report.xlsx).");
    }
}

} // namespace peerlog::cli
