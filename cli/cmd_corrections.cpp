// `edit` and `rm` of goals, referrals, assessments, supervision meetings, check-ins, resources
// and groups, and `consent rm`: added to their command groups once those are declared.
#include "commands.hpp"
#include "note_input.hpp"
#include "record_removal.hpp"

#include "peerlog/corrections.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"

#include <charconv>
#include <fmt/format.h>
#include <string_view>

namespace peerlog::cli {
namespace {

std::optional<Date> given_date(const GivenText& flag, Date today,
                               DatePreference prefer = DatePreference::past) {
    if (!flag.given()) {
        return std::nullopt;
    }
    return parse_date(flag.value, today, flag.option->get_name(), prefer);
}

std::optional<int> given_number(const GivenText& flag, int low, int high) {
    if (!flag.given()) {
        return std::nullopt;
    }
    int value = 0;
    auto [end, error] =
        std::from_chars(flag.value.data(), flag.value.data() + flag.value.size(), value);
    if (error != std::errc() || end != flag.value.data() + flag.value.size() || value < low ||
        value > high) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("invalid {} '{}': give a whole number from {} to {}.",
                                flag.option->get_name(), flag.value, low, high));
    }
    return value;
}

// `rm ID` on `group`, deleting through `remove`.
void add_rm_by_id(CLI::App* group, Context& context, const std::string& help,
                  std::string (*remove)(Journal&, std::int64_t, Removal)) {
    struct Options {
        std::int64_t id = 0;
        RemoveFlags flags;
    };
    auto o = std::make_shared<Options>();
    auto* rm = group->add_subcommand("rm", help + " (asks first on a terminal)");
    rm->add_option("id", o->id, "Its id")->required();
    add_remove_flags(rm, o->flags);
    rm->callback([o, remove, &context] {
        run_record_removal(o->flags, context, [&](Journal& journal, Removal mode) {
            return remove(journal, o->id, mode);
        });
    });
}

// `rm NAME` on `group`, deleting through `remove`.
void add_rm_by_name(CLI::App* group, Context& context, const std::string& help,
                    std::string (*remove)(Journal&, const std::string&, Removal)) {
    struct Options {
        std::string name;
        RemoveFlags flags;
    };
    auto o = std::make_shared<Options>();
    auto* rm = group->add_subcommand("rm", help + " (asks first on a terminal)");
    rm->add_option("name", o->name, "Its name")->required();
    add_remove_flags(rm, o->flags);
    rm->callback([o, remove, &context] {
        run_record_removal(o->flags, context, [&](Journal& journal, Removal mode) {
            return remove(journal, o->name, mode);
        });
    });
}

void setup_goal_corrections(CLI::App& goal, Context& context) {
    struct Options {
        std::int64_t id = 0;
        GivenText domain, text, target, date;
    };
    auto o = std::make_shared<Options>();
    auto* edit = goal.add_subcommand("edit", "Correct a goal (its status changes with goal set)");
    edit->add_option("id", o->id, "The goal's id")->required();
    add_given(edit, "--text", o->text, "The goal, in the peer's words", "TEXT");
    add_given(edit, "--domain", o->domain,
              "housing, employment, education, health, relationships, legal, "
              "recovery-community or other",
              "DOMAIN");
    add_given(edit, "--target", o->target, "Target date (none clears it)", "DATE");
    add_given(edit, "--date", o->date, "Day the goal was set", "DATE");
    edit->callback([o, &context] {
        Date today = context.today();
        GoalEdit change;
        if (o->domain.given()) {
            change.domain = parse_goal_domain(o->domain.value);
        }
        change.text = o->text.text();
        if (auto target = o->target.clearable()) {
            change.target =
                target->empty()
                    ? std::nullopt
                    : std::optional(parse_date(*target, today, "--target", DatePreference::future));
        }
        change.opened_on = given_date(o->date, today);
        refuse_empty_edit(change.empty(), "goal edit", std::to_string(o->id));
        Journal journal = context.open_journal(OpenMode::update);
        edit_goal(journal, o->id, change, today);
        context.tell(fmt::format("updated goal {}", o->id));
    });
    add_rm_by_id(&goal, context, "Delete a goal recorded by mistake", remove_goal);
}

void setup_referral_corrections(CLI::App& referral, Context& context) {
    struct Options {
        std::int64_t id = 0;
        GivenText resource, date;
    };
    auto o = std::make_shared<Options>();
    auto* edit = referral.add_subcommand(
        "edit", "Correct a referral's resource or day (its status changes with referral set)");
    edit->add_option("id", o->id, "The referral's id")->required();
    add_given(edit, "--resource", o->resource, "The resource's name", "NAME");
    add_given(edit, "--date", o->date, "Day the referral was made", "DATE");
    edit->callback([o, &context] {
        Date today = context.today();
        ReferralEdit change;
        change.resource = o->resource.text();
        change.date = given_date(o->date, today);
        refuse_empty_edit(change.empty(), "referral edit", std::to_string(o->id));
        Journal journal = context.open_journal(OpenMode::update);
        edit_referral(journal, o->id, change, today);
        context.tell(fmt::format("updated referral {}", o->id));
    });
    add_rm_by_id(&referral, context, "Delete a referral recorded by mistake", remove_referral);
}

