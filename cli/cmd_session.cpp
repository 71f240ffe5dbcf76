// `peerlog session add|list|show|edit|rm`: logging and reviewing contacts.
#include "command_list.hpp"
#include "commands.hpp"
#include "confirm.hpp"
#include "note_input.hpp"
#include "output_options.hpp"
#include "pager.hpp"
#include "period_options.hpp"

#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/session_output.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/supervision.hpp"

#include <array>
#include <charconv>
#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {
namespace {

/// The flags `session add` and `session edit` share; an option pointer tells if it was given.
struct SessionFlags {
    std::string peer, support, duration, date, start, modality, setting, note, disclosure,
        follow_up, gift, gift_direction = "received", dual_relationship, override_reason;
    bool editor = false, disclosed = false, money = false, transport = false, social_media = false;
    std::string group;                  // add only: a group session
    std::vector<std::string> attendees; // CODE[,CODE...], repeatable
    int unnamed = 0;
    std::vector<std::int64_t> goals;     // add: goal ids the session addressed
    std::vector<std::string> goal_words; // edit: goal ids, or none
    CLI::Option *attendee_option = nullptr, *unnamed_option = nullptr, *goal_option = nullptr;
    CLI::Option *peer_option = nullptr, *support_option = nullptr, *duration_option = nullptr,
                *date_option = nullptr, *start_option = nullptr, *modality_option = nullptr,
                *setting_option = nullptr, *note_option = nullptr, *disclosure_option = nullptr,
                *follow_up_option = nullptr, *disclosed_option = nullptr, *gift_option = nullptr,
                *money_option = nullptr, *transport_option = nullptr,
                *social_media_option = nullptr, *dual_relationship_option = nullptr,
                *override_option = nullptr;
};

bool given(const CLI::Option* option) {
    return option && option->count() > 0;
}

bool means_none(const std::string& text) {
    return text.empty() || text == "none";
}

void add_contact_flags(CLI::App* command, SessionFlags& f, const std::string& clears) {
    f.peer_option = command->add_option("--peer", f.peer, "The peer's code")->type_name("CODE");
    f.support_option =
        command
            ->add_option("--support", f.support,
                         "emotional, informational, instrumental, affiliational (comma list)")
            ->type_name("KIND[,KIND...]");
    f.duration_option =
        command->add_option("--duration", f.duration, "45m, 1h, 1h30m, 1.5h, 90")->type_name("DUR");
    f.date_option = command->add_option("--date", f.date, "Day of the contact (default: today)")
                        ->type_name("DATE");
    f.start_option =
        command->add_option("--start", f.start, "Start time, HH:MM" + clears)->type_name("HH:MM");
    f.modality_option =
        command->add_option("--modality", f.modality, "in-person, phone, video, text")
            ->type_name("MODALITY");
    f.setting_option =
        command
            ->add_option("--setting", f.setting, "office, community, home, treatment-centre, other")
            ->type_name("SETTING");
    f.note_option = command
                        ->add_option("--note", f.note,
                                     "Narrative note; - reads it from stdin (keeps it out of "
                                     "shell history)")
                        ->type_name("TEXT|-");
    command->add_flag("--editor", f.editor, "Write the note in $VISUAL / $EDITOR");
    f.follow_up_option =
        command->add_option("--follow-up", f.follow_up, "Date of the planned next contact" + clears)
            ->type_name("DATE");
}

// The facts the boundary rules look at (see `man peerlog`, BOUNDARY RULES).
void add_boundary_flags(CLI::App* command, SessionFlags& f, const std::string& clears) {
    f.disclosure_option =
        command
            ->add_option("--disclosure", f.disclosure,
                         "You shared part of your own recovery story: why" + clears)
            ->type_name("PURPOSE");
    f.disclosed_option = command->add_flag("--disclosed,!--no-disclosed", f.disclosed,
                                           "You shared part of your own story (give the purpose "
                                           "with --disclosure)");
    f.gift_option = command->add_option("--gift", f.gift, "A gift's value (none clears it)")
                        ->type_name("VALUE");
    command->add_option("--gift-direction", f.gift_direction, "received (default) or given")
        ->type_name("DIR");
    f.money_option =
        command->add_flag("--money,!--no-money", f.money, "Money was lent or borrowed");
    f.transport_option = command->add_flag("--transport,!--no-transport", f.transport,
                                           "You drove the peer in your own vehicle");
    f.social_media_option = command->add_flag("--social-media,!--no-social-media", f.social_media,
                                              "Contact through personal social media");
    f.dual_relationship_option =
        command
            ->add_option("--dual-relationship", f.dual_relationship,
                         "Another relationship with the peer, e.g. neighbour (none clears it)")
            ->type_name("TEXT");
    f.override_option =
        command
            ->add_option("--override", f.override_reason,
                         "Save despite a blocking boundary rule; the reason is stored and audited")
            ->type_name("REASON");
}

void add_session_flags(CLI::App* command, SessionFlags& f, bool adding) {
    std::string clears = adding ? "" : " (none clears it)";
    add_contact_flags(command, f, clears);
    add_boundary_flags(command, f, clears);
    if (adding) {
        auto* group = command->add_option("--group", f.group, "A group session of this group")
                          ->type_name("NAME");
        f.peer_option->excludes(group);
        command
            ->add_option("--attendee", f.attendees,
                         "Peers present at the group session (comma list, repeatable)")
            ->type_name("CODE[,CODE...]")
            ->delimiter(',')
            ->needs(group);
        command->add_option("--unnamed", f.unnamed, "Attendees of the group session not named")
            ->type_name("N")
            ->needs(group);
        command
            ->add_option("--goal", f.goals, "Ids of the goals the session addressed (repeatable)")
            ->type_name("ID...")
            ->delimiter(',');
        f.support_option->required();
        f.duration_option->required();
        return;
    }
    f.attendee_option =
        command
            ->add_option("--attendee", f.attendees,
                         "A group session's peers present: replaces them (comma list, repeatable)")
            ->type_name("CODE[,CODE...]")
            ->delimiter(',');
    f.unnamed_option =
        command->add_option("--unnamed", f.unnamed, "A group session's attendees not named")
            ->type_name("N");
    f.goal_option = command
                        ->add_option("--goal", f.goal_words,
                                     "Ids of the goals the session addressed: replaces them "
                                     "(repeatable; none takes them all off)")
                        ->type_name("ID...|none")
                        ->delimiter(',');
}

// The goal ids --goal gives to session edit; "none" alone clears them.
std::vector<std::int64_t> goal_ids(const std::vector<std::string>& words) {
    if (words.size() == 1 && words.front() == "none") {
        return {};
    }
    std::vector<std::int64_t> ids;
    for (const auto& word : words) {
        std::int64_t id = 0;
        auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), id);
        if (error != std::errc() || end != word.data() + word.size() || id <= 0) {
            throw Error(ErrorKind::usage,
                        fmt::format("invalid --goal '{}': give goal ids (see `peerlog goal list`) "
                                    "or none.",
                                    word));
        }
        ids.push_back(id);
    }
    return ids;
}

