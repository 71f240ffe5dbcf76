// JSON encodings shared by every renderer.
#include "json_codec.hpp"

namespace peerlog {

Json date_json(std::optional<Date> date) {
    return date ? Json(format_date(*date)) : Json();
}

Json period_json(const Period& period) {
    return Json{{"week", period.week ? Json(format_week(*period.week)) : Json()},
                {"from", format_date(period.from)},
                {"to", format_date(period.to)}};
}

Json session_json(const Session& session, bool include_private_text) {
    std::vector<std::string> support;
    for (auto kind : k_support_kinds) {
        if (session.support.has(kind)) {
            support.emplace_back(to_string(kind));
        }
    }
    Json json{{"id", session.id},
              {"date", format_date(session.date)},
              {"start", session.start ? Json(format_time(*session.start)) : Json()},
              {"minutes", session.minutes},
              {"peer", session.is_group() ? Json() : Json(session.peer_code)},
              {"group", session.is_group() ? Json(session.group) : Json()},
              {"attendees", session.attendees},
              {"unnamed", session.unnamed},
              {"support", support},
              {"modality", to_string(session.modality)},
              {"setting", to_string(session.setting)},
              {"self_disclosure", !session.disclosure.empty()},
              {"follow_up", date_json(session.follow_up)}};
    json["goals"] = session.goals;
    json["reviewed"] = session.reviewed;
    if (include_private_text) {
        json["disclosure_purpose"] = session.disclosure;
        json["note"] = session.note;
    }
    return json;
}

Json session_row_json(const SessionRow& row) {
    Session session;
    session.id = row.id;
    session.date = row.date;
    session.start = row.start;
    session.minutes = row.minutes;
    session.peer_code = row.peer_code;
    session.support = row.support;
    session.modality = row.modality;
    session.setting = row.setting;
    session.disclosure = row.self_disclosure ? "yes" : "";
    session.follow_up = row.follow_up;
    session.group = row.group;
    session.attendees = row.attendees;
    session.unnamed = row.unnamed;
    Json json = session_json(session, false);
    json.erase("goals"); // the export's rows carry neither: they stay in the journal
    json.erase("reviewed");
    return json;
}

Json totals_json(const SummaryTotals& totals) {
    Json by_support = Json::object(), by_modality = Json::object();
    for (auto kind : k_support_kinds) {
        const auto& slice = totals.by_support[static_cast<std::size_t>(kind)];
        by_support[std::string(to_string(kind))] = {{"sessions", slice.sessions},
                                                    {"minutes", slice.minutes}};
    }
    for (auto modality : k_modalities) {
        const auto& slice = totals.by_modality[static_cast<std::size_t>(modality)];
        by_modality[std::string(to_string(modality))] = {{"sessions", slice.sessions},
                                                         {"minutes", slice.minutes}};
    }
    return Json{{"sessions", totals.sessions},
                {"minutes", totals.minutes},
                {"distinct_peers", totals.distinct_peers},
                {"new_peers", totals.new_peers},
                {"follow_ups_due", totals.follow_ups_due},
                {"by_support", by_support},
                {"by_modality", by_modality}};
}

Json follow_ups_json(const std::vector<FollowUp>& follow_ups) {
    Json list = Json::array();
    for (const auto& follow_up : follow_ups) {
        list.push_back({{"peer", follow_up.peer_code},
                        {"due", format_date(follow_up.due)},
                        {"session", follow_up.session_id}});
    }
    return list;
}

void write_json(std::ostream& out, const Json& json, bool one_line) {
    out << json.dump(one_line ? -1 : 2, ' ', false, Json::error_handler_t::replace) << '\n';
}

} // namespace peerlog
