// The team database's URL, checked where it is read (--database, [team] database): a password
// written in it is refused before it goes anywhere.
#pragma once

#include <string_view>

namespace peerlog {

struct Config;

/// Throws Error(usage) when `url` (a postgresql:// URL or a libpq conninfo string) holds a
/// password, or cannot be read as either; the message never repeats the URL. Passwords come
/// from ~/.pgpass, PGPASSFILE or a service file, or the server uses peer or certificate
/// authentication. libpq reads the URL; it is loaded on the first call only (see the source).
void check_database_url(std::string_view url);

/// False only when libpq cannot find a password in `url`, told without loading it: no
/// "password" (in any case) and no percent sign (an encoded keyword) in the text, and no ':'
/// in the user part of a URL (postgresql://USER:PASSWORD@HOST). A config file's URL is screened
/// with this at every load, and read in full by check_database_url only where it is used.
bool may_hold_password(std::string_view url);

/// Reads [team] database in full (check_database_url): Error(config) naming the file and the
/// key when it holds a password or cannot be read. load_config refuses at once a URL that may
/// hold a password, without libpq; the rest of the check waits for this, called where the URL
/// is used and by `config show`.
void check_team_database(const Config& config);

} // namespace peerlog
