// Rendering sessions for `session list` and `session show`.
#include "peerlog/session_output.hpp"

#include "json_codec.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/text_table.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace peerlog {
namespace {

std::string optional_time(std::optional<TimeOfDay> time) {
    return time ? format_time(*time) : "";
}

std::string optional_date(std::optional<Date> date) {
    return date ? format_date(*date) : "";
}

// The peer, or a group session's named attendees and unnamed count: "P1,P2 +3".
std::string attendance(const Session& s) {
    if (!s.is_group()) {
        return s.peer_code;
    }
    std::string who = s.who();
    if (s.unnamed > 0) {
        who += fmt::format("{}+{}", who.empty() ? "" : " ", s.unnamed);
    }
    return who;
}

void write_table(std::ostream& out, const std::vector<Session>& sessions,
                 const RenderStyle& style) {
    TextTable table;
    table.column("ID", Align::right);
    table.column("DATE");
    table.column("START");
    table.column("DURATION", Align::right);
    table.column("PEER");
    table.column("SUPPORT");
    table.column("MODALITY");
    table.column("SETTING");
    table.column("FOLLOW-UP");
    table.column("GROUP");
    table.column("REVIEWED");
    for (const auto& s : sessions) {
        table.row({std::to_string(s.id), format_date(s.date), optional_time(s.start),
                   format_duration(s.minutes), attendance(s), s.support.to_string(),
                   std::string(to_string(s.modality)), std::string(to_string(s.setting)),
                   optional_date(s.follow_up), s.group, s.reviewed ? "yes" : "no"});
    }
    out << table.render_text(style);
}

void write_csv(std::ostream& out, const std::vector<Session>& sessions, PrivateText text) {
    std::vector<std::string> header = {
        "id",      "date",      "start",   "minutes",         "peer",
        "support", "modality",  "setting", "self_disclosure", "follow_up",
        "group",   "attendees", "unnamed", "reviewed"};
    if (text == PrivateText::include) {
        header.insert(header.end(), {"disclosure_purpose", "note"});
    }
    out << csv_line(header);
    for (const auto& s : sessions) {
        std::vector<std::string> cells = {std::to_string(s.id),
                                          format_date(s.date),
                                          optional_time(s.start),
                                          std::to_string(s.minutes),
                                          s.peer_code,
                                          s.support.to_string(";"),
                                          std::string(to_string(s.modality)),
                                          std::string(to_string(s.setting)),
                                          s.disclosure.empty() ? "no" : "yes",
                                          optional_date(s.follow_up),
                                          s.group,
                                          s.is_group() ? s.who() : "",
                                          std::to_string(s.unnamed),
                                          s.reviewed ? "yes" : "no"};
        if (text == PrivateText::include) {
            cells.insert(cells.end(), {s.disclosure, s.note});
        }
        out << csv_line(cells);
    }
}

} // namespace

void write_session_list(std::ostream& out, const std::vector<Session>& sessions,
                        OutputFormat format, PrivateText private_text, const RenderStyle& style) {
    bool with_text = private_text == PrivateText::include;
    switch (format) {
    case OutputFormat::csv:
        write_csv(out, sessions, private_text);
        return;
    case OutputFormat::json: {
        Json list = Json::array();
        for (const auto& session : sessions) {
            list.push_back(session_json(session, with_text));
        }
        write_json(out, list, false);
        return;
    }
    case OutputFormat::ndjson:
        for (const auto& session : sessions) {
            write_json(out, session_json(session, with_text), true);
        }
        return;
    default:
        write_table(out, sessions, style);
        return;
    }
}

void write_session_detail(std::ostream& out, const Session& s, OutputFormat format,
                          const RenderStyle& style) {
    if (format == OutputFormat::json) {
        write_json(out, session_json(s, true), false);
        return;
    }
    auto label = [&](std::string_view name) {
        std::string padded = fmt::format("{:<12}", fmt::format("{}:", name));
        return style.color ? fmt::format("\x1b[1m{}\x1b[0m", padded) : padded;
    };
    auto safe = [](std::string_view text) { return terminal_safe(text, LineBreaks::flatten); };
    out << label("Session") << s.id << "\n";
    if (s.is_group()) {
        out << label("Group") << safe(s.group) << "\n";
        out << label("Attendees") << (s.attendees.empty() ? "(none named)" : safe(s.who()))
            << (s.unnamed > 0 ? fmt::format(" and {} unnamed", s.unnamed) : "") << "\n";
    } else {
        out << label("Peer") << safe(s.peer_code) << "\n";
    }
    out << label("Date") << format_date(s.date)
        << (s.start ? fmt::format(" at {}", format_time(*s.start)) : "") << "\n";
    out << label("Duration") << format_duration(s.minutes) << " (" << s.minutes << " min)\n";
    out << label("Support") << s.support.to_string(", ") << "\n";
    out << label("Modality") << to_string(s.modality) << "\n";
    out << label("Setting") << to_string(s.setting) << "\n";
    out << label("Disclosure")
        << (s.disclosure.empty() ? std::string("none") : "yes, purpose: " + safe(s.disclosure))
        << "\n";
    out << label("Follow-up") << (s.follow_up ? format_date(*s.follow_up) : "none") << "\n";
    if (!s.goals.empty()) {
        out << label("Goals") << fmt::format("{}", fmt::join(s.goals, ", ")) << "\n";
    }
    out << label("Reviewed") << (s.reviewed ? "yes" : "no") << "\n";
    if (s.note.empty()) {
        out << label("Note") << "(none)\n";
        return;
    }
    out << label("Note") << "\n";
    std::string note = terminal_safe(s.note, LineBreaks::keep);
    std::size_t start = 0;
    while (start < note.size()) {
        auto end = note.find('\n', start);
        out << "  " << note.substr(start, end - start) << "\n";
        start = end == std::string::npos ? note.size() : end + 1;
    }
}

} // namespace peerlog
