// The stacked bar chart of hours by support kind, shared by `report hours` and `report team`.
#pragma once

#include "document.hpp"

#include <string>

namespace peerlog {

/// An empty stacked-bar chart with one coloured series per support kind (in k_support_kinds
/// order), in hours, whose caption says a session of several kinds is split evenly between
/// them so a bar adds up to `bar_adds_up_to` ("the week's hours").
Chart support_hours_chart(std::string title, std::string_view bar_adds_up_to);

} // namespace peerlog
