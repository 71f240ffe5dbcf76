// Asking before something that cannot be undone.
#pragma once

#include "context.hpp"

#include <string>

namespace peerlog::cli {

/// Returns when `yes` is set or the person at the terminal answers yes; throws Error(usage)
/// off a terminal without --yes and Error(cancelled) when the answer is no.
void confirm_or_refuse(bool yes, const Context& context, const std::string& question);

} // namespace peerlog::cli
