// Rendering sessions for `session list` and `session show`.
#include "peerlog/session_output.hpp"

#include "json_codec.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/text_table.hpp"
#include "text_util.hpp"
#include "xlsx_writer.hpp"

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

std::string flag_names(const Session& session) {
    std::string names;
    for (const auto& flag : session.flags) {
        names += (names.empty() ? "" : ",") + std::string(to_string(flag.rule));
    }
    return names;
}

std::string facts_text(const BoundaryFacts& facts) {
    std::vector<std::string> parts;
    if (facts.gift) {
        parts.push_back(fmt::format("gift {} worth {}", to_string(facts.gift->direction),
                                    format_amount(facts.gift->value)));
    }
    if (facts.money) {
        parts.emplace_back("money lent or borrowed");
    }
    if (facts.transport) {
        parts.emplace_back("transport in a personal vehicle");
    }
    if (facts.social_media) {
        parts.emplace_back("contact via personal social media");
    }
    if (!facts.dual_relationship.empty()) {
        parts.push_back("dual relationship: " + facts.dual_relationship);
    }
    std::string text;
    for (const auto& part : parts) {
        text += (text.empty() ? "" : "; ") + part;
    }
    return text.empty() ? "none recorded" : text;
}

bool self_disclosed(const Session& s) {
    return s.disclosed || !s.disclosure.empty();
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

// Stored text, made terminal-safe, indented by two spaces line by line.
void write_indented(std::ostream& out, std::string_view text) {
    std::string safe = terminal_safe(text, LineBreaks::keep);
    std::size_t start = 0;
    while (start < safe.size()) {
        auto end = safe.find('\n', start);
        out << "  " << safe.substr(start, end - start) << "\n";
        start = end == std::string::npos ? safe.size() : end + 1;
    }
}

// Under the table of `session list --with-notes`: each session's disclosure purpose and note,
// by id, since free text of many lines does not fit in a column.
void write_private_text(std::ostream& out, const std::vector<ListedSession>& sessions) {
    for (const auto& listed : sessions) {
        const Session& s = listed.session;
        if (s.note.empty() && s.disclosure.empty()) {
            continue;
        }
        out << fmt::format("\nSession {} ({}, {}):\n", s.id, format_date(s.date),
                           terminal_safe(attendance(s), LineBreaks::flatten));
        if (!s.disclosure.empty()) {
            write_indented(out, "Disclosure purpose: " + s.disclosure);
        }
        write_indented(out, s.note);
    }
}

// How much of a matching line the table shows: enough to read the match in its sentence.
constexpr std::size_t k_match_width = 60;

// The MATCH cell: the line cut around the match, and how many more lines matched.
std::string match_cell(const NoteMatch& match, CellEmphasis& emphasis) {
    NoteExcerpt cut = excerpt(match, k_match_width);
    emphasis.begin = cut.before.size();
    emphasis.end = emphasis.begin + cut.match.size();
    std::string cell = cut.before + cut.match + cut.after;
    if (match.more_lines > 0) {
        cell += fmt::format(" (+{})", counted(match.more_lines, "more line"));
    }
    return cell;
}

void write_table(std::ostream& out, const SessionListing& listing, const RenderStyle& style) {
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
    table.column("FLAGS");
    if (listing.searched_notes) {
        table.column("MATCH");
    }
    for (const auto& [s, match] : listing.sessions) {
        std::vector<std::string> cells{std::to_string(s.id),
                                       format_date(s.date),
                                       optional_time(s.start),
                                       format_duration(s.minutes),
                                       attendance(s),
                                       s.support.to_string(),
                                       std::string(to_string(s.modality)),
                                       std::string(to_string(s.setting)),
                                       optional_date(s.follow_up),
                                       s.group,
                                       s.reviewed ? "yes" : "no",
                                       flag_names(s)};
        if (!match) {
            table.row(std::move(cells));
            continue;
        }
        CellEmphasis emphasis{cells.size()};
        cells.push_back(match_cell(*match, emphasis));
        table.row(std::move(cells), emphasis);
    }
    out << table.render_text(style);
}

// Columns added after the first release go at the end, so scripts that read by position keep
// working. Ids, minutes and counts are numbers, the days dates, the rest text.
SheetTable session_table(const SessionListing& listing, PrivateText text) {
    SheetTable table{{{"id", CellType::number},
                      {"date", CellType::date},
                      {"start"},
                      {"minutes", CellType::number},
                      {"peer"},
                      {"support"},
                      {"modality"},
                      {"setting"},
                      {"self_disclosure"},
                      {"follow_up", CellType::date}},
                     {}};
    bool with_text = text == PrivateText::include;
    bool with_match = with_text && listing.searched_notes;
    if (with_text) {
        table.columns.insert(table.columns.end(), {{"disclosure_purpose"}, {"note"}});
    }
    table.columns.insert(
        table.columns.end(),
        {{"flags"}, {"group"}, {"attendees"}, {"unnamed", CellType::number}, {"reviewed"}});
    if (with_match) {
        table.columns.insert(table.columns.end(),
                             {{"match_line"}, {"more_matching_lines", CellType::number}});
    }
    for (const auto& [s, match] : listing.sessions) {
        std::vector<std::string> cells = {std::to_string(s.id),
                                          format_date(s.date),
                                          optional_time(s.start),
                                          std::to_string(s.minutes),
                                          s.peer_code,
                                          s.support.to_string(";"),
                                          std::string(to_string(s.modality)),
                                          std::string(to_string(s.setting)),
                                          self_disclosed(s) ? "yes" : "no",
                                          optional_date(s.follow_up)};
        if (with_text) {
            cells.insert(cells.end(), {s.disclosure, s.note});
        }
        cells.insert(cells.end(), {flag_names(s), s.group, s.is_group() ? s.who() : "",
                                   std::to_string(s.unnamed), s.reviewed ? "yes" : "no"});
        if (with_match && match) {
            cells.insert(cells.end(), {match->line, std::to_string(match->more_lines)});
        }
        table.rows.push_back(std::move(cells));
    }
    return table;
}

// A listed session in JSON; a search's match only beside the note it comes from.
Json listed_json(const ListedSession& listed, PrivateText text) {
    bool with_text = text == PrivateText::include;
    Json json = session_json(listed.session, with_text);
    if (with_text && listed.note_match) {
        json["match_line"] = listed.note_match->line;
        json["more_matching_lines"] = listed.note_match->more_lines;
    }
    return json;
}

} // namespace

