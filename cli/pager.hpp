// Long output on a terminal goes through $PAGER; anything else is written as it is.
#pragma once

#include <functional>
#include <ostream>

namespace peerlog::cli {

/// Renders with `write` and puts the text on stdout. When stdout is a terminal and the text
/// has more lines than the terminal, it goes through $PAGER (default `less`, with LESS=FRX
/// unless LESS is set); PAGER=cat or an empty PAGER turns paging off, and so does TERM=dumb.
/// A pager that cannot be started leaves the text on stdout, with a warning on stderr. Off a
/// terminal (a pipe, a file, a script) the pager is never used. Throws Error(io) when stdout
/// cannot be written.
void write_paged(const std::function<void(std::ostream&)>& write);

} // namespace peerlog::cli