// The boundary facts after the given flags change `facts`; nullopt when none was given.
std::optional<BoundaryFacts> facts_from_flags(const SessionFlags& f, BoundaryFacts facts) {
    if (!given(f.gift_option) && !given(f.money_option) && !given(f.transport_option) &&
        !given(f.social_media_option) && !given(f.dual_relationship_option)) {
        return std::nullopt;
    }
    if (given(f.gift_option)) {
        if (means_none(f.gift)) {
            facts.gift.reset();
        } else {
            double value = 0;
            try {
                value = std::stod(f.gift);
            } catch (const std::exception&) {
                throw Error(ErrorKind::invalid_data,
                            fmt::format("invalid --gift '{}': give its value as a number, e.g. "
                                        "20 or 12.50.",
                                        f.gift));
            }
            facts.gift = Gift{parse_gift_direction(f.gift_direction), value};
        }
    }
    facts.money = given(f.money_option) ? f.money : facts.money;
    facts.transport = given(f.transport_option) ? f.transport : facts.transport;
    facts.social_media = given(f.social_media_option) ? f.social_media : facts.social_media;
    if (given(f.dual_relationship_option)) {
        facts.dual_relationship = means_none(f.dual_relationship) ? "" : f.dual_relationship;
    }
    return facts;
}

