// Lookups and checks the record stores share.
#include "record_rows.hpp"

#include "peerlog/calendar.hpp"
#include "peerlog/error.hpp"
#include "text_util.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace peerlog {

std::int64_t peer_id_by_code(SQLite::Database& db, const std::string& code) {
    SQLite::Statement query(db, "SELECT id FROM peer WHERE code = ?");
    query.bind(1, code);
    if (!query.executeStep()) {
        throw Error(ErrorKind::not_found,
                    fmt::format("no peer with code '{}' in the journal. Add the peer first with "
                                "`peerlog peer add {}`, or see the codes with `peerlog peer list "
                                "--all`.",
                                code, code));
    }
    return query.getColumn(0).getInt64();
}

std::int64_t open_peer_id_by_code(SQLite::Database& db, const std::string& code) {
    std::int64_t id = peer_id_by_code(db, code);
    SQLite::Statement status(db, "SELECT code FROM peer WHERE id = ? AND status = 'closed'");
    status.bind(1, id);
    if (status.executeStep()) {
        std::string stored = status.getColumn(0).getString();
        throw Error(ErrorKind::conflict,
                    fmt::format("peer '{}' is closed. Reopen the record with `peerlog peer reopen "
                                "{}` before adding to it.",
                                stored, stored));
    }
    return id;
}

void validate_label(std::string_view text, std::string_view field, std::size_t max_length) {
    if (text.empty() || text.size() > max_length) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the {} must be 1 to {} characters long, not {}.", field,
                                max_length, text.size()));
    }
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7f) {
            throw Error(ErrorKind::invalid_data,
                        fmt::format("the {} '{}' holds a control character: type it on one line.",
                                    field, text));
        }
    }
    // Spaces alone name nothing and print as an empty column.
    if (trim(text).empty()) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the {} is blank: type a name or words, not only spaces.", field));
    }
}

void validate_range(int value, int low, int high, std::string_view field) {
    if (value < low || value > high) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("{} is scored {} to {}, not {}.", field, low, high, value));
    }
}

void validate_not_future(Date date, Date today, std::string_view field) {
    if (!date.ok()) {
        throw Error(ErrorKind::invalid_data, fmt::format("the {} is not a valid date.", field));
    }
    if (date > today) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the {} {} is in the future (today is {}).", field,
                                format_date(date), format_date(today)));
    }
}

} // namespace peerlog