void write_session_list(std::ostream& out, const SessionListing& listing, OutputFormat format,
                        PrivateText private_text, const RenderStyle& style) {
    switch (format) {
    case OutputFormat::csv:
        write_csv_table(out, session_table(listing, private_text));
        return;
    case OutputFormat::xlsx:
        write_workbook(out, {Sheet{"Sessions", {session_table(listing, private_text)}}});
        return;
    case OutputFormat::json: {
        Json list = Json::array();
        for (const auto& listed : listing.sessions) {
            list.push_back(listed_json(listed, private_text));
        }
        write_json(out, list, false);
        return;
    }
    case OutputFormat::ndjson:
        for (const auto& listed : listing.sessions) {
            write_json(out, listed_json(listed, private_text), true);
        }
        return;
    default:
        write_table(out, listing, style);
        if (private_text == PrivateText::include) {
            write_private_text(out, listing.sessions);
        }
        return;
    }
}

void write_session_detail(std::ostream& out, const Session& s, OutputFormat format,
                          const RenderStyle& style) {
    if (format == OutputFormat::json) {
        Json json = session_json(s, true);
        Json reviews = Json::array();
        for (const auto& review : s.reviews) {
            reviews.push_back({{"by", review.reviewer},
                               {"on", format_date(review.on)},
                               {"comment", review.comment},
                               {"stale", review.stale}});
        }
        json["reviews"] = reviews;
        write_json(out, json, false);
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
        << (!s.disclosure.empty() ? "yes, purpose: " + safe(s.disclosure)
            : s.disclosed         ? std::string("yes, no purpose given")
                                  : std::string("none"))
        << "\n";
    out << label("Follow-up") << (s.follow_up ? format_date(*s.follow_up) : "none") << "\n";
    out << label("Facts") << safe(facts_text(s.facts)) << "\n";
    for (const auto& flag : s.flags) {
        out << label("Flag") << to_string(flag.rule) << " (" << to_string(flag.severity)
            << "): " << safe(flag.message)
            << (flag.override_reason.empty() ? "" : " - overridden: " + safe(flag.override_reason))
            << "\n";
    }
    if (!s.goals.empty()) {
        out << label("Goals") << fmt::format("{}", fmt::join(s.goals, ", ")) << "\n";
    }
    out << label("Reviewed") << (s.reviewed ? "yes" : "no") << "\n";
    for (const auto& review : s.reviews) {
        out << label("Review") << format_date(review.on) << " by " << safe(review.reviewer)
            << (review.stale ? " (stale: the session was edited after it)" : "") << "\n";
        if (!review.comment.empty()) {
            write_indented(out, review.comment);
        }
    }
    if (s.note.empty()) {
        out << label("Note") << "(none)\n";
        return;
    }
    out << label("Note") << "\n";
    write_indented(out, s.note);
}

} // namespace peerlog
