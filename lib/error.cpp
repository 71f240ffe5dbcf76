// Exit codes and names of the error kinds.
#include "peerlog/error.hpp"

namespace peerlog {

int exit_code(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::usage:
        return 2;
    case ErrorKind::invalid_data:
        return 3;
    case ErrorKind::not_found:
        return 4;
    case ErrorKind::busy:
        return 5;
    case ErrorKind::corrupt:
        return 6;
    case ErrorKind::config:
        return 7;
    case ErrorKind::io:
        return 8;
    case ErrorKind::conflict:
        return 9;
    case ErrorKind::privacy:
        return 10;
    case ErrorKind::cancelled:
        return 11;
    }
    return 1;
}

std::string_view to_string(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::usage:
        return "usage";
    case ErrorKind::invalid_data:
        return "invalid data";
    case ErrorKind::not_found:
        return "not found";
    case ErrorKind::busy:
        return "journal busy";
    case ErrorKind::corrupt:
        return "unusable journal";
    case ErrorKind::config:
        return "config";
    case ErrorKind::io:
        return "i/o";
    case ErrorKind::conflict:
        return "conflict";
    case ErrorKind::privacy:
        return "privacy";
    case ErrorKind::cancelled:
        return "cancelled";
    }
    return "error";
}

} // namespace peerlog
