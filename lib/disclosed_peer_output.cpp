// A disclosed peer as each identified output writes it: JSON, CSV rows, document tables, sheets.
#include "disclosed_peer_output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace peerlog {
namespace {

std::vector<std::string> support_names(const SupportSet& support) {
    std::vector<std::string> names;
    for (auto kind : k_support_kinds) {
        if (support.has(kind)) {
            names.emplace_back(to_string(kind));
        }
    }
    return names;
}

Json session_json(const DisclosedSession& s) {
    Json json{{"id", s.id}};
    if (const auto& a = s.attendance) {
        json["date"] = format_date(a->date);
        json["start"] = a->start ? Json(format_time(*a->start)) : Json();
        json["minutes"] = a->minutes;
        json["modality"] = to_string(a->modality);
        json["setting"] = to_string(a->setting);
        json["group"] = a->group.empty() ? Json() : Json(a->group);
    }
    if (s.support) {
        json["support"] = support_names(*s.support);
    }
    if (s.note) {
        json["note"] = *s.note;
    }
    if (s.goals) {
        json["goals"] = *s.goals;
    }
    return json;
}

Json goal_json(const Goal& g) {
    return Json{{"id", g.id},
                {"domain", to_string(g.domain)},
                {"text", g.text},
                {"status", to_string(g.status)},
                {"opened_on", format_date(g.opened_on)},
                {"status_on", format_date(g.status_on)},
                {"target", date_json(g.target)}};
}

Json referral_json(const Referral& r) {
    return Json{{"id", r.id},
                {"date", format_date(r.date)},
                {"resource", r.resource},
                {"status", to_string(r.status)},
                {"status_on", format_date(r.status_on)}};
}

Json assessment_json(const Assessment& a) {
    return Json{{"id", a.id},
                {"date", format_date(a.date)},
                {"instrument", "barc10"},
                {"items", a.items},
                {"total", a.total()}};
}

template <class Record>
Json list_json(const std::vector<Record>& records, Json (*encode)(const Record&)) {
    Json list = Json::array();
    for (const auto& record : records) {
        list.push_back(encode(record));
    }
    return list;
}

std::string goal_text(const Goal& g) {
    return fmt::format("{}: {}", to_string(g.domain), g.text);
}

std::string goal_status(const Goal& g) {
    return fmt::format("{} since {}{}", to_string(g.status), format_date(g.status_on),
                       g.target ? "; target " + format_date(*g.target) : "");
}

std::string referral_status(const Referral& r) {
    return fmt::format("{} since {}", to_string(r.status), format_date(r.status_on));
}

std::string barc10_items(const Assessment& a) {
    return fmt::format("{}", fmt::join(a.items, " "));
}

std::string barc10_text(const Assessment& a) {
    return fmt::format("BARC-10 {} of {}: {}", a.total(), k_barc10_items * k_barc10_max_score,
                       barc10_items(a));
}

// The row of a goal, a referral or an assessment: its kind, id, date, detail and status.
DisclosedRow record_row(std::string record, std::int64_t id, Date date, std::string detail,
                        std::string status) {
    DisclosedRow row;
    row.record = std::move(record);
    row.id = std::to_string(id);
    row.date = format_date(date);
    row.detail = std::move(detail);
    row.status = std::move(status);
    return row;
}

DisclosedRow session_row(const DisclosedSession& s) {
    DisclosedRow row;
    row.record = "session";
    row.id = std::to_string(s.id);
    if (const auto& a = s.attendance) {
        row.date = format_date(a->date);
        row.start = a->start ? format_time(*a->start) : "";
        row.minutes = std::to_string(a->minutes);
        row.modality = to_string(a->modality);
        row.setting = to_string(a->setting);
        row.group = a->group;
    }
    if (s.support) {
        row.support = s.support->to_string(";");
    }
    if (s.note) {
        row.note = *s.note;
    }
    return row;
}

// The columns of the sessions table: those of the categories allowed, in reading order.
DocTable sessions_table(const DisclosedPeer& peer) {
    const ShareSet& share = peer.share;
    bool attendance = share.has(ShareCategory::attendance);
    bool any_group = false;
    for (const auto& s : *peer.sessions) {
        any_group = any_group || (s.attendance && !s.attendance->group.empty());
    }
    DocTable table{{{"Session", "session", Align::right}}, {}, {}};
    if (attendance) {
        table.columns.insert(table.columns.end(), {{"Date", "date"},
                                                   {"Start", "start"},
                                                   {"Minutes", "minutes", Align::right},
                                                   {"Modality", "modality"},
                                                   {"Setting", "setting"}});
        if (any_group) {
            table.columns.push_back({"Group", "group"});
        }
    }
    if (share.has(ShareCategory::support)) {
        table.columns.push_back({"Support", "support"});
    }
    if (share.has(ShareCategory::notes)) {
        table.columns.push_back({"Note", "note"});
    }
    for (const auto& s : *peer.sessions) {
        DisclosedRow cells = session_row(s);
        std::vector<std::string> row{cells.id};
        if (attendance) {
            row.insert(row.end(),
                       {cells.date, cells.start, cells.minutes, cells.modality, cells.setting});
            if (any_group) {
                row.push_back(cells.group);
            }
        }
        if (share.has(ShareCategory::support)) {
            row.push_back(s.support ? s.support->to_string(",") : "");
        }
        if (share.has(ShareCategory::notes)) {
            row.push_back(s.note.value_or("(group session: not disclosed)"));
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

} // namespace

Json disclosed_peer_json(const DisclosedPeer& peer) {
    Json json{{"code", peer.code},
              {"name", peer.name},
              {"share", peer.share.names()},
              {"consents", peer.consent_ids}};
    if (peer.contact) {
        json["contact"] = *peer.contact;
    }
    if (peer.sessions) {
        json["sessions"] = list_json(*peer.sessions, &session_json);
    }
    if (peer.goals) {
        json["goals"] = list_json(*peer.goals, &goal_json);
    }
    if (peer.referrals) {
        json["referrals"] = list_json(*peer.referrals, &referral_json);
    }
    if (peer.assessments) {
        json["assessments"] = list_json(*peer.assessments, &assessment_json);
    }
    return json;
}

std::vector<DisclosedRow> disclosed_rows(const DisclosedPeer& peer) {
    std::vector<DisclosedRow> rows;
    DisclosedRow first;
    first.record = "peer";
    first.detail = peer.share.to_string(";");
    rows.push_back(first);
    for (const auto& s : peer.sessions.value_or(std::vector<DisclosedSession>{})) {
        rows.push_back(session_row(s));
    }
    for (const auto& g : peer.goals.value_or(std::vector<Goal>{})) {
        rows.push_back(record_row("goal", g.id, g.opened_on, goal_text(g), goal_status(g)));
    }
    for (const auto& r : peer.referrals.value_or(std::vector<Referral>{})) {
        rows.push_back(record_row("referral", r.id, r.date, r.resource, referral_status(r)));
    }
    for (const auto& a : peer.assessments.value_or(std::vector<Assessment>{})) {
        rows.push_back(record_row("assessment", a.id, a.date, barc10_text(a), ""));
    }
    return rows;
}

SheetTable identified_records_table(const IdentifiedExport& disclosed) {
    SheetTable table{{{"code"},
                      {"name"},
                      {"contact"},
                      {"record"},
                      {"id", CellType::number},
                      {"date", CellType::date},
                      {"start"},
                      {"minutes", CellType::number},
                      {"modality"},
                      {"setting"},
                      {"group"},
                      {"support"},
                      {"note"},
                      {"detail"},
                      {"status"}},
                     {}};
    for (const auto& peer : disclosed.peers) {
        std::string contact = peer.contact.value_or("");
        for (auto& r : disclosed_rows(peer)) {
            table.rows.push_back({peer.code, peer.name, contact, std::move(r.record),
                                  std::move(r.id), std::move(r.date), std::move(r.start),
                                  std::move(r.minutes), std::move(r.modality), std::move(r.setting),
                                  std::move(r.group), std::move(r.support), std::move(r.note),
                                  std::move(r.detail), std::move(r.status)});
        }
    }
    return table;
}

std::vector<Sheet> identified_sheets(const IdentifiedExport& disclosed, std::vector<Sheet> middle) {
    const IdentifiedExport& d = disclosed;
    // All text: a recipient or purpose that reads as a number ("2027") stays as typed.
    SheetTable about{
        {{"Item"}, {"Value"}},
        {{"Redisclosure notice", d.request.notice},
         {"Specialist", d.request.specialist},
         {"Recipient", d.request.recipient},
         {"Purpose", d.purpose},
         {"From", format_date(d.period.from)},
         {"To", format_date(d.period.to)},
         {"Disclosure", std::to_string(d.disclosure_id)},
         {"Peers with a valid consent", std::to_string(d.peers.size())},
         {"Audit chain head (the disclosure's own event follows it)", describe(d.audit_head)}}};
    std::vector<Sheet> sheets{{"Disclosure", {std::move(about)}}};
    std::move(middle.begin(), middle.end(), std::back_inserter(sheets));
    sheets.push_back({"Identified records", {identified_records_table(d)}});
    return sheets;
}

std::vector<DocSection> disclosed_sections(const DisclosedPeer& peer, const Period& period) {
    DocSection first{fmt::format("Peer {}", peer.code), {}, {}, {}, {}};
    DocTable identity{{{"Name", "name"}}, {{peer.name.empty() ? "(none)" : peer.name}}, {}};
    if (peer.contact) {
        identity.columns.push_back({"Contact", "contact"});
        identity.rows[0].push_back(peer.contact->empty() ? "(none)" : *peer.contact);
    }
    identity.columns.push_back({"Shared", "share"});
    identity.rows[0].push_back(peer.share.to_string(", "));
    first.tables.push_back(identity);
    if (peer.sessions) {
        first.tables.push_back(sessions_table(peer));
    }
    std::vector<DocSection> sections{first};
    // A section per kind of record allowed: its table, or a sentence when there is none.
    std::string by = format_date(period.to);
    auto add = [&](std::string_view kind, DocTable table, std::string_view none) {
        DocSection section{fmt::format("Peer {}: {}", peer.code, kind), {}, {}, {}, {}};
        if (table.rows.empty()) {
            section.notes.push_back(fmt::format("No {} by {}.", none, by));
        } else {
            section.tables.push_back(std::move(table));
        }
        sections.push_back(std::move(section));
    };
    if (peer.goals) {
        DocTable goals{{{"Goal", "goal", Align::right},
                        {"Opened", "opened_on"},
                        {"Domain", "domain"},
                        {"Text", "text"},
                        {"Status", "status"}},
                       {},
                       {}};
        for (const auto& g : *peer.goals) {
            goals.rows.push_back({std::to_string(g.id), format_date(g.opened_on),
                                  std::string(to_string(g.domain)), g.text, goal_status(g)});
        }
        add("goals", goals, "goal opened");
    }
    if (peer.referrals) {
        DocTable referrals{{{"Referral", "referral", Align::right},
                            {"Date", "date"},
                            {"Resource", "resource"},
                            {"Status", "status"}},
                           {},
                           {}};
        for (const auto& r : *peer.referrals) {
            referrals.rows.push_back(
                {std::to_string(r.id), format_date(r.date), r.resource, referral_status(r)});
        }
        add("referrals", referrals, "referral made");
    }
    if (peer.assessments) {
        DocTable barc10{{{"Assessment", "assessment", Align::right},
                         {"Date", "date"},
                         {"Items", "items"},
                         {"Total", "total", Align::right}},
                        {},
                        {}};
        for (const auto& a : *peer.assessments) {
            barc10.rows.push_back({std::to_string(a.id), format_date(a.date), barc10_items(a),
                                   std::to_string(a.total())});
        }
        add("BARC-10 assessments", barc10, "BARC-10 assessment taken");
    }
    return sections;
}

} // namespace peerlog
