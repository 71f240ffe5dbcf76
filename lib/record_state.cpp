// The state of each record the audit trail vouches for, as one digest of everything stored.
#include "record_state.hpp"

#include "peerlog/audit.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>
#include <vector>

namespace peerlog {
namespace {

// A table holding rows that belong to a record, by the column naming the record's id.
struct ChildTable {
    const char* table;
    const char* parent_column;
    /// A child table added after schema 7 is left out of a digest while the record has no row
    /// in it, so its migration changes no stored record's digest (like a column's default).
    enum class ChildSince { with_schema_7, added_later } since = ChildSince::with_schema_7;
};
using ChildSince = ChildTable::ChildSince;

struct KindTable {
    RecordKind kind;
    std::string_view prefix; ///< the audit object up to the id
    const char* table;
    std::vector<ChildTable> children;
};

const std::array<KindTable, 11>& kind_tables() {
    static const std::array<KindTable, 11> tables = {{
        {RecordKind::peer, "peer #", "peer", {{"peer_identity", "peer_id"}}},
        {RecordKind::session,
         "session ",
         "session",
         {{"session_attendee", "session_id"},
          {"session_goal", "session_id"},
          {"session_flag", "session_id"},
          {"session_review", "session_id"}}},
        {RecordKind::consent, "consent ", "consent", {}},
        {RecordKind::goal, "goal ", "goal", {}},
        {RecordKind::referral,
         "referral ",
         "referral",
         {{"referral_status_change", "referral_id", ChildSince::added_later}}},
        {RecordKind::assessment, "assessment ", "assessment", {}},
        {RecordKind::checkin, "checkin ", "checkin", {}},
        {RecordKind::supervision, "supervision ", "supervision", {}},
        {RecordKind::group, "group ", "peer_group", {}},
        {RecordKind::resource, "resource ", "resource", {}},
        {RecordKind::disclosure,
         "disclosure ",
         "disclosure",
         {{"disclosure_peer", "disclosure_id"}}},
    }};
    return tables;
}

const KindTable& table_of(RecordKind kind) {
    return kind_tables()[static_cast<std::size_t>(kind)];
}

// The kind's child tables the journal has: migration 7 seals records before a later schema's
// child table exists.
std::vector<ChildTable> children_of(SQLite::Database& db, const KindTable& kind) {
    std::vector<ChildTable> present;
    for (const ChildTable& child : kind.children) {
        if (child.since == ChildSince::with_schema_7 || db.tableExists(child.table)) {
            present.push_back(child);
        }
    }
    return present;
}

// One value as typed bytes: its storage class, then the value, so 5, 5.0, '5' and x'35' differ.
std::string encode(const SQLite::Column& value) {
    switch (value.getType()) {
    case SQLITE_INTEGER:
        return "i" + std::to_string(value.getInt64());
    case SQLITE_FLOAT:
        return fmt::format("r{}", value.getDouble()); // the shortest text that reads back exactly
    case SQLITE_TEXT:
        return "t" + value.getString();
    case SQLITE_BLOB:
        return "b" + std::string(static_cast<const char*>(value.getBlob()),
                                 static_cast<std::size_t>(value.getBytes()));
    default:
        return "n";
    }
}

// "LENGTH:TEXT" and `end`: no text can end a field early, so no two encodings coincide.
void append_prefixed(std::string& out, std::string_view text, char end) {
    out += std::to_string(text.size());
    out += ':';
    out += text;
    out += end;
}

struct Column {
    std::string name;
    int index = 0;               ///< its place in SELECT *
    std::string default_encoded; ///< encode() of its declared default (NULL when none)
};

// A table's columns by name (not by position: a rebuilt table may order them otherwise).
struct Layout {
    std::string table;
    std::vector<Column> columns;
    int parent_index = -1; ///< of a child table's parent column; of a kind's peer_id column

