// The libpqxx connection behind a TeamDatabase, for the library's own sources only.
#pragma once

#include "peerlog/error.hpp"
#include "peerlog/team_database.hpp"

#include <pqxx/pqxx>

namespace peerlog {

struct TeamDatabase::Connection {
    explicit Connection(const std::string& url) : db(url) {}
    pqxx::connection db;
};

/// Serialises loads and migrations: held for the length of their transaction.
inline constexpr long long k_team_load_lock = 0x7065'6572'6c6f'6721; // "peerlog!"

/// libpq's message as one tidy sentence for stderr (it ends in a line break, sometimes with a
/// second line of hints).
std::string server_message(const std::string& what);

/// Runs `work`; an error the server or libpq reports becomes Error(io) with its message (an
/// unreachable or refusing server, a missing privilege: nothing was written).
template <class Work> auto with_server_errors(Work&& work) {
    try {
        return work();
    } catch (const pqxx::failure& failure) {
        throw Error(ErrorKind::io, server_message(failure.what()));
    }
}

/// The schema version in the database as `transaction` sees it; 0 without peerlog tables.
int team_schema_version(pqxx::transaction_base& transaction);

} // namespace peerlog
