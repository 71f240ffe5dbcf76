// JSON encodings shared by every renderer.
#include "json_codec.hpp"

#include <random>
#include <sstream>
#include <stdexcept>

#include "peerlog/safe_text.hpp"
#include "peerlog/suppression.hpp"

#include <fmt/format.h>

namespace peerlog {

Json date_json(std::optional<Date> date) {
    return date ? Json(format_date(*date)) : Json();
}

Json period_json(const Period& period) {
    return Json{{"week", period.week ? Json(format_week(*period.week)) : Json()},
                {"from", format_date(period.from)},
                {"to", format_date(period.to)}};
}

namespace {

// The boundary-relevant facts a session recorded; the dual relationship is private text.
Json facts_json(const BoundaryFacts& facts) {
    Json gift;
    if (facts.gift) {
        gift = Json{{"direction", to_string(facts.gift->direction)}, {"value", facts.gift->value}};
    }
    return Json{{"gift", gift},
                {"money", facts.money},
                {"transport", facts.transport},
                {"social_media", facts.social_media},
                {"dual_relationship", facts.dual_relationship}};
}

} // namespace

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
              {"self_disclosure", session.disclosed || !session.disclosure.empty()},
              {"follow_up", date_json(session.follow_up)}};
    Json flags = Json::array();
    for (const auto& flag : session.flags) {
        flags.push_back(to_string(flag.rule));
    }
    json["flags"] = flags;
    json["goals"] = session.goals;
    json["reviewed"] = session.reviewed;
    if (include_private_text) {
        json["disclosure_purpose"] = session.disclosure;
        json["note"] = session.note;
        json["facts"] = facts_json(session.facts);
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
    session.disclosed = row.self_disclosure;
    session.follow_up = row.follow_up;
    session.group = row.group;
    session.attendees = row.attendees;
    session.unnamed = row.unnamed;
    Json json = session_json(session, false);
    // The export's rows keep their documented, de-identified fields: flags, goals and reviews
    // stay in the journal.
    json.erase("flags");
    json.erase("goals");
    json.erase("reviewed");
    return json;
}

Json count_json(const PeriodSummary& summary, std::string_view path, long long value) {
    return is_suppressed(summary, path) ? Json(shown_count(summary, path, value)) : Json(value);
}

namespace {

template <class Kinds>
Json slices_json(const PeriodSummary& s, std::string_view group, const Kinds& kinds,
                 const std::array<SliceTotal, 4>& slices) {
    Json json = Json::object();
    for (auto kind : kinds) {
        const auto& slice = slices[static_cast<std::size_t>(kind)];
        std::string prefix = fmt::format("totals.{}.{}", group, to_string(kind));
        json[std::string(to_string(kind))] = {
            {"sessions", count_json(s, prefix + ".sessions", slice.sessions)},
            {"minutes", count_json(s, prefix + ".minutes", slice.minutes)}};
    }
    return json;
}

} // namespace

Json totals_json(const PeriodSummary& s) {
    const SummaryTotals& t = s.totals;
    return Json{{"sessions", count_json(s, "totals.sessions", t.sessions)},
                {"minutes", count_json(s, "totals.minutes", t.minutes)},
                {"distinct_peers", count_json(s, "totals.distinct_peers", t.distinct_peers)},
                {"new_peers", count_json(s, "totals.new_peers", t.new_peers)},
                {"follow_ups_due", count_json(s, "totals.follow_ups_due", t.follow_ups_due)},
                {"by_support", slices_json(s, "by_support", k_support_kinds, t.by_support)},
                {"by_modality", slices_json(s, "by_modality", k_modalities, t.by_modality)}};
}

Json follow_up_json(const FollowUp& follow_up) {
    return Json{{"peer", follow_up.peer_code},
                {"due", format_date(follow_up.due)},
                {"session", follow_up.session_id}};
}

Json follow_ups_json(const std::vector<FollowUp>& follow_ups) {
    Json list = Json::array();
    for (const auto& follow_up : follow_ups) {
        list.push_back(follow_up_json(follow_up));
    }
    return list;
}

Json audit_head_json(const AuditHead& head) {
    return Json{{"id", head.id}, {"hash", head.hash}};
}

std::string dump_json(const Json& json, int indent) {
    return json_safe(json.dump(indent, ' ', false, Json::error_handler_t::replace));
}

std::string indented_json(const Json& json, std::string_view indent) {
    std::istringstream lines(dump_json(json, 2));
    std::string line, text;
    while (std::getline(lines, line)) {
        text += (text.empty() ? "" : "\n") + std::string(indent) + line;
    }
    return text;
}

void write_json(std::ostream& out, const Json& json, bool one_line) {
    out << dump_json(json, one_line ? -1 : 2) << '\n';
}

std::string json_stream_marker(int n) {
    // Random per run: no text a journal holds can be taken for it.
    static const std::string run = [] {
        std::random_device random;
        return fmt::format("{:08x}{:08x}", random(), random());
    }();
    return fmt::format("\x01peerlog-stream-{}-{}\x01", n, run);
}

void write_json_streamed(std::ostream& out, const Json& json,
                         const std::vector<JsonStream>& streams) {
    const std::string written = dump_json(json, 2);
    std::string_view rest = written;
    for (const JsonStream& stream : streams) {
        const std::string quoted = dump_json(Json(stream.marker), -1);
        std::size_t at = rest.find(quoted);
        if (at == std::string_view::npos) {
            throw std::logic_error("a streamed JSON array has no marker in its document");
        }
        std::size_t line_start = rest.rfind('\n', at);
        std::size_t indent_end = rest.find_first_not_of(' ', line_start + 1);
        std::string indent(indent_end - line_start - 1, ' ');
        out << rest.substr(0, at) << '[';
        long long count = 0;
        stream.items([&](const Json& item) {
            out << (count++ == 0 ? "\n" : ",\n") << indented_json(item, indent + "  ");
        });
        out << (count == 0 ? "]" : "\n" + indent + "]");
        rest.remove_prefix(at + quoted.size());
    }
    out << rest << '\n';
}

} // namespace peerlog
