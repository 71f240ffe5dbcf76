// What peerlog says when CLI11 refuses a command line: the message, the usage of the command
// that failed and what was likely meant, and where typed text was kept.
#pragma once

#include "context.hpp"

#include <CLI/CLI.hpp>
#include <string>

namespace peerlog::cli {

/// Shows positionals in upper case, as in usage lines ("FILE", "ID..."), and names a subcommand
/// by its whole command ("peerlog session add").
class PeerlogFormatter : public CLI::Formatter {
  public:
    std::string make_usage(const CLI::App* app, std::string name) const override;
    std::string make_option_name(const CLI::Option* option, bool is_positional) const override;
    std::string make_option_opts(const CLI::Option* option) const override;
};

/// The text for stderr (ending in a newline) after `app.parse(argc, argv)` threw `error`: the
/// message, the usage line of the command that failed, its subcommands when one is missing, the
/// flag or command meant when a word is close to one, where a note or comment typed on the
/// refused command line was kept (a draft of the journal `context` names, sealed when it is
/// encrypted), and which help to run. Safe to print on a terminal.
std::string describe_usage_error(const CLI::App& app, const CLI::ParseError& error, int argc,
                                 char** argv, Context& context);

} // namespace peerlog::cli
