// The --format and -o flags shared by listings and reports, and the rule that a workbook goes
// to a file.
#pragma once

#include "context.hpp"
#include "output_file.hpp"
#include "peerlog/error.hpp"
#include "peerlog/output_format.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <initializer_list>
#include <string>

namespace peerlog::cli {

/// Declares -o/--output FILE (default "-", stdout).
inline CLI::Option* add_output_option(CLI::App* command, std::string& output) {
    return command->add_option("-o,--output", output, k_output_help)->type_name("FILE");
}

/// Refuses --format xlsx without -o FILE: a workbook is binary, garbage on a terminal, and a
/// spreadsheet opens a file.
inline void require_file_for_binary(OutputFormat format, const std::string& output) {
    if (format == OutputFormat::xlsx && (output.empty() || output == "-")) {
        throw Error(ErrorKind::usage, "--format xlsx writes a binary workbook: give -o FILE "
                                      "(e.g. -o report.xlsx).");
    }
}

/// A listing's --format and -o.
struct ListingOutput {
    std::string format = "table";
    std::string output = "-";
};

/// Declares --format (`formats` is its help, e.g. "table, csv, json or xlsx") and -o on `list`.
inline void add_listing_output(CLI::App* list, ListingOutput& o, const std::string& formats) {
    list->add_option("--format", o.format, formats)->type_name("FORMAT");
    add_output_option(list, o.output);
}

/// The format asked for among `allowed`; xlsx refused without -o FILE.
inline OutputFormat listing_format(const ListingOutput& o,
                                   std::initializer_list<OutputFormat> allowed) {
    OutputFormat format = parse_output_format(o.format, allowed);
    require_file_for_binary(format, o.output);
    return format;
}

/// Writes a listing to stdout (paged on a terminal, in colour where allowed) or to the -o file.
inline void
write_listing_output(const ListingOutput& o, Context& context,
                     const std::function<void(std::ostream&, const RenderStyle&)>& write) {
    RenderStyle style = o.output == "-" ? context.stdout_style() : RenderStyle{};
    write_output(context, o.output, [&](std::ostream& out) { write(out, style); });
}

} // namespace peerlog::cli
