// Checking a team database URL with libpq's own parser. libpq is opened with dlopen on the
// first check, not linked: linked, it and the TLS, Kerberos and LDAP libraries under it would
// be loaded at the start of every peerlog command, while only a config with [team] database
// and the team commands (peerlog-team, which links libpq anyway) ever check a URL.
#include "peerlog/database_url.hpp"

#include "peerlog/config.hpp"
#include "peerlog/error.hpp"

#include "text_util.hpp"

#include <algorithm>
#include <cctype>
#include <dlfcn.h>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <memory>
#include <string>

namespace peerlog {
namespace {

// The three libpq functions the check calls.
struct ConninfoParser {
    decltype(&PQconninfoParse) parse = nullptr;
    decltype(&PQconninfoFree) free_options = nullptr;
    decltype(&PQfreemem) free_memory = nullptr;
};

const ConninfoParser& conninfo_parser() {
    static const ConninfoParser parser = [] {
        // Never closed: the functions are used until the program ends.
        void* libpq = ::dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
        ConninfoParser loaded;
        if (libpq) {
            loaded.parse =
                reinterpret_cast<decltype(&PQconninfoParse)>(::dlsym(libpq, "PQconninfoParse"));
            loaded.free_options =
                reinterpret_cast<decltype(&PQconninfoFree)>(::dlsym(libpq, "PQconninfoFree"));
            loaded.free_memory =
                reinterpret_cast<decltype(&PQfreemem)>(::dlsym(libpq, "PQfreemem"));
        }
        return loaded;
    }();
    if (!parser.parse || !parser.free_options || !parser.free_memory) {
        throw Error(ErrorKind::io, "PostgreSQL's client library (libpq.so.5, Debian package "
                                   "libpq5) cannot be loaded to read the team database URL: "
                                   "install it.");
    }
    return parser;
}

} // namespace

void check_database_url(std::string_view url) {
    const ConninfoParser& libpq = conninfo_parser();
    std::string text(url);
    char* failure = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(libpq.free_options)> options(
        libpq.parse(text.c_str(), &failure), libpq.free_options);
    if (!options) {
        std::string why = failure ? failure : "out of memory";
        libpq.free_memory(failure);
        // libpq may quote the URL in its message, and with it a password: say what is wrong
        // only when the text holds none of a URL's user part or a password keyword.
        bool may_hold_secret =
            text.find('@') != std::string::npos || text.find("password") != std::string::npos;
        throw Error(ErrorKind::usage,
                    may_hold_secret
                        ? "the database URL cannot be read: write postgresql://USER@HOST/DB or "
                          "a conninfo string such as 'host=HOST dbname=DB user=USER'."
                        : "the database URL cannot be read: " + one_line(why));
    }
    for (auto* option = options.get(); option->keyword; ++option) {
        if (std::string_view(option->keyword) == "password" && option->val && *option->val) {
            throw Error(ErrorKind::usage,
                        "the database URL holds a password, which would be seen in the process "
                        "list, shell history or config file: take it out, and put it in "
                        "~/.pgpass (mode 0600), a file named by PGPASSFILE or a service file, "
                        "or have the server use peer or certificate authentication.");
        }
    }
}

bool may_hold_password(std::string_view url) {
    std::string lower(url);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.find("password") != std::string::npos || url.find('%') != std::string_view::npos) {
        return true;
    }
    // libpq takes a URL's user part up to the first '@' before any '/', and a ':' in it
    // starts a password.
    std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) {
        return false;
    }
    std::string_view rest = url.substr(scheme + 3);
    std::size_t end = rest.find_first_of("@/");
    return end != std::string_view::npos && rest[end] == '@' &&
           rest.substr(0, end).find(':') != std::string_view::npos;
}

void check_team_database(const Config& config) {
    if (config.team_database.empty()) {
        return;
    }
    try {
        check_database_url(config.team_database);
    } catch (const Error& bad) {
        if (bad.kind() != ErrorKind::usage) {
            throw; // libpq cannot be loaded
        }
        throw Error(ErrorKind::config, fmt::format("{}: bad value for 'team.database': {}",
                                                   config.source.string(), bad.what()));
    }
}

} // namespace peerlog
