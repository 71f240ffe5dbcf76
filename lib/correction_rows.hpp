// What the corrections of every record kind share: a removal's transaction, the deletion of a
// row with its audit event, and the refusal that names the records pointing at one.
#pragma once

#include "peerlog/corrections.hpp"
#include "peerlog/journal.hpp"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace peerlog {

/// Runs `describe` (which checks the removal and says what it removes) in a read transaction
/// for a dry run, or in a write transaction followed by `remove` for Removal::apply; returns
/// the description.
std::string run_removal(Journal& journal, Removal mode,
                        const std::function<std::string(SQLite::Database&)>& describe,
                        const std::function<void(SQLite::Database&)>& remove);

/// Deletes row `id` of `table` and appends the event `action` ("goal.remove") for `object`
/// ("goal 3"), whose state is then the deletion's, with `summary`.
void delete_audited(SQLite::Database& db, std::string_view table, std::int64_t id,
                    std::string_view action, std::string_view object, std::string_view summary);

/// The ids `sql` (one parameter, `id`) selects, in its order.
std::vector<std::int64_t> ids_selected(SQLite::Database& db, const char* sql, std::int64_t id);

/// Throws Error(conflict): `what` cannot be deleted while `ids` of `kind` ("session") point to
/// it; `hint` says what to do first.
void refuse_while_used(std::string_view what, std::string_view kind,
                       const std::vector<std::int64_t>& ids, std::string_view hint);

/// The names of the fields an edit changes, for its audit event ("date, minutes"): typed text
/// is never copied into the trail, only named.
class ChangedFields {
  public:
    template <typename T> void note(const std::optional<T>& field, std::string_view name) {
        if (field) {
            m_names.emplace_back(name);
        }
    }
    std::string summary() const;

  private:
    std::vector<std::string> m_names;
};

} // namespace peerlog