    // The row's columns that differ from their defaults, each as name and typed value.
    std::string encode_row(SQLite::Statement& row) const {
        std::string text;
        text.reserve(512);
        for (const Column& column : columns) {
            std::string value = encode(row.getColumn(column.index));
            if (value != column.default_encoded) {
                append_prefixed(text, column.name, '=');
                append_prefixed(text, value, ';');
            }
        }
        return text;
    }
};

// A table whose layout is wanted, and the column whose index Layout::parent_index holds.
struct LayoutWanted {
    std::string table;
    std::string_view parent;
};

// The layouts of `wanted`, in its order: each table's columns from its own PRAGMA table_info
// (one query over all of them through pragma_table_info cost twice as much to prepare), then
// every declared default, which are constant expressions, evaluated in one query.
std::vector<Layout> layouts_of(SQLite::Database& db, const std::vector<LayoutWanted>& wanted) {
    std::vector<Layout> layouts;
    std::vector<std::string> defaults;
    for (const LayoutWanted& table : wanted) {
        Layout layout{table.table, {}, -1};
        SQLite::Statement info(db, fmt::format("PRAGMA table_info({})", table.table));
        while (info.executeStep()) {
            Column column{info.getColumn(1).getString(), info.getColumn(0).getInt(), "n"};
            if (column.name == table.parent) {
                layout.parent_index = column.index;
            }
            defaults.push_back(info.getColumn(4).isNull() ? "NULL" : info.getColumn(4).getString());
            layout.columns.push_back(std::move(column));
        }
        layouts.push_back(std::move(layout));
    }
    SQLite::Statement evaluated(db, fmt::format("SELECT {}", fmt::join(defaults, ", ")));
    evaluated.executeStep();
    int next_default = 0;
    for (Layout& layout : layouts) {
        for (Column& column : layout.columns) {
            column.default_encoded = encode(evaluated.getColumn(next_default++));
        }
        std::sort(layout.columns.begin(), layout.columns.end(),
                  [](const Column& a, const Column& b) { return a.name < b.name; });
    }
    return layouts;
}

Layout layout_of(SQLite::Database& db, const std::string& table, std::string_view parent) {
    return std::move(layouts_of(db, {{table, parent}}).front());
}

// The digest input of a record: its table and row, then each child table and its rows (sorted,
// so their order in the file does not matter), all length-prefixed.
class StateBuilder {
  public:
    explicit StateBuilder(const Layout& layout, const std::string& row) {
        m_text = fmt::format("peerlog.record.v1;{}:{};{}:{};", layout.table.size(), layout.table,
                             row.size(), row);
    }
    void add_children(const ChildTable& child, std::vector<std::string> rows) {
        if (rows.empty() && child.since != ChildSince::with_schema_7) {
            return;
        }
        const std::string table = child.table;
        std::sort(rows.begin(), rows.end());
        m_text += fmt::format("{}:{}#{};", table.size(), table, rows.size());
        for (const std::string& row : rows) {
            m_text += fmt::format("{}:{};", row.size(), row);
        }
    }
    std::string digest() const { return sha256_hex(m_text); }

  private:
    std::string m_text;
};

std::optional<std::int64_t> parse_id(std::string_view text) {
    std::int64_t id = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || id < 0) {
        return std::nullopt;
    }
    return id;
}

// A child table being read alongside its parents, both in parent id order.
struct ChildCursor {
    ChildTable child;
    Layout layout;
    SQLite::Statement rows;
    bool has_row = false;

    ChildCursor(SQLite::Database& db, const ChildTable& child)
        : child(child), layout(layout_of(db, child.table, child.parent_column)),
          rows(db, fmt::format("SELECT * FROM {} ORDER BY {}", child.table, child.parent_column)) {
        has_row = rows.executeStep();
    }
    std::int64_t parent() { return rows.getColumn(layout.parent_index).getInt64(); }
};

} // namespace