// Turns the given flags into changes of `current`; the library validates the whole session.
SessionEdit changes_from_flags(const SessionFlags& f, Date today, const Session& current) {
    SessionEdit edit;
    if (given(f.peer_option)) {
        edit.peer_code = f.peer;
    }
    if (given(f.support_option)) {
        edit.support = SupportSet::parse(f.support);
    }
    if (given(f.duration_option)) {
        edit.minutes = parse_duration(f.duration);
    }
    if (given(f.date_option)) {
        edit.date = parse_date(f.date, today, "--date");
    }
    if (given(f.start_option)) {
        edit.start = means_none(f.start) ? std::nullopt
                                         : std::optional<TimeOfDay>(parse_time(f.start, "--start"));
    }
    if (given(f.modality_option)) {
        edit.modality = parse_modality(f.modality);
    }
    if (given(f.setting_option)) {
        edit.setting = parse_setting(f.setting);
    }
    if (given(f.disclosure_option)) {
        edit.disclosure = f.disclosure == "none" ? "" : f.disclosure;
        edit.disclosed = !edit.disclosure->empty();
    }
    if (given(f.disclosed_option)) {
        edit.disclosed = f.disclosed;
    }
    if (given(f.follow_up_option)) {
        // +1w is a week after the session, not after the day it is logged.
        Date session_date = edit.date.value_or(current.date);
        edit.follow_up =
            means_none(f.follow_up)
                ? std::nullopt
                : std::optional<Date>(parse_date_from(f.follow_up, session_date, today,
                                                      "--follow-up", DatePreference::future));
    }
    edit.facts = facts_from_flags(f, current.facts);
    if (given(f.attendee_option)) {
        edit.attendees = f.attendees;
    }
    if (given(f.unnamed_option)) {
        edit.unnamed = f.unnamed;
    }
    if (given(f.goal_option)) {
        edit.goals = goal_ids(f.goal_words);
    }
    return edit;
}

// Prints each flag a saved session carries, so the specialist sees it at once.
void warn_about_flags(const Session& session, Context& context) {
    for (const auto& flag : session.flags) {
        context.warn(fmt::format("session {} flagged for supervisor review: {}: {}{}", session.id,
                                 to_string(flag.rule), flag.message,
                                 flag.override_reason.empty()
                                     ? ""
                                     : fmt::format(" (overridden: {})", flag.override_reason)));
    }
}

// Who a session was with, for messages: the peer's code, or "group NAME".
std::string with_whom(const Session& s) {
    return s.is_group() ? "group " + s.group : s.peer_code;
}

std::string editor_header(const Session& s) {
    return fmt::format("# Note for the session with {} on {} ({}, {}).\n"
                       "# Write what happened, the peer's response, and the next step.\n"
                       "# Lines starting with '#' are ignored; an empty note saves no note.\n",
                       with_whom(s), format_date(s.date), format_duration(s.minutes),
                       s.support.to_string(", "));
}

// The note given on the command line (--note TEXT, or --note - read from stdin at once), taken
// before anything can fail so that a refusal keeps it as a draft.
NoteInput given_note(const SessionFlags& f) {
    if (given(f.note_option) && f.note == "-") {
        std::string text = read_standard_input();
        text.erase(text.find_last_not_of("\r\n") + 1);
        return {text, NoteSource::standard_input};
    }
    if (given(f.note_option)) {
        return {f.note, NoteSource::argument};
    }
    return {};
}

// Whether the editor opens for the note: asked for, or by default on a terminal (add), and only
// when no note was given.
bool wants_editor(const SessionFlags& f, const NoteInput& note, bool editor_by_default,
                  const Context& context) {
    return note.source == NoteSource::none &&
           (f.editor || (editor_by_default && context.interactive()));
}

NoteInput editor_note(const Session& draft, const DraftTarget& target) {
    std::string initial = draft.note.empty() ? "" : draft.note + "\n";
    return {edit_in_editor(editor_header(draft), initial, target), NoteSource::editor};
}

