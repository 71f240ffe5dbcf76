// The journal's schema, as forward-only numbered migrations.
#pragma once

#include <span>
#include <string_view>

namespace peerlog {

/// Migration N (1-based) takes the schema from version N-1 to N. Append only: never edit one
/// that has shipped.
std::span<const std::string_view> migrations();

} // namespace peerlog
