// `peerlog session add|list|show|edit|rm`: logging and reviewing contacts.
#include "commands.hpp"
#include "note_input.hpp"
#include "period_options.hpp"

#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"
#include "peerlog/session_output.hpp"
#include "peerlog/session_store.hpp"
#include "peerlog/supervision.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {
namespace {

/// The flags `session add` and `session edit` share; an option pointer tells if it was given.
struct SessionFlags {
    std::string peer, support, duration, date, start, modality, setting, note, disclosure,
        follow_up;
    bool editor = false;
    std::string group;                  // add only: a group session
    std::vector<std::string> attendees; // add only: CODE[,CODE...], repeatable
    int unnamed = 0;                    // add only
    std::vector<std::int64_t> goals;    // add only: goal ids the session addressed
    CLI::Option *peer_option = nullptr, *support_option = nullptr, *duration_option = nullptr,
                *date_option = nullptr, *start_option = nullptr, *modality_option = nullptr,
                *setting_option = nullptr, *note_option = nullptr, *disclosure_option = nullptr,
                *follow_up_option = nullptr;
};

bool given(const CLI::Option* option) {
    return option && option->count() > 0;
}

bool means_none(const std::string& text) {
    return text.empty() || text == "none";
}

void add_session_flags(CLI::App* command, SessionFlags& f, bool adding) {
    f.peer_option = command->add_option("--peer", f.peer, "The peer's code")->type_name("CODE");
    f.support_option =
        command
            ->add_option("--support", f.support,
                         "emotional, informational, instrumental, affiliational (comma list)")
            ->type_name("KIND[,KIND...]");
    f.duration_option =
        command->add_option("--duration", f.duration, "45m, 1h, 1h30m, 1.5h, 90")->type_name("DUR");
    f.date_option = command
                        ->add_option("--date", f.date,
                                     adding ? "Day of the contact (default: "
                                              "today)"
                                            : "Day of the contact")
                        ->type_name("DATE");
    f.start_option = command->add_option("--start", f.start, "Start time, HH:MM (none clears it)")
                         ->type_name("HH:MM");
    f.modality_option = command
                            ->add_option("--modality", f.modality,
                                         "in-person, phone, video, "
                                         "text")
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
    f.disclosure_option =
        command
            ->add_option("--disclosure", f.disclosure,
                         "You shared part of your own recovery story: why (none clears it)")
            ->type_name("PURPOSE");
    f.follow_up_option = command
                             ->add_option("--follow-up", f.follow_up,
                                          "Date of the planned next contact (none clears it)")
                             ->type_name("DATE");
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
    }
}

// Turns the given flags into changes; validation of the whole session happens in the library.
SessionEdit changes_from_flags(const SessionFlags& f, Date today) {
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
    }
    if (given(f.follow_up_option)) {
        edit.follow_up = means_none(f.follow_up)
                             ? std::nullopt
                             : std::optional<Date>(parse_date(f.follow_up, today, "--follow-up"));
    }
    return edit;
}

std::string editor_header(const Session& s) {
    return fmt::format("# Note for the session with {} on {} ({}, {}).\n"
                       "# Write what happened, the peer's response, and the next step.\n"
                       "# Lines starting with '#' are ignored; an empty note saves no note.\n",
                       s.peer_code, format_date(s.date), format_duration(s.minutes),
                       s.support.to_string(", "));
}

// The note from --note TEXT, --note -, or the editor (asked for, or by default on a terminal).
NoteInput read_note(const SessionFlags& f, const Session& draft, bool editor_by_default,
                    Context& context) {
    if (given(f.note_option) && f.note == "-") {
        return {read_standard_input(), NoteSource::standard_input};
    }
    if (given(f.note_option)) {
        return {f.note, NoteSource::argument};
    }
    if (f.editor || (editor_by_default && context.interactive())) {
        return {edit_in_editor(editor_header(draft), draft.note), NoteSource::editor};
    }
    return {};
}

// Runs `save`; if it fails after the user typed a note, keeps the note in a draft file.
template <class Save> void keeping_note(const NoteInput& note, Save save) {
    try {
        save();
    } catch (const Error& error) {
        bool typed = note.source == NoteSource::standard_input || note.source == NoteSource::editor;
        if (!typed || note.text.empty()) {
            throw;
        }
        auto draft = save_draft(note.text);
        throw Error(error.kind(),
                    fmt::format("{}\nYour note was kept in {}; once the problem is fixed, add it "
                                "with --note - < {}",
                                error.what(), draft.string(), draft.string()));
    }
}

