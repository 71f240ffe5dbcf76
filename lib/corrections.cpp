// Corrections of a peer's records: goals, referrals, BARC-10 assessments and consents.
#include "peerlog/corrections.hpp"

#include "audit_log.hpp"
#include "correction_rows.hpp"
#include "journal_db.hpp"
#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"
#include "record_rows.hpp"
#include "row_codec.hpp"
#include "sensitive_text.hpp"
#include "text_util.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace peerlog {
namespace {

template <typename T> void apply(const std::optional<T>& change, T& field) {
    if (change) {
        field = *change;
    }
}

Error unknown(std::string_view kind, std::int64_t id, std::string_view list_command) {
    return Error(
        ErrorKind::not_found,
        fmt::format("no {} with id {}. See the ids with `peerlog {}`.", kind, id, list_command));
}

// ---- goals ----

// A goal as stored, its text left out (it may be sealed; an edit rewrites it only when given).
Goal stored_goal(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement query(db, "SELECT p.code, g.domain, g.status, g.target, g.opened_on, "
                                "g.status_on FROM goal g JOIN peer p ON p.id = g.peer_id WHERE "
                                "g.id = ?");
    query.bind(1, id);
    if (!query.executeStep()) {
        throw unknown("goal", id, "goal list");
    }
    Goal goal;
    goal.id = id;
    goal.peer_code = query.getColumn(0).getString();
    goal.domain = parse_goal_domain(query.getColumn(1).getString());
    goal.status = parse_goal_status(query.getColumn(2).getString());
    goal.target = stored_optional_date(query.getColumn(3));
    goal.opened_on = stored_date(query.getColumn(4));
    goal.status_on = stored_date(query.getColumn(5));
    return goal;
}

void check_goal(const Goal& goal, const Goal& stored, Date today) {
    Goal checked = goal;
    checked.text.assign(1, 'x'); // the text is checked apart, only when the edit gives one
    validate(checked, today);
    // A goal whose status changed was open before that day.
    if (stored.status_on != stored.opened_on && goal.opened_on > stored.status_on) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("goal {}'s --date {} is after its status changed ({}): give the "
                                "day it was set, on or before that.",
                                goal.id, format_date(goal.opened_on),
                                format_date(stored.status_on)));
    }
}

// ---- referrals ----

Referral stored_referral(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement query(db, "SELECT p.code, r.name, f.date, f.status, f.status_on FROM "
                                "referral f JOIN peer p ON p.id = f.peer_id JOIN resource r ON "
                                "r.id = f.resource_id WHERE f.id = ?");
    query.bind(1, id);
    if (!query.executeStep()) {
        throw unknown("referral", id, "referral list");
    }
    return Referral{id,
                    query.getColumn(0).getString(),
                    query.getColumn(1).getString(),
                    stored_date(query.getColumn(2)),
                    parse_referral_status(query.getColumn(3).getString()),
                    stored_date(query.getColumn(4))};
}

// The earliest status change of referral `id` (none when it never changed): its making cannot
// move after it.
std::optional<Date> first_status_change(SQLite::Database& db, const Referral& referral) {
    SQLite::Statement query(db, "SELECT min(changed_on) FROM referral_status_change WHERE "
                                "referral_id = ?");
    query.bind(1, referral.id);
    query.executeStep();
    if (!query.getColumn(0).isNull()) {
        return stored_date(query.getColumn(0));
    }
    if (referral.status != ReferralStatus::made) {
        return referral.status_on;
    }
    return std::nullopt;
}

std::int64_t resource_named(SQLite::Database& db, const std::string& name) {
    SQLite::Statement query(db, "SELECT id FROM resource WHERE name = ?");
    query.bind(1, name);
    if (!query.executeStep()) {
        throw Error(
            ErrorKind::not_found,
            fmt::format("no resource named '{}'. See them with `peerlog resource list`.", name));
    }
    return query.getColumn(0).getInt64();
}

// ---- assessments ----

Assessment stored_assessment(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement query(db, "SELECT p.code, a.date, a.item_1, a.item_2, a.item_3, a.item_4, "
                                "a.item_5, a.item_6, a.item_7, a.item_8, a.item_9, a.item_10 FROM "
                                "assessment a JOIN peer p ON p.id = a.peer_id WHERE a.id = ?");
    query.bind(1, id);
    if (!query.executeStep()) {
        throw Error(ErrorKind::not_found,
                    fmt::format("no assessment with id {}. See the ids with `peerlog assess list "
                                "CODE`.",
                                id));
    }
    Assessment assessment;
    assessment.id = id;
    assessment.peer_code = query.getColumn(0).getString();
    assessment.date = stored_date(query.getColumn(1));
    for (std::size_t i = 0; i < k_barc10_items; ++i) {
        assessment.items[i] = query.getColumn(static_cast<int>(2 + i)).getInt();
    }
    return assessment;
}