// Whom a session's note is about, for its draft: the peer or the named attendees (add), the
// session itself (edit: its peers are looked up), and any new peer an edit gives.
DraftSubject note_subject(const SessionFlags& f, std::optional<std::int64_t> session_id) {
    DraftSubject subject;
    if (given(f.peer_option)) {
        subject.codes.push_back(f.peer);
    }
    subject.codes.insert(subject.codes.end(), f.attendees.begin(), f.attendees.end());
    if (session_id) {
        subject.session_ids.push_back(*session_id);
    }
    return subject;
}

// Refuses a blank --override (given, but saying nothing) as a usage error.
void check_override(const SessionFlags& f) {
    if (given(f.override_option)) {
        require_override_reason(f.override_reason);
    }
}

// Tells what saving did besides the session: an override nothing needed, peers whose first day
// on the caseload moved back.
void tell_effects(std::int64_t id, const SaveEffects& effects, Context& context) {
    if (effects.override_unused) {
        context.warn(fmt::format("nothing to override: session {} breaks no boundary rule set to "
                                 "block, so the --override reason was not stored.",
                                 id));
    }
    for (const auto& start : effects.caseload_starts) {
        context.tell(fmt::format("{} is on the caseload since {} now, the date of this session",
                                 start.peer_code, format_date(start.since)));
    }
}

void run_add(const SessionFlags& f, Context& context) {
    NoteInput note = given_note(f);
    std::int64_t id = 0;
    SaveEffects effects;
    std::optional<Journal> journal;
    DraftTarget draft{context, note_subject(f, std::nullopt)};
    keeping_note(
        note,
        [&] {
            check_override(f);
            Date today = context.today();
            const Config& config = context.config();
            Session defaults;
            defaults.date = today;
            defaults.modality = config.default_modality;
            defaults.setting = config.default_setting;
            Session session = edited(defaults, changes_from_flags(f, today, defaults));
            if (!given(f.peer_option) && f.group.empty()) {
                throw Error(ErrorKind::usage,
                            "say who the session was with: --peer CODE, or --group NAME "
                            "--attendee CODE[,CODE...] [--unnamed N].");
            }
            session.group = f.group;
            session.attendees = f.attendees;
            session.unnamed = f.unnamed;
            session.goals = f.goals;

            journal.emplace(context.open_journal(OpenMode::write));
            if (wants_editor(f, note, true, context)) {
                // Check everything before the editor opens, so nobody writes a note for nothing
                // (otherwise add_session checks it all in its one write transaction).
                check_session_add(*journal, session, today, config.boundaries, f.override_reason);
                unlock_before_editor(*journal);
                note = editor_note(session, draft);
            }
            session.note = note.text;
            id = add_session(*journal, session, today, config.boundaries, f.override_reason,
                             &effects);
        },
        k_session_note, draft);
    const Session& saved = effects.saved; // as stored: no read back
    std::cout << id << "\n";
    context.tell(fmt::format("saved session {} with {} on {} ({})", id, with_whom(saved),
                             format_date(saved.date), format_duration(saved.minutes)));
    warn_about_flags(saved, context);
    tell_effects(id, effects, context);
}

void run_edit(std::int64_t id, const SessionFlags& f, Context& context) {
    NoteInput note = given_note(f);
    Session saved;
    SaveEffects effects;
    DraftTarget draft{context, note_subject(f, id)};
    keeping_note(
        note,
        [&] {
            check_override(f);
            Date today = context.today();
            // --override alone replaces the reason a session was saved over a block with.
            Session probe;
            probe.date = today;
            if (changes_from_flags(f, today, probe).empty() && !given(f.note_option) && !f.editor &&
                !given(f.override_option)) {
                throw Error(ErrorKind::usage,
                            fmt::format("nothing to change: give session edit {} at "
                                        "least one flag (see `peerlog help session "
                                        "edit`).",
                                        id));
            }
            const Config& config = context.config();
            Journal journal = context.open_journal(OpenMode::update);
            Session current = get_session(journal, id);
            SessionEdit edit = changes_from_flags(f, today, current);
            if (wants_editor(f, note, false, context)) {
                // Refuse before the editor opens, so nobody writes a note for nothing.
                check_session_edit(journal, id, edit, today, config.boundaries, f.override_reason);
                unlock_before_editor(journal);
                note = editor_note(edited(current, edit), draft);
            }
            if (note.source != NoteSource::none) {
                edit.note = note.text;
            }
            saved = edit_session(journal, id, edit, today, config.boundaries, f.override_reason,
                                 &effects);
        },
        k_session_note, draft);
    context.tell(fmt::format("updated session {}", id));
    warn_about_flags(saved, context);
    tell_effects(id, effects, context);
}

