// Rendering peers: the `peer list` formats and the `peer show` page.
#pragma once

#include "peerlog/output_format.hpp"
#include "peerlog/peer_store.hpp"

#include <ostream>
#include <vector>

namespace peerlog {

/// Writes a caseload listing as table, csv or json.
void write_peer_list(std::ostream& out, const std::vector<PeerOverview>& peers, OutputFormat format,
                     const RenderStyle& style);

/// Writes one peer as a labelled page (table) or JSON, with the identity when given.
void write_peer_detail(std::ostream& out, const PeerOverview& peer,
                       const std::optional<PeerIdentity>& identity, OutputFormat format,
                       const RenderStyle& style);

} // namespace peerlog