void run_add(const SessionFlags& f, Context& context) {
    Date today = context.today();
    Session session;
    session.date = today;
    session.modality = context.config().default_modality;
    session.setting = context.config().default_setting;
    SessionEdit edit = changes_from_flags(f, today);
    if (!edit.peer_code && f.group.empty()) {
        throw Error(ErrorKind::usage, "say who the session was with: --peer CODE, or --group NAME "
                                      "--attendee CODE[,CODE...] [--unnamed N].");
    }
    session.peer_code = edit.peer_code.value_or("");
    session.group = f.group;
    session.attendees = f.attendees;
    session.unnamed = f.unnamed;
    session.goals = f.goals;
    session.support = *edit.support;
    session.minutes = *edit.minutes;
    session.date = edit.date.value_or(session.date);
    session.start = edit.start.value_or(std::nullopt);
    session.modality = edit.modality.value_or(session.modality);
    session.setting = edit.setting.value_or(session.setting);
    session.disclosure = edit.disclosure.value_or("");
    session.follow_up = edit.follow_up.value_or(std::nullopt);

    // Check everything before the editor opens, so nobody writes a note for nothing.
    validate(session, today);
    Journal journal = context.open_journal(OpenMode::write);
    for (const auto& code :
         session.is_group() ? session.attendees : std::vector<std::string>{session.peer_code}) {
        check_peer_can_have_sessions(journal, code);
    }

    NoteInput note = read_note(f, session, true, context);
    session.note = note.text;
    std::int64_t id = 0;
    keeping_note(note, [&] { id = add_session(journal, session, today); });
    std::cout << id << "\n";
    context.tell(fmt::format("saved session {} with {} on {} ({})", id,
                             session.is_group() ? "group " + session.group : session.peer_code,
                             format_date(session.date), format_duration(session.minutes)));
}

void run_edit(std::int64_t id, const SessionFlags& f, Context& context) {
    Date today = context.today();
    SessionEdit edit = changes_from_flags(f, today);
    Journal journal = context.open_journal(OpenMode::write);
    Session current = get_session(journal, id);
    NoteInput note = read_note(f, current, false, context);
    if (note.source != NoteSource::none) {
        edit.note = note.text;
    }
    if (edit.empty()) {
        throw Error(ErrorKind::usage, fmt::format("nothing to change: give session edit {} at "
                                                  "least one flag (see `peerlog help session "
                                                  "edit`).",
                                                  id));
    }
    keeping_note(note, [&] { edit_session(journal, id, edit, today); });
    context.tell(fmt::format("updated session {}", id));
}

bool confirm(const std::string& question) {
    std::cerr << question << " [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

void run_remove(std::int64_t id, bool yes, Context& context) {
    Journal journal = context.open_journal(OpenMode::write);
    Session session = get_session(journal, id);
    if (!yes) {
        if (!context.interactive()) {
            throw Error(ErrorKind::usage, fmt::format("refusing to delete session {} without "
                                                      "--yes when not run from a terminal.",
                                                      id));
        }
        if (!confirm(fmt::format("Delete session {} with {} on {} ({})? It cannot be undone.", id,
                                 session.peer_code, format_date(session.date),
                                 format_duration(session.minutes)))) {
            throw Error(ErrorKind::cancelled, "nothing was deleted.");
        }
    }
    remove_session(journal, id);
    context.tell(fmt::format("deleted session {}", id));
}

struct ListOptions {
    std::string peer, support, group, format = "table";
    PeriodOptions period;
    bool with_notes = false;
    bool unreviewed = false;
};

void run_list(const ListOptions& o, Context& context) {
    auto format = parse_output_format(o.format, {OutputFormat::table, OutputFormat::csv,
                                                 OutputFormat::json, OutputFormat::ndjson});
    Date today = context.today();
    SessionFilter filter;
    filter.period = choose_period(o.period.week, o.period.from, o.period.to, today, std::nullopt);
    if (!o.peer.empty()) {
        filter.peer_code = o.peer;
    }
    if (!o.support.empty()) {
        filter.support = parse_support_kind(o.support);
    }
    if (!o.group.empty()) {
        filter.group = o.group;
    }
    filter.unreviewed_only = o.unreviewed;
    Journal journal = context.open_journal(OpenMode::read);
    auto sessions = list_sessions(journal, filter);
    if (sessions.empty() && format == OutputFormat::table) {
        context.tell("no sessions match.");
        return;
    }
    write_session_list(std::cout, sessions, format,
                       o.with_notes ? PrivateText::include : PrivateText::omit,
                       context.stdout_style());
}

} // namespace

