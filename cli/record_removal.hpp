// The `rm` of a record: --dry-run says what would go, --yes is needed off a terminal.
#pragma once

#include "context.hpp"

#include "peerlog/corrections.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace peerlog::cli {

/// What `rm` was told.
struct RemoveFlags {
    bool yes = false;
    bool dry_run = false;
};

/// Declares -y/--yes and -n/--dry-run on `rm`.
void add_remove_flags(CLI::App* rm, RemoveFlags& flags);

/// Says what `remove` (a library removal, given the journal and the mode) would delete with
/// --dry-run; otherwise asks (or takes --yes), deletes and says so.
void run_record_removal(const RemoveFlags& flags, Context& context,
                        const std::function<std::string(Journal&, Removal)>& remove);

/// An option whose value is kept as typed, with whether it was given at all.
struct GivenText {
    std::string value;
    CLI::Option* option = nullptr;
    bool given() const { return option && option->count() > 0; }
    /// The value when given, `none` as "" (what clears a field).
    std::optional<std::string> clearable() const;
    std::optional<std::string> text() const {
        return given() ? std::optional(value) : std::nullopt;
    }
};

/// Declares `name` on `command` into `flag`.
void add_given(CLI::App* command, const std::string& name, GivenText& flag, const std::string& help,
               const std::string& type_name);

/// Throws Error(usage) when an edit changes nothing: "nothing to change: give goal edit 3 ...".
void refuse_empty_edit(bool empty, const std::string& command, const std::string& record);

} // namespace peerlog::cli
