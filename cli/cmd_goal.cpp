// `peerlog goal add|list|set`: the peers' recovery-plan goals.
#include "command_list.hpp"
#include "commands.hpp"
#include "output_options.hpp"
#include "pager.hpp"

#include "peerlog/goal.hpp"
#include "peerlog/record_output.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {

void setup_goal_commands(CLI::App& app, Context& context) {
    auto* goal = add_command(app, "goal");
    goal->require_subcommand(1);

    struct AddOptions {
        std::string peer, domain, text, target, date;
    };
    auto added = std::make_shared<AddOptions>();
    auto* add = goal->add_subcommand("add", "Add a goal for a peer; prints its id");
    add->add_option("code", added->peer, "The peer's code")->required();
    add->add_option("text", added->text, "The goal, in the peer's words")->required();
    add->add_option("--domain", added->domain,
                    "housing, employment, education, health, relationships, legal, "
                    "recovery-community or other")
        ->type_name("DOMAIN")
        ->required();
    add->add_option("--target", added->target, "Target date")->type_name("DATE");
    add->add_option("--date", added->date, "Day the goal was set (default: today)")
        ->type_name("DATE");
    add->callback([added, &context] {
        Date today = context.today();
        Goal goal;
        goal.peer_code = added->peer;
        goal.domain = parse_goal_domain(added->domain);
        goal.text = added->text;
        goal.opened_on = added->date.empty() ? today : parse_date(added->date, today, "--date");
        goal.status_on = goal.opened_on;
        if (!added->target.empty()) {
            goal.target = parse_date(added->target, today, "--target", DatePreference::future);
        }
        validate(goal, today);
        Journal journal = context.open_journal(OpenMode::write);
        std::int64_t id = add_goal(journal, goal, today);
        std::cout << id << "\n";
        context.tell(fmt::format("added goal {} for {}", id, goal.peer_code));
    });

    struct ListOptions {
        std::string peer;
        ListingOutput shown;
    };
    auto list_options = std::make_shared<ListOptions>();
    auto* list = goal->add_subcommand("list", "List goals, all or one peer's");
    list->add_option("code", list_options->peer, "Only this peer's goals");
    add_listing_output(list, list_options->shown, "table, csv, json or xlsx");
    list->callback([list_options, &context] {
        auto format = listing_format(list_options->shown, {OutputFormat::table, OutputFormat::csv,
                                                           OutputFormat::json, OutputFormat::xlsx});
        Journal journal = context.open_journal(OpenMode::read);
        auto goals = list_goals(journal, list_options->peer.empty()
                                             ? std::nullopt
                                             : std::optional<std::string>(list_options->peer));
        if (goals.empty() && format == OutputFormat::table) {
            context.tell("no goals yet: add one with `peerlog goal add CODE --domain D \"TEXT\"`.");
            return;
        }
        write_listing_output(list_options->shown, context,
                             [&](std::ostream& out, const RenderStyle& style) {
                                 write_goal_list(out, goals, format, style);
                             });
    });

    struct SetOptions {
        std::int64_t id = 0;
        std::string status, date;
    };
    auto set_options = std::make_shared<SetOptions>();
    auto* set = goal->add_subcommand("set", "Change a goal's status");
    set->add_option("id", set_options->id, "The goal's id")->required();
    set->add_option("--status", set_options->status, "open, progressing, achieved or dropped")
        ->type_name("STATUS")
        ->required();
    set->add_option("--date", set_options->date, "Day of the change (default: today)")
        ->type_name("DATE");
    set->callback([set_options, &context] {
        Date today = context.today();
        GoalStatus status = parse_goal_status(set_options->status);
        Date on =
            set_options->date.empty() ? today : parse_date(set_options->date, today, "--date");
        Journal journal = context.open_journal(OpenMode::write);
        Goal goal = set_goal_status(journal, set_options->id, status, on, today);
        context.tell(fmt::format("goal {} is now {}", goal.id, to_string(goal.status)));
    });
}

} // namespace peerlog::cli