// ---- consents ----

// Deletes consent `id` of peer `peer_id` and keeps `reason` in consent_removal, sealed as the
// consent's own text is in an encrypted journal; only a plain journal's event quotes it
// (`peerlog encrypt` seals such summaries, as it does a consent.add's).
void delete_consent(Journal& journal, SQLite::Database& db, std::int64_t id, std::int64_t peer_id,
                    const std::string& reason) {
    SQLite::Statement keep(db, "INSERT INTO consent_removal (consent_id, peer_id, removed_at, "
                               "reason) VALUES (?, ?, ?, ?)");
    keep.bind(1, id);
    keep.bind(2, peer_id);
    keep.bind(3, utc_timestamp());
    bind_sensitive(journal, keep, 4, {"consent_removal", "reason", id}, reason);
    keep.exec();
    delete_audited(db, "consent", id, "consent.remove", fmt::format("consent {}", id),
                   encrypted(journal)
                       ? "deleted, recorded by mistake; the reason is sealed in the journal"
                       : fmt::format("deleted, recorded by mistake: {}", reason));
}

} // namespace

Goal edit_goal(Journal& journal, std::int64_t id, const GoalEdit& edit, Date today) {
    if (edit.text) {
        Goal text_only;
        text_only.text = *edit.text;
        text_only.opened_on = today;
        validate(text_only, today);
        unlock_to_seal(journal, *edit.text);
    }
    Goal goal;
    write_transaction(journal, [&](SQLite::Database& db) {
        Goal stored = stored_goal(db, id);
        goal = stored;
        apply(edit.domain, goal.domain);
        apply(edit.target, goal.target);
        apply(edit.opened_on, goal.opened_on);
        check_goal(goal, stored, today);
        // A goal never changed keeps its status day on its opening day.
        if (stored.status_on == stored.opened_on) {
            goal.status_on = goal.opened_on;
        }
        SQLite::Statement update(db, "UPDATE goal SET domain = ?, target = ?, opened_on = ?, "
                                     "status_on = ?, updated_at = ? WHERE id = ?");
        update.bind(1, std::string(to_string(goal.domain)));
        bind_date(update, 2, goal.target);
        bind_date(update, 3, goal.opened_on);
        bind_date(update, 4, goal.status_on);
        update.bind(5, utc_timestamp());
        update.bind(6, id);
        update.exec();
        if (edit.text) {
            store_sensitive(journal, db, {"goal", "text", id}, *edit.text);
        }
        ChangedFields changed;
        changed.note(edit.domain, "domain");
        changed.note(edit.text, "text");
        changed.note(edit.target, "target");
        changed.note(edit.opened_on, "date");
        append_audit(db, "goal.edit", fmt::format("goal {}", id), changed.summary());
    });
    return goal;
}

std::string remove_goal(Journal& journal, std::int64_t id, Removal mode) {
    return run_removal(
        journal, mode,
        [&](SQLite::Database& db) {
            Goal goal = stored_goal(db, id);
            std::string what = fmt::format("goal {} of {} ({}, {})", id, goal.peer_code,
                                           to_string(goal.domain), to_string(goal.status));
            refuse_while_used(
                what, "session",
                ids_selected(db, "SELECT session_id FROM session_goal WHERE goal_id = ? ORDER BY 1",
                             id),
                "Take the goal off them first (`peerlog session edit ID --goal none`), or set "
                "it dropped (`peerlog goal set ID --status dropped`).");
            return what;
        },
        [&](SQLite::Database& db) {
            delete_audited(db, "goal", id, "goal.remove", fmt::format("goal {}", id), "deleted");
        });
}