void run_remove(std::int64_t id, bool yes, bool dry_run, Context& context) {
    Journal journal = context.open_journal(dry_run ? OpenMode::read : OpenMode::update);
    Session session = get_session(journal, id);
    if (dry_run) {
        std::cout << fmt::format("would delete session {} with {} on {} ({})\n", id,
                                 with_whom(session), format_date(session.date),
                                 format_duration(session.minutes));
        return;
    }
    confirm_or_refuse(yes, context,
                      fmt::format("Delete session {} with {} on {} ({})? It cannot be undone.", id,
                                  with_whom(session), format_date(session.date),
                                  format_duration(session.minutes)));
    remove_session(journal, id);
    context.tell(fmt::format("deleted session {}", id));
}

struct ListOptions {
    std::string peer, support, group, grep;
    ListingOutput shown;
    PeriodOptions period;
    bool with_notes = false;
    bool flagged = false;
    bool unreviewed = false;
    CLI::Option* grep_option = nullptr;
};

void run_list(const ListOptions& o, Context& context) {
    auto format =
        listing_format(o.shown, {OutputFormat::table, OutputFormat::csv, OutputFormat::json,
                                 OutputFormat::ndjson, OutputFormat::xlsx});
    Date today = context.today();
    SessionFilter filter;
    filter.period = choose_period(o.period, today, std::nullopt);
    if (!o.peer.empty()) {
        filter.peer_code = o.peer;
    }
    if (!o.support.empty()) {
        filter.support = parse_support_kind(o.support);
    }
    filter.flagged_only = o.flagged;
    filter.include_notes = o.with_notes;
    if (!o.group.empty()) {
        filter.group = o.group;
    }
    filter.unreviewed_only = o.unreviewed;
    if (given(o.grep_option)) {
        filter.note_search.emplace(o.grep); // an empty or blank text: Error(usage)
    }
    Journal journal = context.open_journal(OpenMode::read);
    SessionListing listing = session_listing(journal, filter);
    if (listing.sessions.empty() && format == OutputFormat::table) {
        context.tell("no sessions match.");
        return;
    }
    write_listing_output(o.shown, context, [&](std::ostream& out, const RenderStyle& style) {
        write_session_list(out, listing, format,
                           o.with_notes ? PrivateText::include : PrivateText::omit, style);
    });
}

// Each subcommand's options and what it runs.
void declare_add(CLI::App* add, Context& context) {
    auto add_flags = std::make_shared<SessionFlags>();
    add_session_flags(add, *add_flags, true);
    add->callback([add_flags, &context] { run_add(*add_flags, context); });
}

void declare_list(CLI::App* list_command, Context& context) {
    auto list = std::make_shared<ListOptions>();
    list_command->add_option("--peer", list->peer, "Only this peer's sessions")->type_name("CODE");
    add_period_options(list_command, list->period, "An ISO week: 2026-W47, this or last");
    list_command->add_option("--support", list->support, "Only sessions with this support kind")
        ->type_name("KIND");
    list_command->add_option("--group", list->group, "Only this group's sessions")
        ->type_name("NAME");
    list_command->add_flag("--unreviewed", list->unreviewed,
                           "Only sessions no supervisor has reviewed yet (the review queue)");
    add_listing_output(list_command, list->shown, "table, csv, json, ndjson or xlsx");
    list_command->add_flag("--with-notes", list->with_notes,
                           "Include notes and disclosure purposes (private: mind where it goes)");
    list_command->add_flag("--flagged", list->flagged,
                           "Only sessions with a boundary flag (for supervisor review)");
    list->grep_option =
        list_command
            ->add_option("--grep", list->grep,
                         "Only sessions whose note holds TEXT (any case, literal); the table "
                         "shows the matching line")
            ->type_name("TEXT");
    list_command->callback([list, &context] { run_list(*list, context); });
}

