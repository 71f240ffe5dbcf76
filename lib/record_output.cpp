// The record listings in table, csv and json, built from one set of rows per listing.
#include "peerlog/record_output.hpp"

#include "json_codec.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/text_table.hpp"
#include "xlsx_writer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sstream>

namespace peerlog {
namespace {

/// A column: its header on a terminal, its name in csv and xlsx, its alignment, its cells' type.
struct Column {
    std::string header;
    std::string key;
    Align align = Align::left;
    CellType type = CellType::text;
};

/// A listing as rows of text cells plus its JSON form; every format renders from it.
struct Listing {
    Listing(std::string name_, std::vector<Column> columns_)
        : name(std::move(name_)), columns(std::move(columns_)) {}
    std::string name; ///< the xlsx sheet's
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> rows;
    Json json = Json::array();
};

void write_listing(std::ostream& out, const Listing& listing, OutputFormat format,
                   const RenderStyle& style) {
    if (format == OutputFormat::json) {
        write_json(out, listing.json, false);
        return;
    }
    if (format == OutputFormat::csv || format == OutputFormat::xlsx) {
        SheetTable table{{}, listing.rows}; // a change of -10 stays a number
        for (const auto& column : listing.columns) {
            table.columns.push_back({column.key, column.type});
        }
        if (format == OutputFormat::xlsx) {
            write_workbook(out, {Sheet{listing.name, {std::move(table)}}});
        } else {
            write_csv_table(out, table);
        }
        return;
    }
    TextTable table;
    for (const auto& column : listing.columns) {
        table.column(column.header, column.align);
    }
    for (const auto& row : listing.rows) {
        table.row(row);
    }
    out << (format == OutputFormat::markdown ? table.render_markdown() : table.render_text(style));
}

std::string optional_date(std::optional<Date> date) {
    return date ? format_date(*date) : "";
}

std::string signed_change(int change) {
    return change > 0 ? fmt::format("+{}", change) : std::to_string(change);
}

} // namespace

void write_group_list(std::ostream& out, const std::vector<GroupOverview>& groups,
                      OutputFormat format, const RenderStyle& style) {
    Listing listing{"Groups",
                    {{"NAME", "name"},
                     {"SCHEDULE", "schedule"},
                     {"SESSIONS", "sessions", Align::right, CellType::number},
                     {"HOURS", "hours", Align::right, CellType::number},
                     {"ATTENDANCES", "attendances", Align::right, CellType::number},
                     {"UNNAMED", "unnamed", Align::right, CellType::number},
                     {"LAST", "last_session", Align::left, CellType::date}}};
    for (const auto& g : groups) {
        listing.rows.push_back({g.group.name, g.group.schedule, std::to_string(g.sessions),
                                format_hours(g.minutes), std::to_string(g.attendances),
                                std::to_string(g.unnamed), optional_date(g.last_session)});
        listing.json.push_back({{"name", g.group.name},
                                {"schedule", g.group.schedule},
                                {"sessions", g.sessions},
                                {"minutes", g.minutes},
                                {"attendances", g.attendances},
                                {"unnamed", g.unnamed},
                                {"last_session", date_json(g.last_session)},
                                {"peers", g.regulars}});
    }
    write_listing(out, listing, format, style);
}

void write_group_detail(std::ostream& out, const GroupOverview& g, OutputFormat format,
                        const RenderStyle& style) {
    if (format == OutputFormat::json) {
        std::ostringstream list;
        write_group_list(list, {g}, OutputFormat::json, style);
        write_json(out, Json::parse(list.str())[0], false);
        return;
    }
    auto safe = [](std::string_view text) { return terminal_safe(text, LineBreaks::flatten); };
    out << fmt::format("{:<13}{}\n", "Group:", safe(g.group.name));
    out << fmt::format("{:<13}{}\n",
                       "Schedule:", g.group.schedule.empty() ? "(none)" : safe(g.group.schedule));
    out << fmt::format("{:<13}{} ({} h)\n", "Sessions:", g.sessions, format_hours(g.minutes));
    out << fmt::format("{:<13}{} named, {} unnamed\n", "Attendances:", g.attendances, g.unnamed);
    out << fmt::format("{:<13}{}\n",
                       "Last:", g.last_session ? format_date(*g.last_session) : "never");
    out << fmt::format("{:<13}{}\n", "Peers:",
                       g.regulars.empty() ? "(none)"
                                          : safe(fmt::format("{}", fmt::join(g.regulars, ", "))));
}

void write_goal_list(std::ostream& out, const std::vector<Goal>& goals, OutputFormat format,
                     const RenderStyle& style) {
    Listing listing{"Goals",
                    {{"ID", "id", Align::right, CellType::number},
                     {"PEER", "peer"},
                     {"DOMAIN", "domain"},
                     {"STATUS", "status"},
                     {"SINCE", "status_on", Align::left, CellType::date},
                     {"TARGET", "target", Align::left, CellType::date},
                     {"GOAL", "text"}}};
    for (const auto& g : goals) {
        listing.rows.push_back({std::to_string(g.id), g.peer_code, std::string(to_string(g.domain)),
                                std::string(to_string(g.status)), format_date(g.status_on),
                                optional_date(g.target), g.text});
        listing.json.push_back({{"id", g.id},
                                {"peer", g.peer_code},
                                {"domain", to_string(g.domain)},
                                {"status", to_string(g.status)},
                                {"opened_on", format_date(g.opened_on)},
                                {"status_on", format_date(g.status_on)},
                                {"target", date_json(g.target)},
                                {"text", g.text}});
    }
    write_listing(out, listing, format, style);
}

void write_resource_list(std::ostream& out, const std::vector<Resource>& resources,
                         OutputFormat format, const RenderStyle& style) {
    Listing listing{"Resources",
                    {{"NAME", "name"}, {"CATEGORY", "category"}, {"CONTACT", "contact"}}};
    for (const auto& r : resources) {
        listing.rows.push_back({r.name, r.category, r.contact});
        listing.json.push_back(
            {{"name", r.name}, {"category", r.category}, {"contact", r.contact}});
    }
    write_listing(out, listing, format, style);
}

void write_referral_list(std::ostream& out, const std::vector<Referral>& referrals,
                         OutputFormat format, const RenderStyle& style) {
    Listing listing{"Referrals",
                    {{"ID", "id", Align::right, CellType::number},
                     {"DATE", "date", Align::left, CellType::date},
                     {"PEER", "peer"},
                     {"RESOURCE", "resource"},
                     {"STATUS", "status"},
                     {"SINCE", "status_on", Align::left, CellType::date}}};
    for (const auto& r : referrals) {
        listing.rows.push_back({std::to_string(r.id), format_date(r.date), r.peer_code, r.resource,
                                std::string(to_string(r.status)), format_date(r.status_on)});
        listing.json.push_back({{"id", r.id},
                                {"date", format_date(r.date)},
                                {"peer", r.peer_code},
                                {"resource", r.resource},
                                {"status", to_string(r.status)},
                                {"status_on", format_date(r.status_on)}});
    }
    write_listing(out, listing, format, style);
}

void write_assessment_list(std::ostream& out, const std::vector<Assessment>& assessments,
                           OutputFormat format, const RenderStyle& style) {
    Listing listing{"Assessments",
                    {{"ID", "id", Align::right, CellType::number},
                     {"DATE", "date", Align::left, CellType::date},
                     {"PEER", "peer"},
                     {"ITEMS", "items"},
                     {"TOTAL", "total", Align::right, CellType::number},
                     {"CHANGE", "change", Align::right, CellType::number},
                     {"SINCE FIRST", "since_first", Align::right, CellType::number},
                     {"47+", "at_or_above_47"}}};
    for (std::size_t i = 0; i < assessments.size(); ++i) {
        const auto& a = assessments[i];
        int change = i == 0 ? 0 : a.total() - assessments[i - 1].total();
        int since_first = a.total() - assessments.front().total();
        bool high = a.total() >= k_barc10_remission_threshold;
        listing.rows.push_back({std::to_string(a.id), format_date(a.date), a.peer_code,
                                fmt::format("{}", fmt::join(a.items, " ")),
                                std::to_string(a.total()), i == 0 ? "" : signed_change(change),
                                i == 0 ? "" : signed_change(since_first), high ? "yes" : "no"});
        listing.json.push_back({{"id", a.id},
                                {"date", format_date(a.date)},
                                {"peer", a.peer_code},
                                {"items", a.items},
                                {"total", a.total()},
                                {"change", i == 0 ? Json() : Json(change)},
                                {"since_first", since_first},
                                {"at_or_above_47", high}});
    }
    write_listing(out, listing, format, style);
}

void write_supervision_list(std::ostream& out, const std::vector<SupervisionMeeting>& meetings,
                            OutputFormat format, const RenderStyle& style) {
    Listing listing{"Supervision",
                    {{"ID", "id", Align::right, CellType::number},
                     {"DATE", "date", Align::left, CellType::date},
                     {"DURATION", "minutes", Align::right, CellType::number},
                     {"SUPERVISOR", "supervisor"},
                     {"FORMAT", "format"},
                     {"TOPICS", "topics"}}};
    for (const auto& m : meetings) {
        listing.rows.push_back({std::to_string(m.id), format_date(m.date),
                                format == OutputFormat::csv || format == OutputFormat::xlsx
                                    ? std::to_string(m.minutes)
                                    : format_duration(m.minutes),
                                m.supervisor, std::string(to_string(m.format)), m.topics});
        listing.json.push_back({{"id", m.id},
                                {"date", format_date(m.date)},
                                {"minutes", m.minutes},
                                {"supervisor", m.supervisor},
                                {"format", to_string(m.format)},
                                {"topics", m.topics}});
    }
    write_listing(out, listing, format, style);
}

void write_checkin_list(std::ostream& out, const std::vector<Checkin>& checkins,
                        OutputFormat format, bool with_notes, const RenderStyle& style) {
    Listing listing{"Check-ins",
                    {{"ID", "id", Align::right, CellType::number},
                     {"DATE", "date", Align::left, CellType::date},
                     {"STRESS", "stress", Align::right, CellType::number},
                     {"ENERGY", "energy", Align::right, CellType::number},
                     {"NEEDS SUPPORT", "needs_support"},
                     {"SHARED", "shared"}}};
    if (with_notes) {
        listing.columns.push_back({"NOTE", "note"});
    }
    for (const auto& c : checkins) {
        std::vector<std::string> row = {std::to_string(c.id),           format_date(c.date),
                                        std::to_string(c.stress),       std::to_string(c.energy),
                                        c.needs_support ? "yes" : "no", c.shared ? "yes" : "no"};
        Json json{{"id", c.id},         {"date", format_date(c.date)},      {"stress", c.stress},
                  {"energy", c.energy}, {"needs_support", c.needs_support}, {"shared", c.shared}};
        if (with_notes) {
            row.push_back(c.note);
            json["note"] = c.note;
        }
        listing.rows.push_back(row);
        listing.json.push_back(json);
    }
    write_listing(out, listing, format, style);
}
namespace {

// The table's STATUS cell: the status with the day it took hold.
std::string status_text(const Consent& c, Date today) {
    switch (consent_status(c, today)) {
    case ConsentStatus::revoked:
        return "revoked " + format_date(*c.revoked_on);
    case ConsentStatus::expired:
        return "expired " + format_date(*c.expires_on);
    case ConsentStatus::not_yet_in_effect:
        return "not yet in effect";
    case ConsentStatus::valid:
        break;
    }
    return "valid";
}

std::string expiry_text(const Consent& c) {
    return c.expires_on ? format_date(*c.expires_on) : "until " + c.expiry_event;
}

// The categories it allows; "attendance (not recorded)" for a consent recorded before them.
std::string share_text(const Consent& c) {
    return c.share_recorded ? c.share.to_string(",") : c.share.to_string(",") + " (not recorded)";
}

Json consent_json(const Consent& c, Date today) {
    return Json{{"id", c.id},
                {"peer", c.peer_code},
                {"recipient", c.recipient},
                {"purpose", c.purpose},
                {"information", c.information},
                {"share", c.share.names()},
                {"share_recorded", c.share_recorded},
                {"signed_on", format_date(c.signed_on)},
                {"effective_on", format_date(c.effective_on)},
                {"expires_on", date_json(c.expires_on)},
                {"expiry_event", c.expiry_event},
                {"revoked_on", date_json(c.revoked_on)},
                {"status", to_string(consent_status(c, today))}};
}

} // namespace

void write_consent_list(std::ostream& out, const std::vector<Consent>& consents, Date today,
                        OutputFormat format, const RenderStyle& style) {
    Listing listing{"Consents",
                    {{"ID", "id", Align::right, CellType::number},
                     {"PEER", "peer"},
                     {"RECIPIENT", "recipient"},
                     {"PURPOSE", "purpose"},
                     {"SHARES", "share"},
                     {"SIGNED", "signed_on", Align::left, CellType::date},
                     {"EXPIRES", "expires_on", Align::left, CellType::date},
                     {"STATUS", "status"}}};
    for (const auto& c : consents) {
        listing.rows.push_back({std::to_string(c.id), c.peer_code, c.recipient, c.purpose,
                                share_text(c), format_date(c.signed_on), expiry_text(c),
                                status_text(c, today)});
        listing.json.push_back(consent_json(c, today));
    }
    write_listing(out, listing, format, style);
}

void write_consent_detail(std::ostream& out, const Consent& c, Date today, OutputFormat format) {
    if (format == OutputFormat::json) {
        write_json(out, consent_json(c, today), false);
        return;
    }
    auto line = [&](std::string_view label, const std::string& value) {
        out << fmt::format("{:<14}{}\n", fmt::format("{}:", label),
                           terminal_safe(value, LineBreaks::flatten));
    };
    line("Consent", std::to_string(c.id));
    line("Peer", c.peer_code);
    line("Discloser", "the specialist keeping this journal");
    line("Recipient", c.recipient);
    line("Purpose", c.purpose);
    line("Information", c.information);
    line("Shares", share_text(c));
    line("Signed", format_date(c.signed_on));
    line("Effective", format_date(c.effective_on));
    line("Expires", expiry_text(c));
    line("Revoked", c.revoked_on ? format_date(*c.revoked_on) : "no");
    line("Status today", status_text(c, today));
}

} // namespace peerlog