Referral edit_referral(Journal& journal, std::int64_t id, const ReferralEdit& edit, Date today) {
    if (edit.date) {
        validate_not_future(*edit.date, today, "referral date");
    }
    Referral referral;
    write_transaction(journal, [&](SQLite::Database& db) {
        referral = stored_referral(db, id);
        apply(edit.resource, referral.resource);
        apply(edit.date, referral.date);
        auto first_change = first_status_change(db, referral);
        if (first_change && referral.date > *first_change) {
            throw Error(ErrorKind::invalid_data,
                        fmt::format("referral {}'s --date {} is after its first status change "
                                    "({}): a referral is made before it changes.",
                                    id, format_date(referral.date), format_date(*first_change)));
        }
        std::int64_t resource_id = resource_named(db, referral.resource);
        // status_on of a referral never changed is its making day.
        if (!first_change) {
            referral.status_on = referral.date;
        }
        SQLite::Statement update(db, "UPDATE referral SET resource_id = ?, date = ?, status_on = "
                                     "?, updated_at = ? WHERE id = ?");
        update.bind(1, resource_id);
        bind_date(update, 2, referral.date);
        bind_date(update, 3, referral.status_on);
        update.bind(4, utc_timestamp());
        update.bind(5, id);
        update.exec();
        ChangedFields changed;
        changed.note(edit.resource, "resource");
        changed.note(edit.date, "date");
        append_audit(db, "referral.edit", fmt::format("referral {}", id), changed.summary());
    });
    return referral;
}

std::string remove_referral(Journal& journal, std::int64_t id, Removal mode) {
    return run_removal(
        journal, mode,
        [&](SQLite::Database& db) {
            Referral referral = stored_referral(db, id);
            return fmt::format("referral {} of {} to {} on {} ({})", id, referral.peer_code,
                               referral.resource, format_date(referral.date),
                               to_string(referral.status));
        },
        [&](SQLite::Database& db) {
            delete_audited(db, "referral", id, "referral.remove", fmt::format("referral {}", id),
                           "deleted");
        });
}

Assessment edit_assessment(Journal& journal, std::int64_t id, const AssessmentEdit& edit,
                           Date today) {
    Assessment assessment;
    write_transaction(journal, [&](SQLite::Database& db) {
        assessment = stored_assessment(db, id);
        apply(edit.date, assessment.date);
        apply(edit.items, assessment.items);
        validate(assessment, today);
        SQLite::Statement update(db, "UPDATE assessment SET date = ?, item_1 = ?, item_2 = ?, "
                                     "item_3 = ?, item_4 = ?, item_5 = ?, item_6 = ?, item_7 = ?, "
                                     "item_8 = ?, item_9 = ?, item_10 = ? WHERE id = ?");
        bind_date(update, 1, assessment.date);
        for (std::size_t i = 0; i < k_barc10_items; ++i) {
            update.bind(static_cast<int>(2 + i), assessment.items[i]);
        }
        update.bind(12, id);
        update.exec();
        ChangedFields changed;
        changed.note(edit.date, "date");
        changed.note(edit.items, "scores");
        append_audit(db, "assessment.edit", fmt::format("assessment {}", id), changed.summary());
    });
    return assessment;
}

std::string remove_assessment(Journal& journal, std::int64_t id, Removal mode) {
    return run_removal(
        journal, mode,
        [&](SQLite::Database& db) {
            Assessment assessment = stored_assessment(db, id);
            return fmt::format("BARC-10 {} of {} on {} (total {})", id, assessment.peer_code,
                               format_date(assessment.date), assessment.total());
        },
        [&](SQLite::Database& db) {
            delete_audited(db, "assessment", id, "assessment.remove",
                           fmt::format("assessment {}", id), "deleted");
        });
}

std::string remove_consent(Journal& journal, std::int64_t id, const std::string& reason,
                           Removal mode) {
    if (trim(reason).empty() || reason.size() > 500) {
        throw Error(ErrorKind::invalid_data,
                    "consent rm needs --reason: why the consent was recorded by mistake (1 to "
                    "500 characters). A consent the peer withdrew is revoked: `peerlog consent "
                    "revoke ID`.");
    }
    if (mode == Removal::apply) {
        unlock_to_seal(journal, reason); // before the write lock
    }
    std::int64_t peer_id = 0;
    return run_removal(
        journal, mode,
        [&](SQLite::Database& db) {
            SQLite::Statement query(db, "SELECT p.code, c.signed_on, p.id FROM consent c JOIN "
                                        "peer p ON p.id = c.peer_id WHERE c.id = ?");
            query.bind(1, id);
            if (!query.executeStep()) {
                throw unknown("consent", id, "consent list");
            }
            peer_id = query.getColumn(2).getInt64();
            return fmt::format("consent {} of {} signed on {}", id, query.getColumn(0).getString(),
                               format_date(stored_date(query.getColumn(1))));
        },
        [&](SQLite::Database& db) { delete_consent(journal, db, id, peer_id, reason); });
}

} // namespace peerlog
