// Asking before something that cannot be undone.
#include "confirm.hpp"

#include "peerlog/error.hpp"
#include "peerlog/safe_text.hpp"

#include <iostream>

namespace peerlog::cli {

void confirm_or_refuse(bool yes, const Context& context, const std::string& question) {
    if (yes) {
        return;
    }
    if (!context.interactive()) {
        throw Error(ErrorKind::usage, "refusing to go on without --yes when not run from a "
                                      "terminal; nothing was changed.");
    }
    // The question may name stored text (a group, a peer code): it must not drive the terminal.
    std::cerr << terminal_safe(question, LineBreaks::keep) << " [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
        throw Error(ErrorKind::cancelled, "nothing was changed.");
    }
}

} // namespace peerlog::cli
