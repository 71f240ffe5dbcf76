// BARC-10 parsing, validation and storage.
#include "peerlog/assessment.hpp"

#include "audit_log.hpp"
#include "journal_db.hpp"
#include "peerlog/error.hpp"
#include "record_ids.hpp"
#include "record_rows.hpp"
#include "row_codec.hpp"
#include "text_util.hpp"

#include <SQLiteCpp/Statement.h>
#include <charconv>
#include <fmt/format.h>
#include <numeric>

namespace peerlog {

const std::array<std::string_view, k_barc10_items>& barc10_item_wording() {
    static const std::array<std::string_view, k_barc10_items> wording = {
        "There are more important things to me in life than using substances.",
        "In general I am happy with my life.",
        "I have enough energy to complete the tasks I set myself.",
        "I am proud of the community I live in and feel part of it.",
        "I get lots of support from friends.",
        "I regard my life as challenging and fulfilling without the need for using drugs or "
        "alcohol.",
        "My living space has helped to drive my recovery journey.",
        "I take full responsibility for my actions.",
        "I am happy dealing with a range of professional people.",
        "I am making good progress on my recovery journey.",
    };
    return wording;
}

int parse_barc10_item(std::string_view text, std::size_t item_number) {
    std::string_view word = trim(text);
    int value = 0;
    auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (word.empty() || error != std::errc() || end != word.data() + word.size() ||
        value < k_barc10_min_score || value > k_barc10_max_score) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("BARC-10 item {} is '{}': each item is scored {} (strongly "
                                "disagree) to {} (strongly agree).",
                                item_number, word, k_barc10_min_score, k_barc10_max_score));
    }
    return value;
}

Barc10Items parse_barc10(std::string_view text) {
    auto parts = split(text, ',');
    if (parts.size() != k_barc10_items) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("--barc10 needs exactly {} item scores separated by commas, one "
                                "per item in order (e.g. 4,5,3,4,5,4,3,6,5,4); got {}.",
                                k_barc10_items, parts.size()));
    }
    Barc10Items items{};
    for (std::size_t i = 0; i < k_barc10_items; ++i) {
        items[i] = parse_barc10_item(parts[i], i + 1);
    }
    return items;
}

int Assessment::total() const {
    return std::accumulate(items.begin(), items.end(), 0);
}

void validate(const Assessment& assessment, Date today) {
    for (std::size_t i = 0; i < k_barc10_items; ++i) {
        validate_range(assessment.items[i], k_barc10_min_score, k_barc10_max_score,
                       fmt::format("BARC-10 item {}", i + 1));
    }
    validate_not_future(assessment.date, today, "assessment date");
}

void check_peer_can_be_assessed(Journal& journal, const std::string& peer_code) {
    read_transaction(journal, [&](SQLite::Database& db) { open_peer_id_by_code(db, peer_code); });
}

std::int64_t add_assessment(Journal& journal, const Assessment& assessment, Date today) {
    validate(assessment, today);
    std::int64_t id = 0;
    write_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement insert(
            db, fmt::format("INSERT INTO assessment (id, peer_id, date, item_1, item_2, item_3, "
                            "item_4, item_5, item_6, item_7, item_8, item_9, item_10, created_at) "
                            "VALUES ({}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            next_id_sql(NumberedTable::assessment)));
        std::int64_t peer_id = open_peer_id_by_code(db, assessment.peer_code);
        insert.bind(1, peer_id);
        bind_date(insert, 2, assessment.date);
        for (std::size_t i = 0; i < k_barc10_items; ++i) {
            insert.bind(static_cast<int>(3 + i), assessment.items[i]);
        }
        insert.bind(13, utc_timestamp());
        insert.exec();
        id = db.getLastInsertRowid();
        // The scores stay in their table: the event records that an assessment was taken.
        append_audit(db, "assessment.add", fmt::format("assessment {}", id),
                     fmt::format("peer #{}, BARC-10 on {}", peer_id, format_date(assessment.date)));
    });
    return id;
}

std::vector<Assessment> list_assessments(Journal& journal, const std::string& peer_code) {
    std::vector<Assessment> assessments;
    read_transaction(journal, [&](SQLite::Database& db) {
        SQLite::Statement query(
            db, "SELECT a.id, p.code, a.date, a.item_1, a.item_2, a.item_3, a.item_4, a.item_5, "
                "a.item_6, a.item_7, a.item_8, a.item_9, a.item_10 FROM assessment a JOIN peer p "
                "ON p.id = a.peer_id WHERE a.peer_id = ? ORDER BY a.date, a.id");
        query.bind(1, peer_id_by_code(db, peer_code));
        while (query.executeStep()) {
            Assessment assessment;
            assessment.id = query.getColumn(0).getInt64();
            assessment.peer_code = query.getColumn(1).getString();
            assessment.date = stored_date(query.getColumn(2));
            for (std::size_t i = 0; i < k_barc10_items; ++i) {
                assessment.items[i] = query.getColumn(static_cast<int>(3 + i)).getInt();
            }
            assessments.push_back(assessment);
        }
    });
    return assessments;
}

} // namespace peerlog