void setup_assess_corrections(CLI::App& assess, Context& context) {
    struct Options {
        std::int64_t id = 0;
        GivenText barc10, date;
    };
    auto o = std::make_shared<Options>();
    auto* edit = assess.add_subcommand("edit", "Correct a BARC-10's scores or day");
    edit->add_option("id", o->id, "The assessment's id (see assess list CODE)")->required();
    add_given(edit, "--barc10", o->barc10, "The ten item scores in order, each 1-6",
              "N,N,N,N,N,N,N,N,N,N");
    add_given(edit, "--date", o->date, "Day it was taken", "DATE");
    edit->callback([o, &context] {
        Date today = context.today();
        AssessmentEdit change;
        if (o->barc10.given()) {
            change.items = parse_barc10(o->barc10.value);
        }
        change.date = given_date(o->date, today);
        refuse_empty_edit(change.empty(), "assess edit", std::to_string(o->id));
        Journal journal = context.open_journal(OpenMode::update);
        Assessment saved = edit_assessment(journal, o->id, change, today);
        context.tell(fmt::format("updated BARC-10 {} (total {})", o->id, saved.total()));
    });
    add_rm_by_id(&assess, context, "Delete a BARC-10 recorded by mistake", remove_assessment);
}

void setup_supervision_corrections(CLI::App& supervision, Context& context) {
    struct Options {
        std::int64_t id = 0;
        GivenText date, duration, supervisor, format, topics;
    };
    auto o = std::make_shared<Options>();
    auto* edit = supervision.add_subcommand("edit", "Correct a supervision meeting");
    edit->add_option("id", o->id, "The meeting's id")->required();
    add_given(edit, "--date", o->date, "Day of the meeting", "DATE");
    add_given(edit, "--duration", o->duration, "45m, 1h, 1h30m, 90", "DURATION");
    add_given(edit, "--supervisor", o->supervisor, "Who supervised", "NAME");
    add_given(edit, "--format", o->format, "individual or group", "FORMAT");
    add_given(edit, "--topics", o->topics, "What you discussed (no peer names; none clears)",
              "TEXT");
    edit->callback([o, &context] {
        Date today = context.today();
        SupervisionEdit change;
        change.date = given_date(o->date, today);
        if (o->duration.given()) {
            change.minutes = parse_duration(o->duration.value, "--duration");
        }
        change.supervisor = o->supervisor.text();
        if (o->format.given()) {
            change.format = parse_supervision_format(o->format.value);
        }
        change.topics = o->topics.clearable();
        refuse_empty_edit(change.empty(), "supervision edit", std::to_string(o->id));
        Journal journal = context.open_journal(OpenMode::update);
        edit_supervision(journal, o->id, change, today);
        context.tell(fmt::format("updated supervision meeting {}", o->id));
    });
    add_rm_by_id(&supervision, context, "Delete a supervision meeting recorded by mistake",
                 remove_supervision);
}

void setup_checkin_corrections(CLI::App& checkin, Context& context) {
    struct Options {
        std::int64_t id = 0;
        GivenText date, stress, energy, note;
        bool needs_support = false, no_needs_support = false, share = false, keep_private = false;
    };
    auto o = std::make_shared<Options>();
    auto* edit = checkin.add_subcommand("edit", "Correct a check-in");
    edit->add_option("id", o->id, "The check-in's id")->required();
    add_given(edit, "--stress", o->stress, "1 (calm) to 5 (overwhelmed)", "1-5");
    add_given(edit, "--energy", o->energy, "1 (drained) to 5 (full)", "1-5");
    auto* needs = edit->add_flag("--needs-support", o->needs_support,
                                 "You would like support from your supervisor");
    edit->add_flag("--no-needs-support", o->no_needs_support, "You no longer need it")
        ->excludes(needs);
    add_given(edit, "--note", o->note, "A private note (none clears it)", "TEXT");
    auto* share =
        edit->add_flag("--share", o->share, "Let reports show its scores (never its note)");
    edit->add_flag("--private", o->keep_private, "Keep it out of reports")->excludes(share);
    add_given(edit, "--date", o->date, "Day of the check-in", "DATE");
    edit->callback([o, &context] {
        // A refused edit keeps its private note as a draft, as a refused check-in add does.
        keeping_note(
            NoteInput{o->note.clearable().value_or(""), NoteSource::argument},
            [&] {
                Date today = context.today();
                CheckinEdit change;
                change.date = given_date(o->date, today);
                change.stress = given_number(o->stress, 1, 5);
                change.energy = given_number(o->energy, 1, 5);
                if (o->needs_support || o->no_needs_support) {
                    change.needs_support = o->needs_support;
                }
                if (o->share || o->keep_private) {
                    change.shared = o->share;
                }
                change.note = o->note.clearable();
                refuse_empty_edit(change.empty(), "checkin edit", std::to_string(o->id));
                Journal journal = context.open_journal(OpenMode::update);
                edit_checkin(journal, o->id, change, today);
            },
            k_checkin_note, DraftTarget{context, {}}); // the specialist's own: about no peer
        context.tell(fmt::format("updated check-in {}", o->id));
    });
    add_rm_by_id(&checkin, context, "Delete a check-in", remove_checkin);
}

