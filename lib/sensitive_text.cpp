// Sensitive text as stored in a plain journal.
#include "sensitive_text.hpp"

namespace peerlog {

void bind_sensitive(Journal&, SQLite::Statement& statement, int index, const FieldAddress&,
                    const std::string& text) {
    statement.bind(index, text);
}

std::string reveal_sensitive(Journal&, const FieldAddress&, const std::string& stored) {
    return stored;
}

} // namespace peerlog