void declare_show(CLI::App* show, Context& context) {
    auto show_id = std::make_shared<std::int64_t>(0);
    auto show_format = std::make_shared<std::string>("table");
    show->add_option("id", *show_id, "The session's id")->required();
    show->add_option("--format", *show_format, "table or json")->type_name("FORMAT");
    show->callback([show_id, show_format, &context] {
        auto format = parse_output_format(*show_format, {OutputFormat::table, OutputFormat::json});
        Journal journal = context.open_journal(OpenMode::read);
        write_session_detail(std::cout, get_session(journal, *show_id), format,
                             context.stdout_style());
    });
}

void declare_edit(CLI::App* edit, Context& context) {
    auto edit_id = std::make_shared<std::int64_t>(0);
    auto edit_flags = std::make_shared<SessionFlags>();
    edit->add_option("id", *edit_id, "The session's id")->required();
    add_session_flags(edit, *edit_flags, false);
    edit->callback([edit_id, edit_flags, &context] { run_edit(*edit_id, *edit_flags, context); });
}

void declare_review(CLI::App* review_command, Context& context) {
    struct ReviewOptions {
        std::vector<std::int64_t> ids;
        std::string by, comment, date;
    };
    auto review = std::make_shared<ReviewOptions>();
    review_command->add_option("id", review->ids, "The sessions' ids")->required();
    review_command->add_option("--by", review->by, "The reviewing supervisor")
        ->type_name("NAME")
        ->required();
    review_command->add_option("--comment", review->comment, "The supervisor's comment")
        ->type_name("TEXT");
    review_command->add_option("--date", review->date, "Day of the review (default: today)")
        ->type_name("DATE");
    review_command->callback([review, &context] {
        NoteInput comment{review->comment, NoteSource::argument};
        keeping_note(
            comment,
            [&] {
                Date today = context.today();
                SessionReview done{review->by,
                                   review->date.empty() ? today
                                                        : parse_date(review->date, today, "--date"),
                                   review->comment};
                Journal journal = context.open_journal(OpenMode::write);
                review_sessions(journal, review->ids, done);
            },
            k_review_comment, DraftTarget{context, {{}, review->ids}});
        context.tell(fmt::format("recorded {}'s review of {}", review->by,
                                 counted(static_cast<long long>(review->ids.size()), "session")));
    });
}

void declare_rm(CLI::App* rm, Context& context) {
    auto rm_id = std::make_shared<std::int64_t>(0);
    auto rm_yes = std::make_shared<bool>(false);
    auto rm_dry_run = std::make_shared<bool>(false);
    rm->add_option("id", *rm_id, "The session's id")->required();
    rm->add_flag("-y,--yes", *rm_yes, "Do not ask; needed when not on a terminal");
    rm->add_flag("-n,--dry-run", *rm_dry_run, "Say what would be deleted; delete nothing");
    rm->callback([rm_id, rm_yes, rm_dry_run, &context] {
        run_remove(*rm_id, *rm_yes, *rm_dry_run, context);
    });
}

struct Subcommand {
    const char* name;
    const char* about;
    void (*declare)(CLI::App*, Context&);
};

// In `peerlog help session`'s order.
constexpr std::array<Subcommand, 6> k_subcommands = {{
    {"add", "Log a contact with a peer (--peer) or a group (--group); prints the new id",
     declare_add},
    {"list", "List sessions (no notes unless asked); --grep searches the notes", declare_list},
    {"show", "Show one session, note included", declare_show},
    {"edit", "Change a session; flags as for add", declare_edit},
    {"review", "Record a supervisor's review (co-sign) of one or more sessions", declare_review},
    {"rm", "Delete a session (asks first on a terminal)", declare_rm},
}};

} // namespace

// Every subcommand is declared, with its line of help; the options only of the one the run asks
// for (all of them when it asks none): `session add` at the end of every contact would
// otherwise declare edit's flags and list's too, a tenth of its instructions.
void setup_session_commands(CLI::App& app, Context& context) {
    auto* session = add_command(app, "session");
    session->require_subcommand(1);
    for (const Subcommand& subcommand : k_subcommands) {
        CLI::App* declared = session->add_subcommand(subcommand.name, subcommand.about);
        if (context.declares(subcommand.name)) {
            subcommand.declare(declared, context);
        }
    }
}

} // namespace peerlog::cli