void setup_resource_corrections(CLI::App& resource, Context& context) {
    struct Options {
        std::string name;
        GivenText new_name, category, contact;
    };
    auto o = std::make_shared<Options>();
    auto* edit = resource.add_subcommand("edit", "Rename or correct a resource");
    edit->add_option("name", o->name, "The resource's name")->required();
    add_given(edit, "--name", o->new_name, "Its new name", "NAME");
    add_given(edit, "--category", o->category, "e.g. housing, food, treatment, mutual-aid",
              "CATEGORY");
    add_given(edit, "--contact", o->contact, "How to reach it (none clears it)", "TEXT");
    edit->callback([o, &context] {
        ResourceEdit change;
        change.name = o->new_name.text();
        change.category = o->category.text();
        change.contact = o->contact.clearable();
        refuse_empty_edit(change.empty(), "resource edit", fmt::format("'{}'", o->name));
        Journal journal = context.open_journal(OpenMode::update);
        Resource saved = edit_resource(journal, o->name, change);
        context.tell(fmt::format("updated resource '{}'", saved.name));
    });
    add_rm_by_name(&resource, context, "Delete a resource no referral points to", remove_resource);
}

void setup_group_corrections(CLI::App& group, Context& context) {
    struct Options {
        std::string name;
        GivenText new_name, schedule;
    };
    auto o = std::make_shared<Options>();
    auto* edit = group.add_subcommand("edit", "Rename a group or change its schedule");
    edit->add_option("name", o->name, "The group's name")->required();
    add_given(edit, "--name", o->new_name, "Its new name", "NAME");
    add_given(edit, "--schedule", o->schedule, "When it meets (none clears it)", "TEXT");
    edit->callback([o, &context] {
        GroupEdit change;
        change.name = o->new_name.text();
        change.schedule = o->schedule.clearable();
        refuse_empty_edit(change.empty(), "group edit", fmt::format("'{}'", o->name));
        Journal journal = context.open_journal(OpenMode::update);
        Group saved = edit_group(journal, o->name, change);
        context.tell(fmt::format("updated group '{}'", saved.name));
    });
    add_rm_by_name(&group, context, "Delete a group no session was logged for", remove_group);
}

void setup_consent_removal(CLI::App& consent, Context& context) {
    struct Options {
        std::int64_t id = 0;
        std::string reason;
        RemoveFlags flags;
    };
    auto o = std::make_shared<Options>();
    auto* rm = consent.add_subcommand(
        "rm", "Delete a consent recorded by mistake, with the reason (asks first on a terminal; "
              "a consent the peer withdrew is revoked, not deleted)");
    rm->add_option("id", o->id, "The consent's id")->required();
    rm->add_option("--reason", o->reason,
                   "Why it was recorded by mistake (kept; sealed in an encrypted journal)")
        ->type_name("TEXT")
        ->required();
    add_remove_flags(rm, o->flags);
    rm->callback([o, &context] {
        run_record_removal(o->flags, context, [&](Journal& journal, Removal mode) {
            return remove_consent(journal, o->id, o->reason, mode);
        });
    });
}

// The corrections of each command group, by the group's name.
struct GroupCorrections {
    std::string_view group;
    void (*setup)(CLI::App&, Context&);
};
constexpr GroupCorrections k_group_corrections[] = {
    {"goal", setup_goal_corrections},       {"referral", setup_referral_corrections},
    {"assess", setup_assess_corrections},   {"supervision", setup_supervision_corrections},
    {"checkin", setup_checkin_corrections}, {"resource", setup_resource_corrections},
    {"group", setup_group_corrections},     {"consent", setup_consent_removal},
};

} // namespace

void setup_correction_commands(CLI::App& app, Context& context) {
    // Only the groups this run declared: a run declares only the group it needs.
    for (CLI::App* declared : app.get_subcommands([](CLI::App*) { return true; })) {
        for (const GroupCorrections& corrections : k_group_corrections) {
            if (declared->get_name() == corrections.group) {
                corrections.setup(*declared, context);
            }
        }
    }
}

} // namespace peerlog::cli
