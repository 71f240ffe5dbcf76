// The --identified, --recipient and --purpose flags of `report summary`, and what they run.
#pragma once

#include "context.hpp"

#include "peerlog/calendar.hpp"
#include "peerlog/output_format.hpp"

#include <CLI/CLI.hpp>
#include <string>

namespace peerlog::cli {

/// `report summary --identified --recipient R [--purpose P]`.
struct IdentifiedOptions {
    bool identified = false;
    std::string recipient;
    std::string purpose;
};

/// Declares --identified, --recipient and --purpose on `command`.
void add_identified_options(CLI::App* command, IdentifiedOptions& options);

/// Writes the identified summary report of `period` to `output` ("-": stdout) and records the
/// disclosure, as `export --identified` does. `suppress`: --suppress-below was given, which is
/// refused (exit 2).
void run_identified_summary(const IdentifiedOptions& options, bool suppress, OutputFormat format,
                            const Period& period, const std::string& output, Context& context);

} // namespace peerlog::cli