void setup_session_commands(CLI::App& app, Context& context) {
    auto* session = app.add_subcommand("session", "Log and review contacts with peers");
    session->require_subcommand(1);

    auto add_flags = std::make_shared<SessionFlags>();
    auto* add = session->add_subcommand(
        "add", "Log a contact with a peer (--peer) or a group (--group); prints the new id");
    add_session_flags(add, *add_flags, true);
    add->callback([add_flags, &context] { run_add(*add_flags, context); });

    auto list = std::make_shared<ListOptions>();
    auto* list_command = session->add_subcommand("list", "List sessions (no notes unless asked)");
    list_command->add_option("--peer", list->peer, "Only this peer's sessions")->type_name("CODE");
    add_period_options(list_command, list->period, "An ISO week: 2026-W47, this or last");
    list_command->add_option("--support", list->support, "Only sessions with this support kind")
        ->type_name("KIND");
    list_command->add_option("--group", list->group, "Only this group's sessions")
        ->type_name("NAME");
    list_command->add_flag("--unreviewed", list->unreviewed,
                           "Only sessions no supervisor has reviewed yet (the review queue)");
    list_command->add_option("--format", list->format, "table, csv, json or ndjson")
        ->type_name("FORMAT");
    list_command->add_flag("--with-notes", list->with_notes,
                           "Include notes and disclosure purposes (private: mind where it goes)");
    list_command->callback([list, &context] { run_list(*list, context); });

    auto show_id = std::make_shared<std::int64_t>(0);
    auto show_format = std::make_shared<std::string>("table");
    auto* show = session->add_subcommand("show", "Show one session, note included");
    show->add_option("id", *show_id, "The session's id")->required();
    show->add_option("--format", *show_format, "table or json")->type_name("FORMAT");
    show->callback([show_id, show_format, &context] {
        auto format = parse_output_format(*show_format, {OutputFormat::table, OutputFormat::json});
        Journal journal = context.open_journal(OpenMode::read);
        write_session_detail(std::cout, get_session(journal, *show_id), format,
                             context.stdout_style());
    });

    auto edit_id = std::make_shared<std::int64_t>(0);
    auto edit_flags = std::make_shared<SessionFlags>();
    auto* edit = session->add_subcommand("edit", "Change a session; flags as for add");
    edit->add_option("id", *edit_id, "The session's id")->required();
    add_session_flags(edit, *edit_flags, false);
    edit->callback([edit_id, edit_flags, &context] { run_edit(*edit_id, *edit_flags, context); });

    struct ReviewOptions {
        std::vector<std::int64_t> ids;
        std::string by, comment, date;
    };
    auto review = std::make_shared<ReviewOptions>();
    auto* review_command = session->add_subcommand(
        "review", "Record a supervisor's review (co-sign) of one or more sessions");
    review_command->add_option("id", review->ids, "The sessions' ids")->required();
    review_command->add_option("--by", review->by, "The reviewing supervisor")
        ->type_name("NAME")
        ->required();
    review_command->add_option("--comment", review->comment, "The supervisor's comment")
        ->type_name("TEXT");
    review_command->add_option("--date", review->date, "Day of the review (default: today)")
        ->type_name("DATE");
    review_command->callback([review, &context] {
        Date today = context.today();
        SessionReview done{review->by,
                           review->date.empty() ? today : parse_date(review->date, today, "--date"),
                           review->comment};
        Journal journal = context.open_journal(OpenMode::write);
        review_sessions(journal, review->ids, done);
        context.tell(
            fmt::format("recorded {}'s review of {} session(s)", review->by, review->ids.size()));
    });

    auto rm_id = std::make_shared<std::int64_t>(0);
    auto rm_yes = std::make_shared<bool>(false);
    auto* rm = session->add_subcommand("rm", "Delete a session (asks first on a terminal)");
    rm->add_option("id", *rm_id, "The session's id")->required();
    rm->add_flag("-y,--yes", *rm_yes, "Do not ask; needed when not on a terminal");
    rm->callback([rm_id, rm_yes, &context] { run_remove(*rm_id, *rm_yes, context); });
}

} // namespace peerlog::cli