std::span<const RecordKind> record_kinds() {
    static const auto kinds = [] {
        std::array<RecordKind, 11> all{};
        for (std::size_t i = 0; i < all.size(); ++i) {
            all[i] = kind_tables()[i].kind;
        }
        return all;
    }();
    return kinds;
}

std::optional<RecordRef> record_named(std::string_view object) {
    for (const KindTable& kind : kind_tables()) {
        if (object.starts_with(kind.prefix)) {
            if (auto id = parse_id(object.substr(kind.prefix.size()))) {
                return RecordRef{kind.kind, *id};
            }
        }
    }
    return std::nullopt;
}

std::string object_name(RecordRef record) {
    return fmt::format("{}{}", table_of(record.kind).prefix, record.id);
}

std::optional<std::string> record_state(SQLite::Database& db, RecordRef record) {
    const KindTable& kind = table_of(record.kind);
    SQLite::Statement row(db, fmt::format("SELECT * FROM {} WHERE id = ?", kind.table));
    row.bind(1, record.id);
    if (!row.executeStep()) {
        return std::nullopt;
    }
    const std::vector<ChildTable> children = children_of(db, kind);
    std::vector<LayoutWanted> wanted{{kind.table, ""}};
    for (const ChildTable& child : children) {
        wanted.push_back({child.table, child.parent_column});
    }
    const std::vector<Layout> layouts = layouts_of(db, wanted);
    StateBuilder state(layouts.front(), layouts.front().encode_row(row));
    for (std::size_t i = 0; i < children.size(); ++i) {
        const ChildTable& child = children[i];
        const Layout& child_layout = layouts[i + 1];
        SQLite::Statement rows(
            db, fmt::format("SELECT * FROM {} WHERE {} = ?", child.table, child.parent_column));
        rows.bind(1, record.id);
        std::vector<std::string> encoded;
        while (rows.executeStep()) {
            encoded.push_back(child_layout.encode_row(rows));
        }
        state.add_children(child, std::move(encoded));
    }
    return state.digest();
}

void for_each_record_state(SQLite::Database& db, RecordKind kind_wanted,
                           const std::function<void(const LiveRecord&)>& visit,
                           const std::function<void(std::string_view, std::int64_t)>& orphan) {
    const KindTable& kind = table_of(kind_wanted);
    Layout layout = layout_of(db, kind.table, kind_wanted == RecordKind::peer ? "id" : "peer_id");
    std::vector<std::unique_ptr<ChildCursor>> children;
    std::vector<ChildTable> present = children_of(db, kind);
    for (const ChildTable& child : present) {
        children.push_back(std::make_unique<ChildCursor>(db, child));
    }
    SQLite::Statement rows(db, fmt::format("SELECT * FROM {} ORDER BY id", kind.table));
    int id_index = 0;
    for (const Column& column : layout.columns) {
        id_index = column.name == "id" ? column.index : id_index;
    }
    auto drain_orphans_before = [&](ChildCursor& child, std::int64_t id) {
        while (child.has_row && child.parent() < id) {
            orphan(child.layout.table, child.parent());
            child.has_row = child.rows.executeStep();
        }
    };
    while (rows.executeStep()) {
        LiveRecord record;
        record.id = rows.getColumn(id_index).getInt64();
        if (layout.parent_index >= 0 && !rows.getColumn(layout.parent_index).isNull()) {
            record.subject_peer = rows.getColumn(layout.parent_index).getInt64();
        }
        StateBuilder state(layout, layout.encode_row(rows));
        for (auto& child : children) {
            drain_orphans_before(*child, record.id);
            std::vector<std::string> encoded;
            while (child->has_row && child->parent() == record.id) {
                encoded.push_back(child->layout.encode_row(child->rows));
                child->has_row = child->rows.executeStep();
            }
            state.add_children(child->child, std::move(encoded));
        }
        record.state = state.digest();
        visit(record);
    }
    for (auto& child : children) {
        drain_orphans_before(*child, INT64_MAX);
    }
}

} // namespace peerlog
