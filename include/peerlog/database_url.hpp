// The team database's URL, checked where it is read (--database, [team] database): a password
// written in it is refused before it goes anywhere.
#pragma once

#include <string_view>

namespace peerlog {

/// Throws Error(usage) when `url` (a postgresql:// URL or a libpq conninfo string) holds a
/// password, or cannot be read as either; the message never repeats the URL. Passwords come
/// from ~/.pgpass, PGPASSFILE or a service file, or the server uses peer or certificate
/// authentication. libpq reads the URL; it is loaded on the first call only (see the source).
void check_database_url(std::string_view url);

} // namespace peerlog
