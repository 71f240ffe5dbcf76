// A journal as an earlier peerlog left it, for the tests of upgrades.
#pragma once

#include "migrations.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>
#include <string>

namespace peerlog::testing {

/// Gives the empty database `raw` peerlog's application id and the schema of `version` (its first
/// `version` migrations), as the peerlog of that schema created it; the caller adds its rows.
inline void create_at_schema(SQLite::Database& raw, int version) {
    raw.exec("PRAGMA application_id = 1346718791");
    for (int i = 0; i < version; ++i) {
        const Migration& step = migrations()[static_cast<std::size_t>(i)];
        raw.exec(std::string(step.sql));
        if (step.after) {
            step.after(raw);
        }
    }
    raw.exec(fmt::format("PRAGMA user_version = {}", version));
}

} // namespace peerlog::testing
