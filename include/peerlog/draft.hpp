// Drafts: text the user typed that could not be saved, kept in private files so it is never lost.
#pragma once

#include <filesystem>
#include <string>

namespace peerlog {

/// $XDG_STATE_HOME/peerlog/drafts, or ~/.local/state/peerlog/drafts when it is unset.
std::filesystem::path drafts_directory();

/// Saves `text` to a new private (0600) draft file in drafts_directory() (created 0700) and
/// returns its path. Throws Error(io) when it cannot be written; no half of it is left behind.
std::filesystem::path save_draft(const std::string& text);

/// Creates `path` (which must not exist) with mode 0600 and writes `text` into it, through
/// OutputFile: the file appears only whole. Throws Error(io) when it cannot (Error(conflict) when
/// it exists); nothing half written is ever left.
void write_new_private_file(const std::filesystem::path& path, const std::string& text);

} // namespace peerlog
